"""Builders of real input files (RIS, BibTeX, CSV, DOCX, PDF) for tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def ris_record(
    title: str,
    abstract: str | None = "",
    *,
    authors: Sequence[str] = ("Sari, Dewi",),
    year: int | None = 2021,
    journal: str = "Jurnal Hubungan Internasional",
    doi: str | None = None,
    keywords: Sequence[str] = (),
    language: str | None = None,
    country: str | None = None,
    kind: str = "JOUR",
) -> str:
    lines = [f"TY  - {kind}"]
    lines += [f"AU  - {a}" for a in authors]
    if year is not None:
        lines.append(f"PY  - {year}")
    lines.append(f"TI  - {title}")
    lines.append(f"JO  - {journal}")
    if abstract:
        lines.append(f"AB  - {abstract}")
    lines += [f"KW  - {k}" for k in keywords]
    if language:
        lines.append(f"LA  - {language}")
    if country:
        lines.append(f"N1  - Country: {country}")
    if doi:
        lines.append(f"DO  - {doi}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n\n"


def write_ris(path: Path, records: Sequence[str], *, bom: bool = False) -> Path:
    path.write_text(("\ufeff" if bom else "") + "".join(records), encoding="utf-8")
    return path


ABSTRACT_ID = (
    "Kerja sama antara pemerintah dan organisasi internasional dalam menangani perdagangan "
    "orang menghadapi hambatan koordinasi yang serius pada periode 2019-2023."
)
ABSTRACT_EN = (
    "The cooperation between the government and international organisations against human "
    "trafficking faced serious coordination obstacles in the 2019-2023 period."
)


def write_docx(
    path: Path,
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    table: Sequence[Sequence[str]] | None = None,
    heading: str | None = None,
) -> Path:
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    document.save(str(path))
    return path


def write_pdf(path: Path, pages: Sequence[str], *, title: str | None = None) -> Path:
    """A real PDF with one text page per item ("" makes a page with no text)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return path


def write_encrypted_pdf(path: Path, text: str, password: str = "secret") -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(path.with_name(path.stem + "-plain.pdf"), [text])
    writer = PdfWriter()
    for page in PdfReader(str(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    with path.open("wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def write_bib(path: Path, entries: str) -> Path:
    path.write_text(entries, encoding="utf-8")
    return path
