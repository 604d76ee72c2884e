"""DOCX, PDF, BibTeX, CSV and plain text readers, and their refusals of bad files."""

from __future__ import annotations

import zipfile

import pytest

from qcode.core.errors import InputFileError
from qcode.io.formats import ImportOptions, discover, read_file
from tests.factories import write_bib, write_docx, write_encrypted_pdf, write_pdf


def read(path, **options):
    return read_file(path, ImportOptions(**options))


def test_docx_keeps_headings_paragraph_order_and_table_cells(tmp_path):
    path = write_docx(
        tmp_path / "r.docx",
        ["Paragraf pertama tentang kerja sama.", "Second paragraph."],
        heading="1. Obstacles",
        table=[["Aktor", "Peran"], ["IOM", "Pemulangan korban"]],
    )
    (record,) = read(path).records
    assert record.text == (
        "1. Obstacles\n\nParagraf pertama tentang kerja sama.\n\nSecond paragraph."
        "\n\nAktor | Peran\n\nIOM | Pemulangan korban"
    )
    assert record.title == "1. Obstacles"


def test_truncated_docx_is_refused(tmp_path):
    path = write_docx(tmp_path / "r.docx", ["text"] * 50)
    path.write_bytes(path.read_bytes()[:700])
    with pytest.raises(InputFileError, match=r"r.docx: damaged Word document"):
        read(path)


def test_zip_that_is_not_a_word_document_is_refused(tmp_path):
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(InputFileError, match="not a Word document"):
        read(path)


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 50_000_000)
    with pytest.raises(InputFileError, match="zip bomb"):
        read(path)


def test_docx_with_entity_bomb_is_not_expanded(tmp_path):
    path = write_docx(tmp_path / "x.docx", ["placeholder"])
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
    )
    rebuilt = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for item in source.infolist():
            data = bomb.encode() if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item, data)
    try:
        result = read(rebuilt)
    except InputFileError:
        return  # refused: fine
    assert len(result.records[0].text) < 1000


def test_pdf_pages_are_mapped_and_textless_pages_reported(tmp_path):
    path = write_pdf(tmp_path / "brief.pdf", ["Page one text.", "", "Page three text."])
    result = read(path)
    (record,) = result.records
    assert record.text == "Page one text.\n\nPage three text."
    assert record.pages == [(1, 0), (2, 14), (3, 16)]
    assert "page(s) 2 have no text" in result.warnings[0]


def test_pdf_without_any_text_is_refused_as_a_scan(tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", ["", ""])
    with pytest.raises(InputFileError, match="scan.pdf: no extractable text in 2 page"):
        read(path)


def test_encrypted_pdf_is_refused(tmp_path):
    path = write_encrypted_pdf(tmp_path / "locked.pdf", "Secret findings.")
    with pytest.raises(InputFileError, match="locked.pdf: encrypted PDF"):
        read(path)


def test_corrupt_pdf_is_refused(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"garbage that is not a pdf body\n" * 20)
    with pytest.raises(InputFileError, match="broken.pdf: "):
        read(path)


def test_bibtex_entries_with_latex_accents_and_a_broken_one(tmp_path):
    path = write_bib(
        tmp_path / "refs.bib",
        '@article{a, author={M{\\"u}ller, Jan and Sari, Dewi}, title={Kerja {Sama}}, '
        "year={2020}, abstract={Teks abstrak tentang kerja sama.}}\n"
        "@article{broken, title={unclosed\n"
        "@book{b, title={Buku}, year=2010, abstract={Isi buku.}, langid={indonesian}}\n",
    )
    result = read(path)
    assert [r.title for r in result.records] == ["Kerja Sama", "Buku"]
    assert ("author", "Müller, Jan") in result.records[0].attributes
    assert ("language", "id") in result.records[1].attributes
    assert "line 2" in result.problems[0].label and "malformed" in result.problems[0].problem


def test_csv_text_column_is_detected_and_others_become_attributes(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "judul;tahun;penulis;ringkasan\n"
        "Studi A;2019;Sari, D; Putra, A;Ringkasan panjang tentang kerja sama antar lembaga.\n"
        "Studi B;2020;Lim, W;\n",
        encoding="utf-8",
    )
    broken = read(path)
    assert [str(p) for p in broken.problems] == [
        f"{path} row 1: more cells than the header has columns"
    ]
    path.write_text(
        "judul;tahun;penulis;ringkasan\n"
        "Studi A;2019;Sari, D| Putra, A;Ringkasan panjang tentang kerja sama antar lembaga.\n"
        "Studi B;2020;Lim, W;\n",
        encoding="utf-8",
    )
    result = read(path)
    (record,) = result.records
    assert record.title == "Studi A"
    assert record.text == "Ringkasan panjang tentang kerja sama antar lembaga."
    assert ("tahun", 2019.0) in record.attributes
    assert "empty 'ringkasan' cell" in str(result.skipped[0])


def test_csv_text_column_can_be_named(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,notes,body\n1,short,Long body text of the document here.\n", "utf-8")
    (record,) = read(path, text_column="NOTES").records
    assert (
        record.text == "short"
        and ("body", "Long body text of the document here.") in record.attributes
    )
    with pytest.raises(InputFileError, match="no text column 'missing'"):
        read(path, text_column="missing")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n ", "no text in the file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("thing.xyz", b"hello", "unsupported file type '.xyz'"),
        ("none.ris", b"just prose, no records\n", "no RIS records found"),
    ],
)
def test_bad_files_are_refused_by_name(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=f"{name}: {message}"):
        read(path)


def test_files_over_the_size_limit_are_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("kerja sama " * 20_000)
    with pytest.raises(InputFileError, match=r"big.txt: file is 0.2 MB, over the 0 MB limit"):
        read(path, max_bytes=100_000)


def test_missing_paths_are_named(tmp_path):
    with pytest.raises(InputFileError, match="nowhere.ris: no such file"):
        discover([tmp_path / "nowhere.ris"])
