"""Loading codebooks into projects with coding in them, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from qcode.core.errors import InputFileError
from qcode.io.codebook_yaml import read_codebook_yaml, write_codebook_yaml
from qcode.services.codebooks import export_codebook, load_codebook, project_codebook
from qcode.store.models import CodeRow, Event, Segment
from tests.codebook_factories import SHIPPED, add_segments

SLOW = "5ec2f194-6b4d-477c-895b-7c42166ad981"  # Obstacles > Slow government response
ROTATION = "99eef35e-2350-408f-b07b-bee1c37c402a"  # Obstacles > Rotation of officials
MISTRUST = "24b3a3ae-89f1-4e86-bf5b-49ccc21e26f0"  # Obstacles > Mistrust between partners
DEFINITIONS = "e9c317d9-cc75-47c1-9c91-f34502528dcc"  # Obstacles > Differing definitions


def state(project):
    with project.reading() as session:
        return (
            session.scalar(select(func.count(CodeRow.id))),
            session.scalar(select(func.count(Segment.id))),
            session.scalar(select(func.count(Event.id))),
        )


def edited(tmp_path):
    """The shipped codebook after a supervisor's edits: a rename, a move, two codes gone."""
    codebook, _ = read_codebook_yaml(SHIPPED)
    from dataclasses import replace

    legitimacy = next(c for c in codebook.codes if c.name == "Legitimacy").guid
    codes = []
    for code in codebook.codes:
        if code.guid in (ROTATION, MISTRUST):
            continue
        if code.guid == SLOW:
            code = replace(code, name="Slow or late government response")
        if code.guid == DEFINITIONS:
            code = replace(code, parent=legitimacy)
        codes.append(code)
    path = tmp_path / "edited.yaml"
    write_codebook_yaml(replace(codebook, codes=tuple(codes), version="1.1").in_tree_order(), path)
    return path


def test_loading_the_shipped_codebook_then_again_changes_nothing(project):
    first = load_codebook(project, SHIPPED, coder="ayu")
    assert len(first.plan.diff.added) == 23
    codebook, _ = project_codebook(project)
    assert [c.name for c in codebook.children(None)][:2] == ["Obstacles", "Legitimacy"]
    again = load_codebook(project, SHIPPED, coder="ayu")
    assert again.plan.diff.is_empty() and again.plan.retired == ()
    assert project_codebook(project)[0] == codebook


def test_an_edited_codebook_reports_renames_moves_and_keeps_used_codes(project, tmp_path):
    load_codebook(project, SHIPPED, coder="ayu")
    add_segments(project, {SLOW: 2, ROTATION: 1, DEFINITIONS: 1})
    report = load_codebook(project, edited(tmp_path), coder="ayu")
    diff = report.plan.diff
    assert [(p.old.name, p.new.name) for p in diff.renamed()] == [
        ("Slow government response", "Slow or late government response")
    ]
    assert [p.new.name for p in diff.moved()] == ["Differing definitions of victims"]
    assert {c.guid for c in report.plan.retired} == {ROTATION, MISTRUST}
    codebook, usage = project_codebook(project)
    by_guid = codebook.by_guid()
    assert by_guid[SLOW].name == "Slow or late government response" and usage[SLOW] == 2
    assert codebook.path(DEFINITIONS) == "Legitimacy > Differing definitions of victims"
    assert by_guid[ROTATION].retired and usage[ROTATION] == 1
    assert by_guid[MISTRUST].retired
    assert codebook.version == "1.1"


def test_prune_deletes_only_unused_codes(project, tmp_path):
    load_codebook(project, SHIPPED, coder="ayu")
    add_segments(project, {ROTATION: 1})
    report = load_codebook(project, edited(tmp_path), coder="ayu", prune=True)
    assert [c.guid for c in report.plan.deleted] == [MISTRUST]
    assert [c.guid for c in report.plan.retired] == [ROTATION]
    codebook, usage = project_codebook(project)
    assert MISTRUST not in codebook.by_guid() and usage[ROTATION] == 1


def test_dry_run_reports_but_writes_nothing(project, tmp_path):
    load_codebook(project, SHIPPED, coder="ayu")
    before = state(project)
    report = load_codebook(project, edited(tmp_path), coder="ayu", dry_run=True, prune=True)
    assert report.dry_run and len(report.plan.deleted) == 2
    assert state(project) == before


def test_a_bad_codebook_leaves_the_project_unchanged(project, tmp_path):
    load_codebook(project, SHIPPED, coder="ayu")
    before = state(project)
    bad = tmp_path / "bad.yaml"
    bad.write_text(SHIPPED.read_text(encoding="utf-8").replace("'#C0392B'", "'#C0392'"), "utf-8")
    with pytest.raises(InputFileError, match=r"bad.yaml:\d+: code 'Obstacles': colour '#C0392'"):
        load_codebook(project, bad, coder="ayu")
    assert state(project) == before


def test_loading_is_logged_with_the_codebook_before_and_after(project, tmp_path):
    load_codebook(project, SHIPPED, coder="ayu")
    load_codebook(project, edited(tmp_path), coder="budi")
    with project.reading() as session:
        events = session.scalars(select(Event).where(Event.action == "load_codebook")).all()
        assert events[0].before is None
        assert "Slow government response" in events[1].before["yaml"]
        assert "Slow or late government response" in events[1].after["yaml"]


@pytest.mark.parametrize("suffix", [".yaml", ".qdc", ".csv", ".xlsx", ".docx"])
def test_export_in_every_format(project, tmp_path, suffix):
    load_codebook(project, SHIPPED, coder="ayu")
    out = tmp_path / f"book{suffix}"
    export_codebook(project, out)
    assert out.stat().st_size > 1000
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".book-")]
