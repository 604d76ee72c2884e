"""The Word outputs as a thesis writer hands them on: every table of every .docx fits its
text block with unbroken header words and unsplit rows, the report has its frame (A4, equal
margins, title page, contents, lists, figures, APA references), Indonesian output speaks
Indonesian and is tagged so, and a reference document's styles and page setup win."""

from __future__ import annotations

import datetime as dt
import zipfile

import docx
import pytest
from docx.shared import Cm, Pt

from qcode.demo.build import build_demo
from qcode.services.suggestion_decisions import accept
from tests.cli.runner import qcode
from tests.docx_checks import (
    W,
    body,
    figures_with_sections,
    layout_problems,
    section_properties,
    styles,
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    project_path = folder / "review.qcode"
    project, _ = build_demo(project_path)
    with project:
        accept(project, above=0, coder="ayu")
    made = {}
    frame = ["--title", "Kerja Sama Pemerintah dan LSM", "--author", "Ayu Lestari"]
    for name, args in {
        "report-en": ["report", "-o", folder / "report-en.docx", *frame],
        "report-id": ["report", "-o", folder / "report-id.docx", "--lang", "id", *frame],
        "report-letter": [
            "report", "-o", folder / "report-letter.docx", "--paper", "letter",
            "--margins", "2.5,2.5,2.5,2.5", "--matrix", "codes/documents", "--keep-empty",
        ],
        "codebook": ["codebook export", folder / "codebook.docx"],
        "synthesis": ["synthesis", "-o", folder / "synthesis.docx"],
    }.items():
        command, *rest = args
        run = qcode(*command.split(), project_path, *rest)
        assert run.code == 0, run.err
        made[name] = next(a for a in rest if str(a).endswith(".docx"))
    made["project"] = project_path
    return made


@pytest.mark.parametrize(
    "name", ["report-en", "report-id", "report-letter", "codebook", "synthesis"]
)
def test_every_table_fits_its_page_with_whole_header_words_and_rows(outputs, name):
    path = outputs[name]
    assert docx.Document(str(path)).tables, "no table to check"
    assert layout_problems(path) == []


def test_a_wide_matrix_is_split_with_its_row_labels_repeated(outputs):
    document = docx.Document(str(outputs["report-letter"]))
    parts = [t for t in document.tables if t.rows[1].cells[0].text == "Obstacles"]
    assert len(parts) >= 3  # frequencies, then the codes × documents matrix in parts
    captions = [p.text for p in document.paragraphs if "(columns" in p.text]
    assert len(captions) >= 2 and "of 18)" in captions[0]  # --keep-empty: 17 sources and Total


def test_the_report_has_a_thesis_frame(outputs):
    path = outputs["report-en"]
    sections = section_properties(path)
    for sect in sections:
        margins = sect.find(f"{W}pgMar")
        assert (margins.get(f"{W}left"), margins.get(f"{W}top")) == ("2268", "1701")  # 4, 3 cm
        size = sect.find(f"{W}pgSz")
        assert sorted([int(size.get(f"{W}w")), int(size.get(f"{W}h"))]) == [11906, 16838]  # A4
    document = docx.Document(str(path))
    first = [p.text for p in document.paragraphs[:12] if p.text]
    assert "Kerja Sama Pemerintah dan LSM" in first
    assert any("Ayu Lestari" in line for line in first)
    instructions = " ".join(t.text for t in body(path).iter(f"{W}instrText"))
    assert 'TOC \\o "1-2"' in instructions and 'TOC \\h \\z \\c "Table"' in instructions
    assert 'TOC \\h \\z \\c "Figure"' in instructions and "SEQ Figure" in instructions
    with zipfile.ZipFile(path) as archive:
        assert b"updateFields" in archive.read("word/settings.xml")
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert len(images) >= 3  # frequencies, sources per year, themes × periods
    assert len(figures_with_sections(path)) == len(images)  # each one checked for width
    props = document.core_properties
    assert props.title == "Kerja Sama Pemerintah dan LSM" and props.author == "Ayu Lestari"
    assert props.created.date() >= dt.date.today() - dt.timedelta(days=1)
    assert props.language == "en-US" and "python-docx" not in (props.comments or "")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == len(set(headings))  # no heading twice
    codebook_table = document.tables[0]
    assert not any("[1]" in c.text for row in codebook_table.rows for c in row.cells)


def test_references_are_apa_with_links_italics_and_a_hanging_indent(outputs):
    path = outputs["report-en"]
    document = docx.Document(str(path))
    entries = [p for p in document.paragraphs if p.style.name == "Bibliography"]
    assert len(entries) == 17
    text = [p.text for p in entries]
    assert text == sorted(text, key=str.casefold)  # APA orders by author
    wongsakul = next(t for t in text if t.startswith("Wongsakul"))
    assert "Wongsakul, P., & Harlow, M. (2013)." in wongsakul
    assert "Journal of Southeast Asian Governance, 7(2), 115–138." in wongsakul
    assert "https://doi.org/10.5555/qcode-demo.2013.002" in wongsakul
    style = document.styles["Bibliography"].paragraph_format
    assert style.first_line_indent == -style.left_indent and style.left_indent == Cm(1.27)
    links = list(body(path).iter(f"{W}hyperlink"))
    assert len(links) >= 10
    italic = [r.text for p in entries for r in p.runs if r.italic]
    assert "Journal of Southeast Asian Governance" in italic


def test_passages_are_quoted_once_per_theme_with_their_codes(outputs):
    document = docx.Document(str(outputs["report-en"]))
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes and all(q.rstrip().endswith("]") and ", 20" in q for q in quotes)
    # Quotes are not repeated within a theme: headings split the chapter into themes.
    theme, seen = None, set()
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 2":
            theme, seen = paragraph.text, set()
        elif paragraph.style.name == "Quote":
            key = paragraph.text.split("” ")[0]
            assert key not in seen, (theme, key)
            seen.add(key)
    assert not any(p.text.startswith("Memo:") for p in document.paragraphs)  # without --memos


def test_indonesian_output_speaks_and_is_tagged_indonesian(outputs):
    path = outputs["report-id"]
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    for wanted in ("Daftar Isi", "Daftar Tabel", "Daftar Gambar", "Metode", "Daftar Pustaka",
                   "Temuan per Tema", "Gambar 1", "Disusun oleh: Ayu Lestari"):
        assert wanted in text, wanted
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Tabel 1") and all(" and " not in c for c in captions)
    assert " dan " in " ".join(captions)
    method = next(p.text for p in document.paragraphs if p.text.startswith("Tinjauan ini"))
    assert "mencakup" in method and not any(s.strip()[:1].isdigit() for s in method.split(". "))
    defaults = styles(path).find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(f"{W}val") == "id-ID"
    tags = {lang.get(f"{W}val") for lang in body(path).iter(f"{W}lang")}
    assert {"id-ID", "en-US"} <= tags  # English quotations keep their own language
    untagged = [r for r in body(path).iter(f"{W}r") if r.find(f"{W}rPr/{W}lang") is None]
    assert untagged == []
    assert document.core_properties.language == "id-ID"


def test_a_reference_document_gives_its_styles_and_page_setup(outputs, tmp_path):
    template = docx.Document()
    heading = template.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.size = Pt(17)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(template.sections[0], side, Cm(2.5))
    template.sections[0].header.paragraphs[0].text = "Universitas Contoh"
    template.add_paragraph("This text must not survive.")
    template_path = tmp_path / "kampus.docx"
    template.save(str(template_path))
    out = tmp_path / "bab2.docx"
    run = qcode("report", outputs["project"], "-o", out, "--reference-doc", template_path)
    assert run.code == 0, run.err
    made = docx.Document(str(out))
    assert made.styles["Heading 1"].font.name == "Georgia"
    assert made.styles["Heading 1"].font.size == Pt(17)
    for section in made.sections:
        assert round(section.left_margin / 360000, 2) == 2.5
        assert round(section.top_margin / 360000, 2) == 2.5
    assert made.sections[0].header.paragraphs[0].text == "Universitas Contoh"
    assert "This text must not survive." not in "\n".join(p.text for p in made.paragraphs)
    assert layout_problems(out) == []


def test_a_missing_reference_document_is_one_clear_line(outputs, tmp_path):
    run = qcode("report", outputs["project"], "-o", tmp_path / "r.docx", "--reference-doc",
                tmp_path / "nope.docx")
    assert run.code == 2 and "no such reference document" in run.err
    assert not (tmp_path / "r.docx").exists()
    damaged = tmp_path / "kampus.docx"
    damaged.write_text("not a Word file", encoding="utf-8")
    run = qcode("report", outputs["project"], "-o", tmp_path / "r.docx", "--reference-doc",
                damaged)
    assert run.code == 3 and "kampus.docx: damaged Word document" in run.err
    assert len(run.err.strip().splitlines()) == 1 and not (tmp_path / "r.docx").exists()
