"""Coding spans, memos, and persisted per-coder undo/redo, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qcode.core.errors import UsageError
from qcode.services.codebook_edits import delete_code, update_code
from qcode.services.coding import code_span, list_segments, uncode
from qcode.services.memos import memo_of, set_memo
from qcode.services.undo import redo, undo
from qcode.store.location import resolve
from qcode.store.project import Project
from tests.coding_factories import TEXTS, coded_project

COORD = "Coordination complexity"


@pytest.fixture
def coded(project, tmp_path):
    return coded_project(project, tmp_path)


def test_overlapping_segments_are_allowed_and_report_their_text(coded):
    a = code_span(coded, "1", COORD, 0, 22, coder="ayu")
    b = code_span(coded, "1", "Obstacles", 10, 38, coder="ayu")
    c = code_span(coded, "1", COORD, 0, 22, coder="budi")
    text = TEXTS[0][1]
    assert (a.text, b.text, c.text) == (text[0:22], text[10:38], text[0:22])
    assert [s.id for s in list_segments(coded, document="1")] == [a.id, c.id, b.id]


def test_the_same_code_span_and_coder_is_not_stored_twice(coded):
    code_span(coded, "1", COORD, 0, 22, coder="ayu")
    with pytest.raises(UsageError, match="already coded"):
        code_span(coded, "1", COORD, 0, 22, coder="ayu")


@pytest.mark.parametrize(
    ("doc", "code", "start", "end", "message"),
    [
        ("1", COORD, 0, 10_000, "outside document 1"),
        ("1", COORD, -1, 5, "outside document 1"),
        ("1", COORD, 5, 5, "empty or reversed"),
        ("1", COORD, 9, 3, "empty or reversed"),
        ("99", COORD, 0, 5, "no document matches"),
        ("1", "No such code", 0, 5, "no code 'No such code'"),
    ],
)
def test_invalid_spans_are_refused(coded, doc, code, start, end, message):
    with pytest.raises(UsageError, match=message):
        code_span(coded, doc, code, start, end, coder="ayu")


def test_retired_codes_take_no_new_coding(coded):
    update_code(coded, COORD, coder="ayu", retired=True)
    with pytest.raises(UsageError, match="is retired"):
        code_span(coded, "1", COORD, 0, 5, coder="ayu")


def test_undo_and_redo_survive_reopening_the_project(coded, project_ref):
    segment = code_span(coded, "1", COORD, 0, 22, coder="ayu")
    coded.close()
    reopened = Project.open(resolve(project_ref))
    try:
        assert undo(reopened, coder="ayu").startswith("code 'Coordination complexity'")
        assert list_segments(reopened) == []
        reopened.close()
        again = Project.open(resolve(project_ref))
        redo(again, coder="ayu")
        assert [s.id for s in list_segments(again)] == [segment.id]
        again.close()
    finally:
        reopened.close()


def test_undo_is_per_coder_and_a_new_action_ends_redo(coded):
    mine = code_span(coded, "1", COORD, 0, 22, coder="ayu")
    code_span(coded, "2", "Legitimacy", 0, 30, coder="budi")
    undo(coded, coder="ayu")
    assert [s.coder for s in list_segments(coded)] == ["budi"]
    code_span(coded, "1", "Obstacles", 0, 10, coder="ayu")
    with pytest.raises(UsageError, match="nothing to redo"):
        redo(coded, coder="ayu")
    assert mine.id not in [s.id for s in list_segments(coded) if s.code == COORD]


def test_undo_refuses_to_overwrite_later_changes(coded):
    segment = code_span(coded, "1", COORD, 0, 22, coder="ayu")
    uncode(coded, segment.id, coder="budi")
    with pytest.raises(UsageError, match="changed since"):
        undo(coded, coder="ayu")


def test_memos_on_every_target_are_undoable(coded):
    segment = code_span(coded, "1", COORD, 0, 22, coder="ayu")
    set_memo(coded, "project", None, "Research question: obstacles.", coder="ayu")
    set_memo(coded, "document", "1", "Key source", coder="ayu")
    set_memo(coded, "code", COORD, "Watch the affixes", coder="ayu")
    set_memo(coded, "segment", str(segment.id), "Quote for chapter 2", coder="ayu")
    assert memo_of(coded, "code", COORD) == "Watch the affixes"
    assert list_segments(coded)[0].memo == "Quote for chapter 2"
    undo(coded, coder="ayu")
    assert list_segments(coded)[0].memo == ""
    set_memo(coded, "document", "1", "Changed", coder="ayu")
    undo(coded, coder="ayu")
    assert memo_of(coded, "document", "1") == "Key source"
    set_memo(coded, "document", "1", "", coder="ayu")
    assert memo_of(coded, "document", "1") == ""


def test_deleting_a_code_with_segments_needs_a_decision(coded):
    code_span(coded, "1", "Obstacles > Mistrust between partners", 0, 22, coder="ayu")
    with pytest.raises(UsageError, match="has 1 coded segment"):
        delete_code(coded, "Mistrust between partners", coder="ayu")
    assert delete_code(coded, "Mistrust between partners", coder="ayu", move_to="Obstacles") == 1
    assert [s.code for s in list_segments(coded)] == ["Obstacles"]
    undo(coded, coder="ayu")
    assert [s.code for s in list_segments(coded)] == ["Obstacles > Mistrust between partners"]
    with pytest.raises(UsageError, match="has sub-codes"):
        delete_code(coded, "Obstacles", coder="ayu", delete_segments=True)


def test_listing_by_code_includes_sub_codes_and_by_coder(coded):
    code_span(coded, "1", "Coordination complexity > Number of actors", 0, 9, coder="ayu")
    code_span(coded, "2", "Legitimacy", 0, 9, coder="budi")
    assert [s.code for s in list_segments(coded, code=COORD)] == [
        "Coordination complexity > Number of actors"
    ]
    assert [s.coder for s in list_segments(coded, coder="budi")] == ["budi"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(alphabet=st.sampled_from(list("abc éü漢🙂\n.,")), min_size=5, max_size=80),
    spans=st.lists(st.tuples(st.integers(0, 79), st.integers(1, 80)), min_size=1, max_size=6),
)
def test_stored_offsets_always_give_back_the_coded_text(sqlite_project, tmp_path, text, spans):
    from qcode.core.text import normalise
    from qcode.services.codebooks import load_codebook, project_codebook
    from qcode.services.importing import import_paths
    from tests.codebook_factories import SHIPPED

    body = normalise("x " + text)
    if len(body) < 2:
        return
    path = tmp_path / "doc.txt"
    path.write_text(body, encoding="utf-8")
    report = import_paths(sqlite_project, [path], coder="ayu", allow_duplicates=True)
    doc = str(report.imported[0].id)
    if not project_codebook(sqlite_project)[0].codes:  # the fixture lives across examples
        load_codebook(sqlite_project, SHIPPED, coder="ayu")
    for start, end in spans:
        start, end = sorted((start % len(body), end % (len(body) + 1)))
        if end <= start:
            continue
        try:
            code_span(sqlite_project, doc, COORD, start, end, coder="ayu")
        except UsageError as exc:
            assert "already coded" in str(exc)
    for segment in list_segments(sqlite_project, document=doc):
        assert body[segment.start : segment.end] == segment.text
        assert len(segment.text) == segment.end - segment.start
