"""Auto-coding suggestions and search on real projects, SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from qcode.core.errors import UsageError
from qcode.services.autocoding import autocode, list_suggestions
from qcode.services.coding import list_segments
from qcode.services.importing import import_paths
from qcode.services.memos import set_memo
from qcode.services.search import code_hits, search
from qcode.services.suggestion_decisions import accept, reject
from qcode.services.undo import redo, undo
from tests.coding_factories import coded_project
from tests.factories import ris_record, write_ris


@pytest.fixture
def coded(project, tmp_path):
    return coded_project(project, tmp_path)


def codes_of(suggestions):
    return sorted({s.code for s in suggestions})


def test_autocode_suggests_sensible_codes_with_variants(coded):
    report = autocode(coded, coder="ayu")
    assert report.documents == 3 and report.added == len(list_suggestions(coded))
    found = {(s.document_id, s.code, s.matched) for s in list_suggestions(coded)}
    assert (
        1,
        "Coordination complexity > Coordination mechanisms",
        "Kerjasama antarlembaga",
    ) in found
    assert (1, "Coordination complexity", "dikoordinasikan") in found
    assert (1, "Tech-enabled modus > Social media and messaging apps", "media sosial") in found
    assert (2, "Legitimacy", "legitimacy") in found
    assert not [s for s in list_suggestions(coded) if s.document_id == 3]
    assert not [s for s in list_suggestions(coded) if s.matched.lower() == "obstacles"]


def test_sentence_and_phrase_units(coded):
    autocode(coded, coder="ayu", codes=["Legitimacy"])
    found = {s.code: s.text for s in list_suggestions(coded)}
    sentence = "The government granted the INGO legitimacy to work in border provinces."
    assert found == {"Legitimacy": sentence, "Legitimacy > For territorial access": sentence}
    autocode(coded, coder="ayu", codes=["Legitimacy"], unit="phrase")
    phrases = {s.text for s in list_suggestions(coded) if s.text != sentence}
    assert phrases == {"legitimacy", "border provinces"}


def test_accept_reject_and_rerun(coded):
    autocode(coded, coder="ayu")
    first, second, *_ = list_suggestions(coded)
    assert accept(coded, [first.id], coder="budi") == 1
    (segment,) = list_segments(coded)
    assert (segment.origin, segment.coder, segment.start, segment.end) == (
        "suggestion",
        "budi",
        first.start,
        first.end,
    )
    assert reject(coded, [second.id], coder="budi") == 1
    again = autocode(coded, coder="ayu")
    assert again.added == 0
    assert second.id not in [s.id for s in list_suggestions(coded)]
    assert [s.status for s in list_suggestions(coded, status=None) if s.id == second.id] == [
        "rejected"
    ]
    with pytest.raises(UsageError, match="no pending suggestion"):
        accept(coded, [second.id], coder="budi")


def test_bulk_accept_is_one_undo_step(coded):
    autocode(coded, coder="ayu")
    pending = len(list_suggestions(coded))
    accepted = accept(coded, above=90, coder="ayu")
    assert accepted == len([s for s in list_suggestions(coded, status="accepted")]) > 1
    undo(coded, coder="ayu")
    assert list_segments(coded) == [] and len(list_suggestions(coded)) == pending
    redo(coded, coder="ayu")
    assert len(list_segments(coded)) == accepted


def test_threshold_and_code_selection(coded):
    with pytest.raises(UsageError, match="threshold"):
        autocode(coded, coder="ayu", threshold=0)
    report = autocode(coded, coder="ayu", codes=["Tech-enabled modus"])
    assert {s.code.split(" > ")[0] for s in list_suggestions(coded)} == {"Tech-enabled modus"}
    assert report.codes == 6


def test_phrase_prefix_and_plain_search_with_kwic(coded):
    phrase = search(coded, '"media sosial"')
    (hit,) = phrase.hits
    assert (hit.document_id, hit.hit) == (1, "media sosial")
    assert hit.left.endswith("korban melalui ") and hit.right.startswith(" 🙂")
    assert {h.hit for h in search(coded, "koordinasi*").hits} == set()
    assert {h.hit for h in search(coded, "dikoordinasi*").hits} == {"dikoordinasikan"}
    either = search(coded, "legitimacy OR provinces")
    assert sorted(h.hit for h in either.hits) == ["legitimacy", "provinces"]
    assert search(coded, "legitimacy provinces").total == 0  # written together: a phrase
    assert search(coded, "absentword").total == 0


def test_plain_words_are_a_phrase_found_once_per_place(coded):
    # "kerja sama" unquoted once gave a hit per word (and each place twice).
    plain = search(coded, "media sosial")
    assert [(h.document_id, h.hit) for h in plain.hits] == [(1, "media sosial")]
    assert plain.hits[0].left.endswith("korban melalui ")  # the spacing of the text
    assert search(coded, "media OR sosial OR media").total == 2


def test_fuzzy_search_finds_variants(coded):
    assert search(coded, "kerja sama").total == 0
    fuzzy = search(coded, "kerja sama", fuzzy=True)
    assert [h.hit for h in fuzzy.hits] == ["Kerjasama"]
    assert search(coded, "koordinasi", fuzzy=True).hits[0].hit == "dikoordinasikan"


def test_index_follows_imports_memos_and_undo(coded, tmp_path):
    assert search(coded, "Malaysia").total == 0
    import_paths(
        coded,
        [
            write_ris(
                tmp_path / "more.ris", [ris_record("Malaysia study", "Kerja sama di Malaysia.")]
            )
        ],
        coder="ayu",
    )
    assert search(coded, "Malaysia").total == 1  # hits are listed in the text
    set_memo(coded, "document", "1", "Check the Malaysia comparison", coder="ayu")
    assert any(h.kind == "document memo" for h in search(coded, "Malaysia").hits)
    undo(coded, coder="ayu")
    assert not any(h.kind == "document memo" for h in search(coded, "Malaysia").hits)


def test_code_all_hits_is_one_undo_step(coded):
    added = code_hits(coded, "officials", "Obstacles > Rotation of officials", coder="ayu")
    assert added == 1
    (segment,) = list_segments(coded)
    assert (segment.origin, segment.text) == ("search", "Officials")
    undo(coded, coder="ayu")
    assert list_segments(coded) == []


def test_code_all_hits_by_sentence_or_paragraph(coded):
    added = code_hits(coded, "media sosial", "Obstacles", coder="ayu", unit="sentence")
    (segment,) = list_segments(coded)
    assert added == 1 and segment.text.startswith("Pelaku merekrut korban melalui media sosial")
    assert segment.text.endswith(".")
    undo(coded, coder="ayu")
    assert code_hits(coded, "media sosial", "Obstacles", coder="ayu", unit="paragraph") == 1
    (paragraph,) = list_segments(coded)
    assert paragraph.start <= segment.start and paragraph.end >= segment.end
    with pytest.raises(UsageError, match="unit"):
        code_hits(coded, "media sosial", "Obstacles", coder="ayu", unit="page")
