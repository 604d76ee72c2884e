"""Every importer and codebook reader, fed damaged files: each file is imported or refused
with exit status 3 in one line, never a traceback or an "unexpected" error, within 10 s and
500 MB, and a refused file leaves the project exactly as it was.

The corpus is made fresh from a seed (``QCODE_FUZZ_SEED``, ``QCODE_FUZZ_PER_KIND`` change
it); a failure prints the seed so that the same files can be made again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.io.fuzz_corpus import SEEDS, corpus

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAX_PEAK_MB = 500
MAX_SECONDS = 10


def _problems(result: dict) -> list[str]:
    found = []
    code, stderr = result["code"], result["stderr"]
    lines = stderr.strip().splitlines()
    if code not in (0, 3):
        found.append(f"exit {code}")
    if "Traceback" in stderr or "error: unexpected " in stderr:
        found.append("a traceback or an unexpected error")
    if any(not line.startswith(("qcode: error: ", "qcode: warning: ")) for line in lines):
        found.append("output that is not one line per message")
    if code == 3 and sum(line.startswith("qcode: error: ") for line in lines) != 1:
        found.append("not exactly one error line")
    if code == 3 and not result["unchanged"]:
        found.append("the project changed although the file was refused")
    if result["seconds"] > MAX_SECONDS:
        found.append(f"took {result['seconds']} s")
    return found


def test_damaged_files_are_imported_or_refused_in_one_line(tmp_path):
    seed = int(os.environ.get("QCODE_FUZZ_SEED", "20261203"))
    per_kind = int(os.environ.get("QCODE_FUZZ_PER_KIND", "30"))
    made = corpus(tmp_path, per_kind, seed)
    seeds = [
        (kind, action, next((tmp_path / "seeds" / kind).iterdir()))
        for kind, (_, action) in SEEDS.items()
    ]
    manifest = tmp_path / "manifest.json"
    entries = [{"kind": k, "action": a, "path": str(p)} for k, a, p in seeds + made]
    manifest.write_text(json.dumps(entries))
    results_file = tmp_path / "results.json"
    subprocess.run(
        [sys.executable, "-m", "tests.io.fuzz_runner", str(manifest), str(results_file)],
        cwd=REPO,
        check=True,
        timeout=600,
        env={**os.environ, "QCODE_CODER": "fuzz"},
    )
    results = json.loads(results_file.read_text())
    assert {r["kind"] for r in results} == set(SEEDS)  # every reader was fed
    sound = results[: len(seeds)]
    assert [r["code"] for r in sound] == [0] * len(seeds), sound
    failures = [
        f"{r['file']}: {', '.join(p)}; stderr: {r['stderr'].strip()[:300]!r}"
        for r in results
        if (p := _problems(r))
    ]
    assert not failures, f"seed {seed}:\n" + "\n".join(failures)
    heaviest = max(results, key=lambda r: r["peak_mb"])
    assert heaviest["peak_mb"] < MAX_PEAK_MB, (
        f"seed {seed}: {heaviest['file']} peaked at {heaviest['peak_mb']:.0f} MB"
    )
    refused = sum(r["code"] == 3 for r in results)
    assert 0 < refused < len(results)  # the corpus holds both kinds
