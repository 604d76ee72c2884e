"""``qcode matrix``, ``excerpts``, ``synthesis`` and ``report`` on a coded demo project, run as
a user runs them; the Word report is converted by LibreOffice and read back as text."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess

import docx
import openpyxl
import pytest

from qcode.demo.build import build_demo
from qcode.services.suggestion_decisions import accept
from tests.cli.runner import qcode


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("coded")
    project, _ = build_demo(folder / "review.qcode")
    with project:
        accept(project, above=0, coder="ayu")
    return folder / "review.qcode"


def test_matrix_prints_a_table_and_writes_every_format(coded, tmp_path):
    shown = qcode("matrix", coded, "--cols", "attr:year:5")
    assert shown.code == 0, shown.err
    assert "2010–2014" in shown.out and "Obstacles" in shown.out and "Total" in shown.out
    for suffix in (".csv", ".xlsx", ".md", ".json"):
        out = tmp_path / f"m{suffix}"
        run = qcode("matrix", coded, "--cols", "attr:country", "-o", out)
        assert run.code == 0, run.err
        assert out.stat().st_size > 0
    rows = list(csv.reader((tmp_path / "m.csv").open(encoding="utf-8-sig")))
    assert rows[0][0] == "" and "Indonesia" in rows[0] and rows[0][-1] == "Total"
    assert rows[-1][0] == "Total"
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert data["parameters"]["cols"] == "attr:country"
    assert len(data["cells"]) == len(data["rows"])
    assert "| Obstacles |" in (tmp_path / "m.md").read_text(encoding="utf-8")


def test_xlsx_has_bold_frozen_header_and_code_colours(coded, tmp_path):
    out = tmp_path / "m.xlsx"
    assert qcode("matrix", coded, "--rows", "documents", "--cols", "codes", "-o", out).code == 0
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "B2"
    assert sheet["B1"].font.bold and sheet["B1"].value == "Obstacles"
    assert sheet["B1"].fill.fgColor.rgb.endswith("C0392B")
    assert sheet.column_dimensions["A"].width > 12
    assert "Parameters" in book.sheetnames


def test_excerpts_one_row_per_segment_and_synthesis(coded, tmp_path):
    out = tmp_path / "e.xlsx"
    run = qcode("excerpts", coded, "-o", out, "--where", "country=Indonesia", "--json")
    assert run.code == 0, run.err
    count = run.json()["excerpts"]
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["document", "citation", "title", "year", "author"]
    assert {"country", "code path", "text", "page"} <= set(header)
    assert sheet.max_row == count + 1
    assert {row[header.index("country")] for row in sheet.iter_rows(2, values_only=True)} == {
        "Indonesia"
    }
    synth = tmp_path / "s.docx"
    run = qcode("synthesis", coded, "-o", synth, "--length", "80")
    assert run.code == 0, run.err
    table = docx.Document(str(synth)).tables[0]
    assert [c.text for c in table.rows[0].cells][:2] == ["Source", "Obstacles"]
    assert any("…" in c.text for row in table.rows[1:] for c in row.cells)


def _pdf_text(path, tmp_path) -> str:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / (path.stem + ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    assert int(pages.split()[1]) > 5
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_report_opens_with_python_docx_in_english_and_indonesian(coded, tmp_path):
    out = tmp_path / "report.docx"
    run = qcode("report", coded, "-o", out, "--json")
    assert run.code == 0, run.err
    assert run.json()["sources"] == 17
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for wanted in ("Method", "Codebook", "Code Frequencies", "Findings by Theme", "Obstacles"):
        assert wanted in headings
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Table 1\n") and captions[1].startswith("Table 2\n")
    assert any(c.startswith("Figure 1\n") for c in captions)
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes and all(q.rstrip().endswith("]") for q in quotes)
    assert len(document.tables) >= 5
    out_id = tmp_path / "laporan.docx"
    assert qcode("report", coded, "-o", out_id, "--lang", "id").code == 0
    text = "\n".join(p.text for p in docx.Document(str(out_id)).paragraphs)
    for wanted in ("Metode", "Frekuensi Kode", "Temuan per Tema", "Tabel 1", "Daftar Pustaka"):
        assert wanted in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("lang", ["en", "id"])
def test_report_converts_with_libreoffice(coded, tmp_path, lang):
    out = tmp_path / "report.docx"
    assert qcode("report", coded, "-o", out, "--lang", lang, "--title", "Bab 2").code == 0
    text = _pdf_text(out, tmp_path)
    flat = " ".join(text.split())
    wanted = (
        ("Findings by Theme", "References", "Contents", "Figure 1")
        if lang == "en"
        else ("Temuan per Tema", "Daftar Pustaka", "Daftar Isi", "Gambar 1")
    )
    for heading in wanted:
        assert heading in flat, heading
    first_quote = next(
        p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Quote"
    )
    words = first_quote.strip("“").split()[:5]
    assert " ".join(words) in flat
    # Header words are whole in the rendered PDF: no country split over two lines.
    for country in ("Indonesia", "Cambodia", "Philippines"):
        assert country in text


def test_matrix_as_latex_github_and_tsv(coded, tmp_path):
    out = tmp_path / "m.tex"
    run = qcode("matrix", coded, "--cols", "attr:country", "--hide-empty", "-o", out)
    assert run.code == 0, run.err
    tex = out.read_text(encoding="utf-8")
    assert "\\toprule" in tex and "\\midrule" in tex and "\\bottomrule" in tex
    table = tex.split("\\midrule", 1)[1].split("\\bottomrule", 1)[0]
    body = [line for line in table.strip().splitlines() if line.endswith("\\\\")]
    codes = qcode("matrix", coded, "--cols", "attr:country", "--hide-empty", "--json").json()
    assert len(body) == len(codes["rows"]) + 1  # one row per code, and the totals
    assert "Coded passages by code and country" in tex
    github = qcode("matrix", coded, "--cols", "attr:year:5", "--format", "github").out
    lines = github.strip().splitlines()
    assert lines[0].startswith("|  | 2005–2009") and set(lines[1]) <= set("|-: ")
    assert all(line.count("|") == lines[0].count("|") for line in lines)
    tsv = qcode("matrix", coded, "--cols", "attr:year:5", "--format", "tsv").out.splitlines()
    assert tsv[0].split("\t")[-1] == "Total" and len({len(r.split("\t")) for r in tsv}) == 1


def test_latex_specials_are_escaped():
    from qcode.io.latex_tables import escape, latex_table

    assert escape("R&D 100% $5 #1 a_b {x} ~ ^ \\") == (
        "R\\&D 100\\% \\$5 \\#1 a\\_b \\{x\\} \\textasciitilde{} "
        "\\textasciicircum{} \\textbackslash{}"
    )
    table = latex_table(["", "A&B"], [["x_1", 2]], "50% of codes")
    assert "A\\&B" in table and "x\\_1" in table and "50\\% of codes" in table


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
@pytest.mark.parametrize(
    "args",
    [
        ["matrix", "--cols", "attr:year:5", "-o", "m.tex"],
        ["frequencies", "-o", "f.tex"],
        ["synthesis", "-o", "s.tex"],
    ],
)
def test_latex_files_compile(coded, tmp_path, args):
    command, *rest = args
    assert qcode(command, coded, *rest, cwd=tmp_path).code == 0
    tex = tmp_path / rest[-1]
    done = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / tex.with_suffix(".pdf").name).stat().st_size > 1000


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_charts_are_written_in_three_formats(coded, tmp_path, suffix):
    magic = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}[suffix]
    for kind in ("frequencies", "periods", "years"):
        out = tmp_path / f"{kind}{suffix}"
        run = qcode("chart", coded, kind, out, "--json")
        assert run.code == 0, run.err
        assert out.read_bytes().startswith(magic)
    refused = qcode("chart", coded, "frequencies", tmp_path / "c.gif")
    assert refused.code == 2 and ".png, .svg or .pdf" in refused.err


def test_frequencies_count_passages(coded):
    data = qcode("frequencies", coded, "--json").json()
    obstacles = next(row for row in data if row["code"] == "Obstacles")
    subs = [row for row in data if row["depth"] == 1][:7]
    assert obstacles["passages"] <= sum(row["passages"] for row in subs)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["matrix", "--codes", "Nope"], "no code 'Nope'"),
        (["matrix", "--cols", "attr:contry"], "no document has the attribute 'contry'"),
        (["matrix", "--coder", "zed"], "no coder named zed"),
        (["report", "-o", "missing/r.docx"], "does not exist"),
        (["matrix", "-o", "missing/m.xlsx"], "does not exist"),
        (["excerpts", "-o", "e.csv", "--where", "country=Atlantis"], "no coded segments"),
        (["report", "-o", "r.pdf"], "name it .docx"),
    ],
)
def test_bad_input_is_one_clear_line_and_no_file(coded, tmp_path, args, message):
    command, *rest = args
    run = qcode(command, coded, *rest, cwd=tmp_path)
    assert run.code != 0
    assert message in run.err and len(run.err.strip().splitlines()) == 1, run.err
    assert list(tmp_path.iterdir()) == []


def test_an_empty_project_is_a_clear_error(tmp_path):
    project = tmp_path / "empty.qcode"
    assert qcode("init", project).code == 0
    run = qcode("report", project, "-o", tmp_path / "r.docx")
    assert run.code == 2 and "no codebook yet" in run.err
    assert not (tmp_path / "r.docx").exists()


def test_a_report_quotes_at_most_max_quotes_and_says_so(coded, tmp_path):
    full = qcode("report", coded, "-o", tmp_path / "all.docx", "--json").json()
    assert full["quoted"] == full["quotable"] > 12
    out = tmp_path / "capped.docx"
    run = qcode("report", coded, "-o", out, "--max-quotes", "12")
    assert run.code == 0, run.err
    assert f"(12 of {full['quotable']} quoted; see --max-quotes)" in run.out
    document = docx.Document(str(out))
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert len(quotes) == 12
    said = [p.text for p in document.paragraphs if "are quoted below" in p.text]
    assert said and all("every passage is listed by ‘qcode excerpts’" in s for s in said)
    assert qcode("report", coded, "-o", out, "--max-quotes", "-1").code == 2


def test_quotations_are_capped_in_proportion_and_spread_over_sources():
    from qcode.core.report_content import Passage, ThemeSection
    from qcode.core.report_passages import cap_quotations

    def theme(name, count):
        passages = [Passage(n, 0, 5, f"p{n}", "", (name,), "id") for n in range(count)]
        return ThemeSection(name, name, "", passages)

    themes = [theme("a", 900), theme("b", 100), theme("c", 1)]
    assert cap_quotations(themes, 100) == 1001 - 100
    a, _, c = themes
    assert [len(t.quotations()) for t in themes] == [89, 10, 1]
    ids = [p.document_id for p in a.quotations()]
    assert ids[0] == 0 and ids[-1] > 850  # from the first sources to the last
    assert c.quoted is None  # a theme of one passage keeps it
    assert cap_quotations([theme("d", 50)], 0) == 0  # 0 quotes every one
