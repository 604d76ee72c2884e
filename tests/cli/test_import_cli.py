"""The command line end to end: init, import of every format, docs, show, attr."""

from __future__ import annotations

import pytest

from tests.cli.runner import qcode
from tests.factories import (
    ABSTRACT_EN,
    ABSTRACT_ID,
    ris_record,
    write_bib,
    write_docx,
    write_pdf,
    write_ris,
)


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_ris(
        folder / "a.ris",
        [
            ris_record(
                "Kerja sama IOM dan pemerintah Indonesia",
                ABSTRACT_ID,
                year=2021,
                authors=["Pratiwi, A", "Lestari, D"],
                doi="10.5555/c.1",
                keywords=["kerja sama"],
                country="Indonesia",
            ),
            ris_record(
                "Legitimacy of INGOs in Thailand",
                ABSTRACT_EN,
                year=2013,
                authors=["Wong, P"],
                country="Thailand",
                language="English",
            ),
        ],
        bom=True,
    )
    write_bib(
        folder / "b.bib",
        "@article{v, author={Tran, Thi}, title={Tier 2 in Vietnam}, "
        "year={2021}, journal={Mekong Review}, abstract={Vietnam and eight NGOs.}, "
        "keywords={NGO; Vietnam}, doi={10.5555/c.2}, language={English}}\n",
    )
    write_docx(
        folder / "c.docx",
        ["Laporan lapangan tentang koordinasi antar lembaga."],
        title="Laporan Lapangan",
    )
    write_pdf(folder / "d.pdf", ["Brief on online recruitment.", "Second page."])
    (folder / "e.txt").write_text("Catatan tentang kerjasama pemerintah dan LSM.", "utf-8")
    (folder / "f.csv").write_text(
        "title,abstract,year,country\n"
        "Survey of shelters,Shelters in Cambodia need permits.,2021,Cambodia\n",
        "utf-8",
    )
    return folder


def test_init_import_every_format_and_filter(tmp_path, sources):
    project = tmp_path / "p.qcode"
    assert qcode("init", project).code == 0
    files = [sources / n for n in ("a.ris", "b.bib", "c.docx", "d.pdf", "e.txt", "f.csv")]
    run = qcode("import", project, *files, "--json")
    assert run.code == 0, run.err
    report = run.json()
    assert sorted(d["format"] for d in report["imported"]) == [
        "bibtex",
        "csv",
        "docx",
        "pdf",
        "ris",
        "ris",
        "txt",
    ]
    assert run.err == ""  # no progress line when stderr is not a terminal

    docs = qcode("docs", project, "--json").json()
    assert set(docs[0]) == {"id", "uuid", "title", "chars", "language", "attributes"}
    first = docs[0]
    assert first["attributes"]["author"] == ["Pratiwi, A", "Lestari, D"]
    assert first["attributes"]["year"] == 2021
    assert first["attributes"]["country"] == "Indonesia"
    assert first["attributes"]["keyword"] == ["kerja sama"]
    assert first["language"] == "id" and first["chars"] == len(ABSTRACT_ID)
    bib = next(d for d in docs if d["title"] == "Tier 2 in Vietnam")
    assert bib["attributes"]["journal"] == "Mekong Review"
    assert bib["attributes"]["doi"] == "10.5555/c.2"

    filtered = qcode("docs", project, "--where", "year=2021", "--json").json()
    assert sorted(d["title"] for d in filtered) == [
        "Kerja sama IOM dan pemerintah Indonesia",
        "Survey of shelters",
        "Tier 2 in Vietnam",
    ]
    both = qcode("docs", project, "--where", "year=2021", "--where", "country=indonesia", "--json")
    assert [d["title"] for d in both.json()] == ["Kerja sama IOM dan pemerintah Indonesia"]


def test_importing_the_same_ris_twice_adds_nothing_and_says_so(tmp_path, sources):
    project = tmp_path / "p.qcode"
    qcode("init", project)
    assert qcode("import", project, sources / "a.ris").code == 0
    again = qcode("import", project, sources / "a.ris")
    assert again.code == 0
    assert "Imported 0 document(s) from 1 file(s); 2 duplicate(s) skipped; nothing new" in again.out
    assert again.out.count("duplicate (text) of document") == 2
    assert len(qcode("docs", project, "--json").json()) == 2


def test_show_and_attr(tmp_path, sources):
    project = tmp_path / "p.qcode"
    qcode("init", project)
    qcode("import", project, sources / "a.ris")
    shown = qcode("show", project, "Legitimacy")
    assert shown.code == 0 and ABSTRACT_EN in shown.out and "country: Thailand" in shown.out
    as_json = qcode("show", project, "2", "--json").json()
    assert as_json["text"] == ABSTRACT_EN and as_json["format"] == "ris"
    set_run = qcode("attr", project, "2", "region=ASEAN", "--json")
    assert set_run.code == 0 and set_run.json()["attributes"]["region"] == "ASEAN"
    assert [
        d["id"] for d in qcode("docs", project, "--where", "region=asean", "--json").json()
    ] == [2]
    assert "region removed" in qcode("attr", project, "2", "region=").out


def test_project_can_come_from_qcode_db(tmp_path, sources):
    project = tmp_path / "env.qcode"
    env = {"QCODE_DB": str(project)}
    assert qcode("init", env=env).code == 0
    assert qcode("import", sources / "a.ris", env=env).code == 0
    assert len(qcode("docs", "--json", env=env).json()) == 2
    assert "country: Thailand" in qcode("show", "2", env=env).out


def test_postgresql_project_through_the_cli(pg_database_url, sources):
    assert qcode("init", pg_database_url).code == 0
    run = qcode("import", pg_database_url, sources, "--json")
    assert run.code == 0, run.err
    assert len(run.json()["imported"]) == 7
    assert len(qcode("docs", pg_database_url, "--where", "year>=2015", "--json").json()) == 3


def test_coder_may_be_given_before_or_after_the_command(tmp_path, sources):
    project = tmp_path / "p.qcode"
    qcode("init", project)
    assert qcode("--coder", "ayu", "import", project, sources / "a.ris").code == 0
    assert qcode("attr", project, "1", "region=ASEAN", "--coder", "budi").code == 0
    import sqlite3

    with sqlite3.connect(project) as db:
        rows = db.execute(
            "SELECT e.action, c.name FROM events e JOIN coders c ON c.id = e.coder_id ORDER BY e.id"
        ).fetchall()
    assert rows == [("import", "ayu"), ("set_attribute", "budi")]
