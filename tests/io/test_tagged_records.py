"""RIS and Web of Science: record splitting, field mapping, and the real exports in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcode.io import ris, wos
from qcode.io.formats import ImportOptions, read_file
from qcode.io.tagged_records import RIS, split_records


def problems(text: str) -> list[tuple[int, int, str | None]]:
    return [(r.number, r.line, r.problem) for r in split_records(text.splitlines(), RIS)]


def test_records_are_split_on_ty_and_er_only():
    text = "TY  - JOUR\nAB  - first line,\nER then second line\nER  - \n\nTY  - BOOK\nER  -\n"
    found = list(split_records(text.splitlines(), RIS))
    assert [(r.number, r.line, r.problem) for r in found] == [(1, 1, None), (2, 6, None)]
    assert ris.parse(found[0]).abstract == "first line, ER then second line"


def test_a_record_without_er_is_reported_not_merged():
    text = "TY  - JOUR\nTI  - A\nTY  - JOUR\nTI  - B\nER  - \n"
    assert problems(text) == [
        (1, 1, "no ER line before the next TY (line 3)"),
        (2, 3, None),
    ]


def test_a_file_ending_inside_a_record_is_reported():
    assert problems("TY  - JOUR\nTI  - A\n") == [(1, 1, "file ends before its ER line")]


def test_tagged_lines_outside_records_are_reported_but_numbering_text_is_not():
    text = "1.\nTY  - JOUR\nER  - \n\nTI  - orphan\nAB  - lost\n"
    assert problems(text) == [(1, 2, None), (2, 5, "TI line outside any record (no TY)")]


def test_ris_fields_map_to_reference_slots():
    text = (
        "TY  - JOUR\nAU  - Sari, Dewi\nA1  - Putra, Arif\nPY  - 2019///\nDA  - 2019/05/03/\n"
        "T1  - Judul\nT2  - Jurnal HI\nSP  - 10\nEP  - 20\nKW  - a\nKW  - b\nN1  - Country: Laos\n"
        "AB  - Abstrak\nER  - \n"
    )
    ref = ris.parse(next(split_records(text.splitlines(), RIS)))
    assert ref.authors == ["Sari, Dewi", "Putra, Arif"]
    assert (ref.title, ref.journal, ref.pages, ref.year) == (
        "Judul",
        "Jurnal HI",
        "10–20",
        "2019///",
    )
    assert ref.keywords == ["a", "b"] and ref.notes == ["Country: Laos"]


@pytest.fixture
def exports(shared_dir: Path) -> Path:
    return shared_dir / "real-exports"


def test_real_ris_with_bom_and_cyrillic_imports(exports):
    result = read_file(exports / "example_utf_chars.ris", ImportOptions())
    (record,) = result.records
    assert record.title.startswith("Состояние рецепторного аппарата")
    assert ("author", "Dobrokhotova, Yu E.") in record.attributes
    assert ("year", 2009.0) in record.attributes
    assert not result.problems


def test_real_ris_record_with_only_a_doi_is_skipped_with_a_reason(exports):
    result = read_file(exports / "example_bom.ris", ImportOptions())
    assert result.records == [] and "no title and no abstract" in str(result.skipped[0])


def test_real_multiline_ris_keeps_continuation_lines(exports):
    result = read_file(exports / "example_multiline.ris", ImportOptions())
    assert [r.text for r in result.records] == [
        "first line, ER then second line and at the end the last line"
    ] * 3


def test_real_full_ris_reads_every_field(exports):
    result = read_file(exports / "example_full.ris", ImportOptions())
    assert len(result.records) == 2 and not result.problems
    names = {name for name, _ in result.records[0].attributes}
    assert {"author", "year", "title", "journal", "keyword", "url", "volume"} <= names


def test_real_web_of_science_export_is_detected_and_read(exports):
    result = read_file(exports / "wos_export.txt", ImportOptions())
    assert result.format == wos.FORMAT
    first = result.records[0]
    assert first.title.startswith("Interactions stabilizing the structure of the core")
    assert ("author", "Parkes-Loach, PS") in first.attributes
    assert ("journal", "BIOCHEMISTRY") in first.attributes
    assert ("language", "en") in first.attributes
    assert any(name == "keyword" for name, _ in first.attributes)
    assert len(result.records) == 2


def test_ris_saved_as_txt_is_recognised(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("TY  - JOUR\nTI  - Title here\nAB  - Body text here.\nER  - \n", "utf-8")
    result = read_file(path, ImportOptions())
    assert result.format == "ris" and result.records[0].text == "Body text here."
