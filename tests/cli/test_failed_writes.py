"""Writes the file system refuses (a read-only folder, a full disk) end in one line with
exit status 5 and leave nothing behind; a killed write's leftovers are removed next time."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.cli.runner import qcode
from tests.cli.test_bad_input import assert_one_line_error, read_only_folder

# Every command that writes a file, with the kind of file it writes.
WRITERS = [
    ("matrix", "{p}", "-o", "{out}/themes.xlsx"),
    ("matrix", "{p}", "--cols", "attr:year:5", "-o", "{out}/themes.csv"),
    ("report", "{p}", "-o", "{out}/chapter.docx"),
    ("codebook", "export", "{p}", "{out}/codebook.docx"),
    ("excerpts", "{p}", "-o", "{out}/excerpts.xlsx"),
    ("synthesis", "{p}", "-o", "{out}/previous.docx"),
    ("chart", "{p}", "frequencies", "{out}/frequencies.png"),
    ("frequencies", "{p}", "-o", "{out}/frequencies.md"),
]


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    run = qcode("demo", "--no-open", "--path", folder / "demo.qcode")
    assert run.code == 0, run.err
    return folder / "demo.qcode"


@pytest.fixture
def project(demo_project, tmp_path) -> Path:
    copy = tmp_path / "review.qcode"
    shutil.copy(demo_project, copy)
    return copy


def _args(command, project, out):
    return [part.format(p=project, out=out) for part in command]


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: f"{c[0]}-{Path(c[-1]).suffix}")
def test_writing_into_a_read_only_folder(project, tmp_path, command):
    out = tmp_path / "out"
    out.mkdir()
    with read_only_folder(out):
        run = qcode(*_args(command, project, out))
    assert run.code == 5, run.err
    assert_one_line_error(run, str(out), "nothing was written")
    assert list(out.iterdir()) == []


@contextlib.contextmanager
def small_disk(folder: Path, size: str):
    """A tmpfs of ``size`` mounted on ``folder`` (needs root, like the read-only mount)."""
    if os.geteuid() != 0:
        pytest.skip("a full disk is made with a small tmpfs, which needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", folder], check=False)


@pytest.mark.parametrize("command", WRITERS[:6], ids=lambda c: f"{c[0]}-{Path(c[-1]).suffix}")
def test_writing_onto_a_full_disk(project, tmp_path, command):
    out = tmp_path / "full"
    out.mkdir()
    with small_disk(out, "4k"):  # one block, which keep.txt takes
        (out / "keep.txt").write_text("what was there stays\n")
        run = qcode(*_args(command, project, out))
        assert run.code == 5, run.err
        assert_one_line_error(run, "No space left on device", "nothing was written")
        assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_a_killed_export_are_removed_by_the_next(project, tmp_path):
    target = tmp_path / "themes.xlsx"
    dead = tmp_path / f".themes.xlsx.{_dead_pid()}-k1ll3d.tmp.xlsx"
    dead.write_bytes(b"half a workbook")
    spill = Path(f"{dead}.d")
    spill.mkdir()
    (spill / "openpyxl.abc").write_text("rows")
    alive = tmp_path / f".themes.xlsx.{os.getpid()}-w0rk1ng.tmp.xlsx"  # a write going on
    alive.write_bytes(b"")
    other = tmp_path / f".other.xlsx.{_dead_pid()}-x.tmp.xlsx"  # another target's: not ours
    other.write_bytes(b"")
    run = qcode("matrix", project, "-o", target)
    assert run.code == 0, run.err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == sorted(
        [alive.name, other.name]
    )
    assert target.stat().st_size > 0


def test_spreadsheet_rows_spill_beside_the_output_not_into_the_system_temp(tmp_path):
    from qcode.io.excerpt_files import write_excerpts

    system_temp = Path(tempfile.gettempdir())
    before = set(system_temp.glob("openpyxl.*"))
    seen: list[list[str]] = []

    def rows():
        for n in range(3):
            # While the workbook is written its spilled rows sit beside the scratch file.
            seen.append(sorted(p.name for p in tmp_path.glob(".excerpts.xlsx.*.d/*")))
            yield [f"kutipan {n}", n]

    assert write_excerpts(["text", "n"], rows(), tmp_path / "excerpts.xlsx") == 3
    assert seen and all(any(n.startswith("openpyxl.") for n in names) for names in seen)
    assert set(system_temp.glob("openpyxl.*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["excerpts.xlsx"]


def test_a_matrix_wider_than_a_sheet_offers_the_transposed_layout(tmp_path):
    from qcode.core.errors import UsageError
    from qcode.core.matrix import Header, Matrix
    from qcode.io.matrix_files import write_matrix

    cols = [Header(f"d{n}", f"Document {n}") for n in range(16_400)]
    matrix = Matrix(rows=[Header("c1", "Obstacles")], cols=cols, measure="segments", cells={})
    with pytest.raises(UsageError, match="at most 16,384 columns .* swap --rows and --cols"):
        write_matrix(matrix, tmp_path / "wide.xlsx")
    assert list(tmp_path.iterdir()) == []
    write_matrix(matrix, tmp_path / "wide.csv")  # CSV has no such limit


def test_a_project_in_a_read_only_folder_opens_for_reading(project, tmp_path):
    with read_only_folder(project.parent):
        docs = qcode("docs", project, "--json")
        assert docs.code == 0, docs.err
        assert len(docs.json()) == 17
        assert qcode("search", project, "koordinasi").code == 0
        matrix = qcode("matrix", project, "-o", tmp_path.parent / f"{tmp_path.name}-m.csv")
        assert matrix.code == 0, matrix.err
        run = qcode("code", project, "1", "Obstacles", "0", "10")
        assert_one_line_error(run, str(project), "opened read-only", "nothing was changed")
        assert run.code == 4
    assert qcode("segments", project, "--json").code == 0


def test_numbers_that_are_not_finite_are_refused(project, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Kerja sama pemerintah dan LSM.")
    for value in ("nan", "inf", "1e400", "-1", "0"):
        run = qcode("import", project, source, "--max-size", value)
        assert run.code == 2, (value, run.err)
        assert "--max-size" in run.err and "Traceback" not in run.err
    run = qcode("autocode", project, "--threshold", "nan")
    assert run.code == 2 and "not a finite number" in run.err


def test_an_upgrade_whose_backup_does_not_fit_changes_nothing_and_leaves_no_backup(tmp_path):
    from qcode.store.engine import make_engine
    from qcode.store.location import resolve
    from qcode.store.schema import upgrade_to

    old = tmp_path / "v1.qcode"
    engine = make_engine(resolve(old))
    with engine.begin() as connection:
        upgrade_to(connection, "0001")
    engine.dispose()
    original = old.read_bytes()
    disk = tmp_path / "disk"
    disk.mkdir()
    with small_disk(disk, "112k"):  # the project fits, its backup does not
        shutil.copy(old, disk / "v1.qcode")
        for _ in range(2):
            run = qcode("docs", disk / "v1.qcode")
            assert run.code == 4
            assert_one_line_error(run, "cannot write the backup", "nothing was changed")
        assert [p.name for p in disk.iterdir() if "backup" in p.name] == []
        assert (disk / "v1.qcode").read_bytes() == original


def test_an_unexpected_error_is_one_line_and_its_traceback_is_logged(tmp_path, monkeypatch):
    from qcode.cli.main import _unexpected

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    try:
        raise RuntimeError("first line\n[SQL: INSERT INTO documents ...]\n[parameters: ...]")
    except RuntimeError as exc:
        line = _unexpected(exc, ["import", "p.qcode", "x.ris"])
    log = tmp_path / "state" / "qcode" / "errors.log"
    assert line == f"unexpected RuntimeError: first line (details in {log}; please report it)"
    logged = log.read_text()
    assert "qcode import p.qcode x.ris" in logged and "Traceback" in logged
    assert "[SQL: INSERT" in logged
