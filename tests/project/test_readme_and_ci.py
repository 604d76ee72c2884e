"""The README's promises about itself and CI stay true."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "the quick start has a sh code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands_demo_and_tests():
    demo, tests = quick_start_commands()
    assert demo.startswith("python3 ") and demo.endswith("qcode demo")
    assert tests.startswith("python3 ") and "pytest" in tests


def test_ci_runs_the_readme_test_command():
    extracted = subprocess.run(
        [
            "awk",
            "/^## Quick start/ {q=1} q && /^```/ {n++; next} q && n==1 && /pytest/ {print; exit}",
            str(REPO / "README.md"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert extracted == quick_start_commands()[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert 'bash -c "$test_command"' in ci


def test_import_layers_are_kept():
    lint = REPO / ".venv" / "bin" / "lint-imports"
    command = [str(lint)] if lint.exists() else [sys.executable, "-m", "importlinter.cli"]
    run = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "broken" in run.stdout and "0 broken" in run.stdout


def test_the_core_imports_without_database_or_ui_libraries():
    code = (
        "import sys, qcode.core.text, qcode.core.attributes, qcode.core.duplicates, "
        "qcode.core.language, qcode.core.records; "
        "bad = {'sqlalchemy', 'textual', 'docx', 'pypdf'} & set(sys.modules); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_version_starts_without_loading_the_store():
    code = (
        "import sys; from qcode.cli.main import build_parser; build_parser(); "
        "assert 'sqlalchemy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
