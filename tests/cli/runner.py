"""Running the real ``qcode`` command in a child process, as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def qcode(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    user: int | None = None,
) -> Run:
    environment = {**os.environ, "QCODE_CODER": "tester", **(env or {})}
    environment.pop("QCODE_DB", None) if env is None or "QCODE_DB" not in env else None
    process = subprocess.run(
        [sys.executable, "-m", "qcode", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=120,
        user=user,
    )
    return Run(process.returncode, process.stdout, process.stderr)
