"""Importing every format into real projects on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from qcode.core.errors import InputFileError, UsageError
from qcode.io.formats import ImportOptions
from qcode.services.documents import list_documents, show_document
from qcode.services.importing import import_paths
from qcode.store.models import Document, DocumentAttribute, Event
from tests.factories import (
    ABSTRACT_EN,
    ABSTRACT_ID,
    ris_record,
    write_bib,
    write_docx,
    write_pdf,
    write_ris,
)


def snapshot(project):
    """Everything an import may touch, to prove a failed one changed nothing."""
    with project.reading() as session:
        return (
            session.scalar(select(func.count(Document.id))),
            session.scalar(select(func.count(DocumentAttribute.id))),
            session.scalar(select(func.count(Event.id))),
        )


def two_records(tmp_path, name="refs.ris"):
    return write_ris(
        tmp_path / name,
        [
            ris_record(
                "Hambatan Kerja Sama IOM dan Pemerintah Indonesia",
                ABSTRACT_ID,
                authors=["Pratiwi, Anindya", "Lestari, Dewi"],
                year=2021,
                doi="10.5555/t.1",
                keywords=["kerja sama", "IOM"],
                country="Indonesia",
            ),
            ris_record(
                "Legitimacy and Access of INGOs in Thailand",
                ABSTRACT_EN,
                authors=["Wongsakul, Preecha"],
                year=2013,
                doi="10.5555/t.2",
                language="English",
                country="Thailand",
            ),
        ],
    )


def test_ris_records_become_documents_with_attributes(project, tmp_path):
    report = import_paths(project, [two_records(tmp_path)], coder="ayu")
    assert [d.language for d in report.imported] == ["id", "en"]
    docs = list_documents(project)
    assert [d.title for d in docs] == [
        "Hambatan Kerja Sama IOM dan Pemerintah Indonesia",
        "Legitimacy and Access of INGOs in Thailand",
    ]
    first = docs[0].attributes
    assert first["author"] == ["Pratiwi, Anindya", "Lestari, Dewi"]
    assert first["year"] == [2021.0]
    assert first["doi"] == ["10.5555/t.1"]
    assert first["keyword"] == ["kerja sama", "IOM"]
    assert first["country"] == ["Indonesia"]
    assert first["journal"] == ["Jurnal Hubungan Internasional"]
    assert first["type"] == ["Journal"]
    assert show_document(project, str(docs[0].id)).text == ABSTRACT_ID


def test_reimporting_the_same_ris_adds_nothing(project, tmp_path):
    path = two_records(tmp_path)
    import_paths(project, [path], coder="ayu")
    before = snapshot(project)
    again = import_paths(project, [path], coder="ayu")
    assert again.imported == []
    assert [d.reason for d in again.duplicates] == ["text", "text"]
    assert snapshot(project) == before


def test_same_doi_or_near_title_from_another_export_is_skipped(project, tmp_path):
    import_paths(project, [two_records(tmp_path)], coder="ayu")
    other = write_ris(
        tmp_path / "scopus.ris",
        [
            ris_record(
                "Other title entirely", ABSTRACT_EN + " Extra.", doi="HTTPS://DOI.ORG/10.5555/T.1"
            ),
            ris_record("Legitimacy and access of INGOs in Thailand.", ABSTRACT_EN + " More."),
            ris_record("A genuinely new study of shelters", ABSTRACT_EN + " New."),
        ],
    )
    report = import_paths(project, [other], coder="ayu")
    assert [d.reason for d in report.duplicates] == ["doi", "title"]
    assert [d.title for d in report.imported] == ["A genuinely new study of shelters"]


def test_allow_duplicates_imports_them_anyway(project, tmp_path):
    path = two_records(tmp_path)
    import_paths(project, [path], coder="ayu")
    report = import_paths(project, [path], coder="ayu", allow_duplicates=True)
    assert len(report.imported) == 2
    assert len(list_documents(project)) == 4


def test_duplicates_within_one_import_are_caught(project, tmp_path):
    a = two_records(tmp_path, "a.ris")
    b = two_records(tmp_path, "b.ris")
    report = import_paths(project, [a, b], coder="ayu")
    assert len(report.imported) == 2 and len(report.duplicates) == 2
    assert report.duplicates[0].duplicate_of.startswith(str(a))


def test_every_format_in_one_import(project, tmp_path):
    folder = tmp_path / "sources"
    (folder / "reports").mkdir(parents=True)
    two_records(folder)
    write_bib(
        folder / "refs.bib",
        "@article{tran2011, author={Tran, Thi Huong and Keller, Jonas}, "
        "title={Returning to Tier 2 in Vietnam}, year={2011}, journal={Mekong Review}, "
        "abstract={Vietnam returned to Tier 2 after partnerships with eight NGOs.}, "
        "keywords={partnership; NGO}, doi={10.5555/b.1}, country={Vietnam}}\n",
    )
    write_docx(
        folder / "reports" / "ngo-report.docx",
        ["Coordination between ministries was slow.", "Access to shelters needed permits."],
        title="NGO Field Report",
        table=[["Country", "Access"], ["Thailand", "Permit required"]],
    )
    write_pdf(folder / "reports" / "brief.pdf", ["First page about obstacles.", "", "Third page."])
    (folder / "notes.txt").write_text(
        "Catatan lapangan tentang kerjasama.\r\nBaris kedua.", "utf-8"
    )
    (folder / "table.csv").write_text(
        "title,abstract,year,country\n"
        "CSV study,Text of the CSV study about trafficking.,2020,Laos\n",
        "utf-8",
    )
    (folder / ".hidden.txt").write_text("should be ignored")
    report = import_paths(project, [folder], coder="ayu")
    formats = sorted(d.format for d in report.imported)
    assert formats == ["bibtex", "csv", "docx", "pdf", "ris", "ris", "txt"]
    by_title = {d.title: d for d in list_documents(project)}
    assert by_title["Returning to Tier 2 in Vietnam"].attributes["author"] == [
        "Tran, Thi Huong",
        "Keller, Jonas",
    ]
    assert by_title["Returning to Tier 2 in Vietnam"].attributes["country"] == ["Vietnam"]
    assert by_title["CSV study"].attributes["year"] == [2020.0]
    docx_doc = show_document(project, "NGO Field Report")
    assert "Country | Access\n\nThailand | Permit required" in docx_doc.text
    pdf_doc = show_document(project, "brief")
    assert [n for n, _ in pdf_doc.pages] == [1, 2, 3]
    third_start = dict(pdf_doc.pages)[3]
    assert pdf_doc.text[third_start:].startswith("Third page.")
    notes = show_document(project, "notes")
    assert notes.text == "Catatan lapangan tentang kerjasama.\nBaris kedua."
    assert any("have no text" in w for w in report.warnings)


def test_a_bad_file_aborts_the_whole_import(project, tmp_path):
    good = two_records(tmp_path)
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    before = snapshot(project)
    with pytest.raises(InputFileError, match="scan.txt: binary data"):
        import_paths(project, [good, bad], coder="ayu")
    assert snapshot(project) == before


def test_skip_bad_imports_the_good_records_of_a_broken_ris(project, tmp_path):
    broken = tmp_path / "broken.ris"
    broken.write_text(
        ris_record("First good study of coordination", ABSTRACT_EN)
        + "TY  - JOUR\nTI  - Lost its end\nAB  - text\n\n"
        + ris_record("Second good study of legitimacy", ABSTRACT_ID),
        encoding="utf-8",
    )
    before = snapshot(project)
    with pytest.raises(InputFileError, match=r"broken.ris record 2 \(line 9\): no ER line"):
        import_paths(project, [broken], coder="ayu")
    assert snapshot(project) == before
    report = import_paths(project, [broken], coder="ayu", skip_bad=True)
    assert [d.title for d in report.imported] == [
        "First good study of coordination",
        "Second good study of legitimacy",
    ]
    assert len(report.bad) == 1 and "record 2" in report.bad[0]


def test_title_only_records_are_imported_with_a_warning_or_skipped(project, tmp_path):
    path = write_ris(tmp_path / "t.ris", [ris_record("Only a title about trafficking", None)])
    skipped = import_paths(
        project, [path], coder="ayu", options=ImportOptions(skip_title_only=True)
    )
    assert skipped.imported == [] and "no abstract" in skipped.skipped[0]
    report = import_paths(project, [path], coder="ayu")
    assert report.imported[0].title == "Only a title about trafficking"
    assert any("title is used as text" in w for w in report.warnings)


def test_an_import_is_logged_as_one_event_with_its_coder(project, tmp_path):
    report = import_paths(project, [two_records(tmp_path)], coder="ayu")
    with project.reading() as session:
        events = session.scalars(select(Event)).all()
        assert len(events) == 1
        assert events[0].action == "import"
        assert events[0].after["document_ids"] == [d.id for d in report.imported]
        assert events[0].coder_id is not None


def test_nothing_importable_in_a_folder_is_an_error(project, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no importable files"):
        import_paths(project, [tmp_path / "empty"], coder="ayu")


def test_control_characters_are_dropped_alike_on_sqlite_and_postgresql(project, tmp_path):
    # Past the first 64 KB, where a NUL would have the file refused as binary.
    filler = [ris_record(f"Studi kerja sama nomor {n}", ABSTRACT_ID) for n in range(240)]
    late = ris_record("Judul\x00 dengan\x07 NUL", "Abstrak kerja\x00 sama\x1b pemerintah.")
    source = write_ris(tmp_path / "late.ris", [*filler, late])
    assert source.stat().st_size > 64 * 1024
    report = import_paths(project, [source], coder="ayu", allow_duplicates=True)
    assert any("4 control character(s)" in w for w in report.warnings)
    with project.reading() as session:
        stored = session.scalars(select(Document).where(Document.title.like("Judul%"))).one()
        assert (stored.title, stored.text) == ("Judul dengan NUL", "Abstrak kerja sama pemerintah.")
