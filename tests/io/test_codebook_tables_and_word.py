"""Codebooks as CSV, XLSX and Word documents."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from qcode.core.errors import InputFileError
from qcode.io.codebook_docx import write_codebook_docx
from qcode.io.codebook_table import read_codebook_csv, write_codebook_csv
from qcode.io.codebook_xlsx import read_codebook_xlsx, write_codebook_xlsx
from qcode.io.codebook_yaml import read_codebook_yaml
from tests.codebook_factories import SHIPPED, small_codebook


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_table_round_trip_keeps_every_code_field(tmp_path, kind):
    original = small_codebook()
    path = tmp_path / f"book.{kind}"
    (write_codebook_csv if kind == "csv" else write_codebook_xlsx)(original, path)
    again, problems = (read_codebook_csv if kind == "csv" else read_codebook_xlsx)(path)
    assert problems == []
    assert [c for c in again.codes] == [c for c in original.codes]


def test_csv_written_has_the_exchange_columns_and_paths(tmp_path):
    path = tmp_path / "book.csv"
    write_codebook_csv(small_codebook(), path)
    text = path.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("code,description,inclusion,exclusion,example,keywords,")
    assert "Hambatan & <kendala> > Respons lamban" in text


def test_a_taguette_style_csv_with_paths_and_cp1252_loads(tmp_path):
    path = tmp_path / "tags.csv"
    path.write_bytes(
        "tag;description;color\nObstacles > Slow response;Pemerintah lambat, café;#f00\n"
        "Legitimacy;Pengakuan;\n".encode("cp1252")
    )
    codebook, problems = read_codebook_csv(path)
    assert sorted(codebook.paths().values()) == [
        "Legitimacy",
        "Obstacles",
        "Obstacles > Slow response",
    ]
    slow = next(c for c in codebook.codes if c.name == "Slow response")
    assert slow.description == "Pemerintah lambat, café" and slow.colour == "#FF0000"
    assert "not UTF-8" in problems[0].message and not problems[0].error


def test_a_csv_with_no_name_column_is_refused(tmp_path):
    path = tmp_path / "nocode.csv"
    path.write_text("description,colour\nsomething,#fff\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="nocode.csv: no code name column"):
        read_codebook_csv(path)


def test_xlsx_is_formatted_for_reading(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "book.xlsx"
    write_codebook_xlsx(read_codebook_yaml(SHIPPED)[0], path)
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "code" and sheet["A1"].font.bold
    assert sheet.freeze_panes == "B2"
    colour_column = [c.value for c in sheet[1]].index("colour") + 1
    assert sheet.cell(2, colour_column).fill.fgColor.rgb.endswith("C0392B")


@pytest.mark.parametrize(("lang", "heading"), [("en", "Definition"), ("id", "Definisi")])
def test_word_codebook_has_a_title_page_and_the_code_table(tmp_path, lang, heading):
    import docx

    path = tmp_path / f"book-{lang}.docx"
    codebook = read_codebook_yaml(SHIPPED)[0]
    write_codebook_docx(codebook, path, lang)
    document = docx.Document(str(path))
    assert document.paragraphs[1].text == codebook.title
    table = document.tables[0]
    assert heading in [c.text for c in table.rows[0].cells]
    names = [row.cells[1].text for row in table.rows[1:]]
    assert names[0].startswith("Obstacles") and len(names) == len(codebook.codes)
    shading = table.rows[1].cells[0]._tc.xpath(".//w:shd/@w:fill")
    assert shading == ["C0392B"]
    permits = next(row for row in table.rows if row.cells[1].text.startswith("Bureaucracy"))
    label = "Not when (en): " if lang == "en" else "Kecuali (en): "
    assert label + "approval rate" in permits.cells[2].text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_word_codebook_renders_with_libreoffice(tmp_path):
    path = tmp_path / "book.docx"
    write_codebook_docx(read_codebook_yaml(SHIPPED)[0], path)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "book.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())
    assert "Government–NGO cooperation against human trafficking" in words
    assert "Coordination complexity" in words and "Inclusion criteria" in words
