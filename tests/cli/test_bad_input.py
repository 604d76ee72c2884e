"""Every bad input: a non-zero exit, one line naming the file and problem, nothing changed."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.runner import qcode
from tests.factories import ABSTRACT_EN, ris_record, write_docx, write_encrypted_pdf, write_ris


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.qcode"
    assert qcode("init", path).code == 0
    good = write_ris(
        tmp_path / "good.ris", [ris_record("A first study of coordination", ABSTRACT_EN)]
    )
    assert qcode("import", path, good).code == 0
    return path


def docs_of(project):
    run = qcode("docs", project, "--json")
    assert run.code == 0
    return run.json()


def assert_one_line_error(run, *fragments):
    assert run.code != 0
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("qcode: error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in run.err


def make_binary_txt(folder: Path) -> Path:
    path = folder / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    return path


def make_empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def make_truncated_docx(folder: Path) -> Path:
    path = write_docx(folder / "cut.docx", ["Paragraph of the report."] * 40)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def make_corrupt_pdf(folder: Path) -> Path:
    path = folder / "corrupt.pdf"
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <<>>\n%%EOF"
    )
    return path


def make_encrypted_pdf(folder: Path) -> Path:
    return write_encrypted_pdf(folder / "locked.pdf", "Confidential findings.")


def make_broken_ris(folder: Path) -> Path:
    path = folder / "broken.ris"
    path.write_text(
        ris_record("Second study of legitimacy", ABSTRACT_EN + " Two.")
        + "TY  - JOUR\nTI  - Never closed\n\n"
        + ris_record("Third study of obstacles", ABSTRACT_EN + " Three."),
        encoding="utf-8",
    )
    return path


BAD_FILES = [
    (make_binary_txt, "photo.txt: binary data"),
    (make_empty, "empty.txt: file is empty"),
    (make_truncated_docx, "cut.docx: damaged Word document"),
    (make_corrupt_pdf, "corrupt.pdf: "),
    (make_encrypted_pdf, "locked.pdf: encrypted PDF"),
    (make_broken_ris, "broken.ris record 2 (line 9): no ER line before the next TY (line 12)"),
]


@pytest.mark.parametrize(("make", "message"), BAD_FILES, ids=[m.__name__[5:] for m, _ in BAD_FILES])
def test_bad_file_exits_non_zero_and_changes_nothing(project, tmp_path, make, message):
    before = docs_of(project)
    bad = make(tmp_path)
    other_good = write_ris(tmp_path / "other.ris", [ris_record("Unrelated new study", "New text.")])
    run = qcode("import", project, other_good, bad)
    assert_one_line_error(run, message)
    assert docs_of(project) == before


def test_broken_ris_record_is_left_out_with_skip_bad(project, tmp_path):
    run = qcode("import", project, make_broken_ris(tmp_path), "--skip-bad", "--json")
    assert run.code == 0
    report = run.json()
    assert [d["title"] for d in report["imported"]] == [
        "Second study of legitimacy",
        "Third study of obstacles",
    ]
    assert "record 2" in report["bad"][0]


def test_file_over_the_size_limit(project, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("kerja sama dan koordinasi " * 4000)
    before = docs_of(project)
    run = qcode("import", project, big, "--max-size", "0.05")
    assert_one_line_error(run, "big.txt: file is 0.1 MB, over the 0 MB limit")
    assert docs_of(project) == before


def test_path_that_does_not_exist(project, tmp_path):
    before = docs_of(project)
    assert_one_line_error(qcode("import", project, tmp_path / "nope.ris"), "nope.ris: no such file")
    assert docs_of(project) == before


def test_project_that_does_not_exist(tmp_path):
    assert_one_line_error(qcode("docs", tmp_path / "missing.qcode"), "missing.qcode", "qcode init")


@contextlib.contextmanager
def read_only_folder(folder: Path):
    """A folder nobody may write to: by permissions, or for root by a read-only bind mount."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "--bind", folder, folder], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("running as root and cannot make a read-only bind mount here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", folder, folder], check=True)
        yield folder
    finally:
        subprocess.run(["umount", folder], check=False)


def test_project_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only_folder(folder):
        run = qcode("init", folder / "p.qcode")
        assert_one_line_error(run, "p.qcode", "read-only")
        assert not (folder / "p.qcode").exists()


def test_existing_project_in_a_read_only_folder_refuses_imports(project, tmp_path):
    source = write_ris(tmp_path / "new.ris", [ris_record("A brand new study", "Fresh text.")])
    with read_only_folder(project.parent):
        assert_one_line_error(qcode("import", project, source), str(project))
    assert [d["title"] for d in docs_of(project)] == ["A first study of coordination"]


def test_postgresql_url_that_cannot_connect():
    run = qcode("docs", "postgresql://someone:hunter2@127.0.0.1:9/none")
    assert_one_line_error(
        run, "cannot use PostgreSQL at postgresql+psycopg://someone:***@127.0.0.1:9/none"
    )
    assert "hunter2" not in run.err


def test_unsupported_extension_and_bad_where(project, tmp_path):
    odd = tmp_path / "slides.pptx"
    odd.write_bytes(b"PK\x03\x04")
    assert_one_line_error(
        qcode("import", project, odd), "slides.pptx: unsupported file type '.pptx'"
    )
    assert_one_line_error(qcode("docs", project, "--where", "year"), "expected NAME=VALUE")
    assert_one_line_error(qcode("show", project, "12345"), "no document matches '12345'")


def test_a_damaged_project_file_is_one_line_and_exit_status_4(tmp_path):
    from qcode.demo.build import build_demo

    project, _ = build_demo(tmp_path / "demo.qcode")
    project.close()
    path = tmp_path / "demo.qcode"
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # inner pages scribbled over; the schema pages kept
        for page in range(20, size // 4096 - 2, 5):
            handle.seek(page * 4096 + 100)
            handle.write(b"\xa5" * 2000)  # the same damage every run
    for command in (("docs", path), ("segments", path), ("matrix", path)):
        run = qcode(*command)
        assert run.code == 4, run.err
        (line,) = run.err.strip().splitlines()
        assert "demo.qcode" in line and "damaged" in line
