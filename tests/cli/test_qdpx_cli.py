"""`qcode export`, `import` and `merge` with REFI-QDA projects, as a user runs them."""

from __future__ import annotations

from pathlib import Path

from qcode.store.location import resolve
from qcode.store.project import Project
from tests.cli.runner import qcode
from tests.qdpx_factories import coded_exchange_project, nvivo_qdpx


def _coded(tmp_path: Path) -> Path:
    path = tmp_path / "review.qcode"
    with Project.create(resolve(path)) as project:
        coded_exchange_project(project, tmp_path)
    return path


def test_export_then_import_into_a_new_project_and_merge_back(tmp_path):
    project = _coded(tmp_path)
    out = tmp_path / "review.qdpx"
    exported = qcode("export", project, out, "--json")
    assert exported.code == 0, exported.err
    assert exported.json()["selections"] == 5 and exported.json()["users"] == 2
    imported = qcode("import", tmp_path / "new.qcode", out, "--json")
    assert imported.code == 0, imported.err
    assert imported.json()["documents_added"] == 2 and imported.json()["segments_added"] == 5
    segments = qcode("segments", tmp_path / "new.qcode", "--json")
    assert len(segments.json()) == 5
    merged = qcode("merge", project, out, "--json")
    assert merged.code == 0, merged.err
    (source,) = merged.json()["sources"]
    assert (source["segments_added"], source["segments_present"]) == (0, 5)


def test_export_narrowed_to_one_coder_and_some_documents(tmp_path):
    project = _coded(tmp_path)
    run = qcode(
        "export",
        project,
        tmp_path / "ayu.qdpx",
        "--coder",
        "ayu",
        "--where",
        "year=2019",
        "--json",
    )
    assert run.code == 0, run.err
    assert (run.json()["sources"], run.json()["selections"], run.json()["users"]) == (1, 2, 1)


def test_export_refuses_other_formats_in_one_line(tmp_path):
    run = qcode("export", _coded(tmp_path), tmp_path / "out.csv")
    assert run.code == 2
    assert "out.csv" in run.err and "qcode excerpts" in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert not (tmp_path / "out.csv").exists()


def test_a_bad_qdpx_leaves_no_project_behind(tmp_path):
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(b"not a zip at all")
    run = qcode("import", tmp_path / "new.qcode", bad)
    assert run.code != 0
    assert "bad.qdpx" in run.err and len(run.err.strip().splitlines()) == 1
    assert list(tmp_path.glob("new.qcode*")) == []


def test_nvivo_file_imports_with_its_users_and_utf16_positions(tmp_path):
    source = nvivo_qdpx(tmp_path / "nvivo.qdpx")
    run = qcode("import", tmp_path / "nvivo.qcode", source)
    assert run.code == 0, run.err
    assert "written by NVivo 14" in run.out
    segments = qcode("segments", tmp_path / "nvivo.qcode", "--json").json()
    assert sorted(s["text"] for s in segments) == sorted(
        ["terhambat", "Mitra resmi", "diakui pemerintah", "Akhir"]
    )
    assert {s["coder"] for s in segments} == {"Sari"}
