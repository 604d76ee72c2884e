"""Two coders on the demo: a blank clone, blind coding, merging back, disagreements, consensus."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from qcode.cli.main import main
from qcode.core.errors import UsageError
from qcode.demo.build import build_demo
from qcode.demo.worked_example import review_first_documents
from qcode.services.agreement import AgreementRequest, agreement
from qcode.services.cloning import clone_project
from qcode.services.coding import code_span, list_segments, uncode
from qcode.services.consensus import adopt, decide, disagreements
from qcode.services.matrices import MatrixRequest, build_matrix
from qcode.services.memos import set_memo
from qcode.services.merging import merge_projects
from qcode.services.settings import configure, project_settings
from qcode.services.undo import undo
from tests.two_coders import budi_clone, with_budi


@pytest.fixture
def demo(tmp_path):
    project, _ = build_demo(tmp_path / "demo.qcode")
    review_first_documents(project, "demo")
    yield project
    project.close()


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "codes", "segments", "memos", "events", "coders")
        }


def test_a_blank_clone_has_the_sources_and_no_coding(demo, tmp_path):
    set_memo(demo, "project", None, "Ayu's thoughts", coder="demo")
    path = tmp_path / "blank.qcode"
    report = clone_project(demo, path, blank=True, coder="budi")
    made, original = counts(path), counts(demo.location.path)
    assert made["documents"] == original["documents"] == report.copied["documents"]
    assert made["codes"] == original["codes"]
    assert made["segments"] == made["memos"] == 0
    assert made["events"] == 1  # the clone itself
    with sqlite3.connect(path) as db:
        statuses = {s for (s,) in db.execute("SELECT DISTINCT status FROM suggestions")}
        guids = {g for (g,) in db.execute("SELECT guid FROM codes")}
    with sqlite3.connect(demo.location.path) as db:
        assert guids == {g for (g,) in db.execute("SELECT guid FROM codes")}
    assert statuses == {"pending"}
    with pytest.raises(Exception, match="already exists"):
        clone_project(demo, path, blank=True, coder="budi")


def test_merging_back_adds_the_coding_once_and_a_dry_run_changes_nothing(demo, tmp_path):
    clone = budi_clone(demo, tmp_path)
    before = counts(demo.location.path)
    (dry,) = merge_projects(demo, [clone], coder="demo", dry_run=True)
    assert counts(demo.location.path) == before
    assert dry.segments_added > 0 and dry.documents_matched == before["documents"]
    (first,) = merge_projects(demo, [clone], coder="demo")
    assert first.segments_added == dry.segments_added
    assert first.conflicts == [] and first.documents_added == 0
    after = counts(demo.location.path)
    assert after["segments"] == before["segments"] + first.segments_added
    (second,) = merge_projects(demo, [clone], coder="demo")
    assert second.segments_added == 0 and second.segments_present == first.segments_added
    assert counts(demo.location.path)["segments"] == after["segments"]
    # One merge is one undo step.
    undo(demo, coder="demo")
    assert counts(demo.location.path)["segments"] == before["segments"]


def test_merge_refuses_a_source_whose_coding_uses_unknown_codes(demo, tmp_path):
    from qcode.services.codebook_edits import add_code

    clone = budi_clone(demo, tmp_path)
    from qcode.services.projects import open_project

    with open_project(clone) as other:
        add_code(other, "Corruption", coder="budi")
        code_span(other, "1", "Corruption", 0, 10, coder="budi")
    before = counts(demo.location.path)
    with pytest.raises(UsageError, match="Corruption.*--codebook"):
        merge_projects(demo, [clone], coder="demo")
    assert counts(demo.location.path) == before
    (report,) = merge_projects(demo, [clone], coder="demo", codebook=True)
    assert report.codebook_applied and report.segments_added > 0
    assert any(s.code == "Corruption" for s in list_segments(demo, coder="budi"))


def test_blind_coding_shows_each_coder_only_their_own(demo, tmp_path, capsys):
    with_budi(demo, tmp_path)
    configure(demo, ["blind=on"], coder="demo")
    assert project_settings(demo)["blind"] == "on"
    demo.viewer = "budi"
    assert {s.coder for s in list_segments(demo)} == {"budi"}
    matrix = build_matrix(demo, MatrixRequest(cols="coders"))
    assert [c.label for c in matrix.cols] == ["budi"]
    from qcode.services.codebooks import project_codebook

    _, usage = project_codebook(demo)  # the code tree's counts
    assert sum(usage.values()) == len(list_segments(demo))
    everyone = demo.__class__.open(demo.location)  # no viewer: sees all
    demo_segment = list_segments(everyone, coder="demo")[0]
    everyone.close()
    with pytest.raises(UsageError, match="belongs to another coder"):
        uncode(demo, demo_segment.id, coder="budi")
    with pytest.raises(UsageError, match="belongs to another coder"):
        set_memo(demo, "segment", str(demo_segment.id), "mine now", coder="budi")
    path = str(demo.location.path)
    assert main(["--coder", "budi", "uncode", path, str(demo_segment.id)]) == 2
    assert "belongs to another coder" in capsys.readouterr().err
    assert main(["--coder", "budi", "segments", path, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and {s["coder"] for s in listed} == {"budi"}
    configure(demo, ["blind=off"], coder="demo")
    assert {s.coder for s in list_segments(demo)} == {"demo", "budi"}


def test_agreement_disagreements_and_consensus_on_the_demo(demo, tmp_path, capsys):
    with_budi(demo, tmp_path)
    result = agreement(demo, AgreementRequest(coders=["demo", "budi"], unit="sentence"))
    assert len(result.rows) == len(demo_codes(demo))
    rows = [r for r in result.rows if r.measures.krippendorff_alpha is not None]
    assert rows and all(r.measures.cohen_kappa is not None for r in rows)
    found = disagreements(demo, ["demo", "budi"], unit="sentence")
    assert found
    path = str(demo.location.path)
    assert main(["disagreements", path, "--coders", "demo,budi", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(found)
    item = next(d for d in found if d.second_segments)
    assert decide(demo, item, "second", as_coder="consensus", coder="demo") >= 1
    made = list_segments(demo, coder="consensus")
    assert {(s.start, s.end) for s in made} == set(item.second_spans)
    undo(demo, coder="demo")
    assert list_segments(demo, coder="consensus") == []
    theirs = next(d for d in found if d.first_segments).first_segments
    assert adopt(demo, list(theirs), as_coder="consensus", coder="demo") >= 1
    matrix = build_matrix(demo, MatrixRequest(coders=["consensus"]))
    assert sum(matrix.row_totals.values()) >= 1


def demo_codes(project) -> list[str]:
    from qcode.services.codebooks import project_codebook

    return [c.guid for c in project_codebook(project)[0].codes]


def test_a_team_database_as_clone_and_as_merge_source(demo, pg_database_url):
    """A blank clone into PostgreSQL keeps ids and sequences right, so coding goes on there,
    and merging it back into the SQLite file brings that coding."""
    from qcode.services.projects import open_project

    report = clone_project(demo, pg_database_url, blank=True, coder="budi")
    assert report.copied["documents"] == counts(demo.location.path)["documents"]
    with open_project(pg_database_url, viewer="budi") as team:
        made = code_span(team, "1", "Obstacles", 0, 30, coder="budi")
        assert made.id >= 1
        add_more = code_span(team, "2", "Legitimacy", 0, 30, coder="budi")
        assert add_more.id > made.id
    (merged,) = merge_projects(demo, [pg_database_url], coder="demo")
    assert merged.segments_added == 2 and merged.documents_added == 0


@pytest.mark.parametrize(
    ("lang", "caption", "sentence"),
    [
        ("en", "Inter-coder agreement per theme", "Following Krippendorff (2004), α ≥ .800"),
        ("id", "Kesepakatan antarpengode per tema", "Mengikuti Krippendorff (2004), α ≥ 0,800"),
    ],
)
def test_the_report_of_two_coders_has_the_agreement_table(demo, tmp_path, lang, caption, sentence):
    import docx

    from qcode.services.report import make_report

    with_budi(demo, tmp_path)
    out = tmp_path / f"report-{lang}.docx"
    content = make_report(demo, out, lang=lang)
    summary = content.agreement
    assert summary.coders == ("budi", "demo") and summary.unit == "sentence"
    expected = agreement(
        demo,
        AgreementRequest(
            coders=["budi", "demo"], codes=[c.guid for c in content.codebook.children(None)]
        ),
    )
    assert [line.alpha for line in summary.lines] == [
        r.measures.krippendorff_alpha for r in expected.rows
    ]
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert caption in text and sentence in text
    table = next(t for t in document.tables if t.rows[0].cells[-1].text.startswith("α"))
    assert len(table.rows) == 1 + len(summary.lines)
    first = summary.lines[0]
    assert table.rows[1].cells[0].text == first.theme
    assert table.rows[1].cells[1].text == str(first.units)


def test_a_single_coder_report_says_so(demo, tmp_path):
    from qcode.services.report import make_report

    content = make_report(demo, tmp_path / "one.docx")
    assert content.agreement is None


def test_each_coder_decides_the_suggestions_for_themselves_while_blind(demo):
    from qcode.services.autocoding import list_suggestions
    from qcode.services.suggestion_decisions import accept, reject
    from qcode.services.suggestion_queue import pending_total

    decided = list_suggestions(demo, status="accepted")  # demo accepted these
    assert decided
    waiting = pending_total(demo)
    configure(demo, ["blind=on"], coder="demo")
    demo.viewer = "budi"
    assert pending_total(demo) == waiting + len(decided)  # demo's decisions are not budi's
    first, second = decided[0], decided[1]
    assert accept(demo, [first.id], coder="budi") == 1
    assert reject(demo, [second.id], coder="budi") == 1
    assert {s.id for s in list_suggestions(demo, status="accepted")} == {first.id}
    assert {s.id for s in list_suggestions(demo, status="rejected")} == {second.id}
    assert [s.coder for s in list_segments(demo)] == ["budi"]
    demo.viewer = "demo"  # demo's own decisions are untouched
    assert {s.id for s in list_suggestions(demo, status="accepted")} == {d.id for d in decided}
    demo.viewer = "budi"
    undo(demo, coder="budi")
    assert list_suggestions(demo, ids=[second.id])[0].status == "pending"


def test_decisions_made_in_a_blank_clone_come_back_beside_the_first_coders(demo, tmp_path):
    from qcode.services.autocoding import list_suggestions
    from qcode.services.projects import open_project
    from qcode.services.suggestion_decisions import accept, reject

    decided = list_suggestions(demo, status="accepted")
    clone = tmp_path / "budi.qcode"
    clone_project(demo, clone, blank=True, coder="budi")
    with open_project(clone, viewer="budi") as other:
        accept(other, [decided[0].id], coder="budi")
        reject(other, [decided[1].id], coder="budi")
    (report,) = merge_projects(demo, [clone], coder="demo")
    assert report.decisions_added == 2 and report.conflicts == []
    (again,) = merge_projects(demo, [clone], coder="demo")
    assert again.decisions_added == 0 and again.conflicts == []
    configure(demo, ["blind=on"], coder="demo")
    demo.viewer = "budi"
    assert {s.id for s in list_suggestions(demo, status="rejected")} == {decided[1].id}
    demo.viewer = "demo"
    assert list_suggestions(demo, ids=[decided[1].id], status=None)[0].status == "accepted"


def test_a_document_only_the_source_has_comes_in_with_its_attributes_and_coding(demo, tmp_path):
    from qcode.services.documents import document_rows
    from qcode.services.importing import import_paths
    from qcode.services.projects import open_project
    from tests.factories import ris_record, write_ris

    clone = tmp_path / "budi.qcode"
    clone_project(demo, clone, blank=True, coder="budi")
    record = ris_record(
        "Shelter cooperation in Kupang",
        "Kerja sama shelter di Kupang berjalan lambat.",
        country="Indonesia",
        year=2022,
    )
    with open_project(clone, viewer="budi") as other:
        import_paths(other, [write_ris(tmp_path / "new.ris", [record])], coder="budi")
        new_id = max(r.id for r in document_rows(other))
        code_span(other, str(new_id), "Obstacles", 0, 20, coder="budi")
    before = len(document_rows(demo))
    (report,) = merge_projects(demo, [clone], coder="demo")
    assert report.documents_added == 1 and report.segments_added == 1
    assert report.attributes_added >= 2  # year, country, author…
    rows = document_rows(demo)
    assert len(rows) == before + 1 and rows[-1].year == 2022
    undo(demo, coder="demo")
    assert len(document_rows(demo)) == before
