"""Rendering the demo report (a small Markdown subset) as a Word document."""

from __future__ import annotations

from pathlib import Path


def render_markdown_docx(source: Path, target: Path) -> None:
    """Write ``source`` (headings, paragraphs, ``-`` bullets, ``|`` tables) as ``target``."""
    import docx

    document = docx.Document()
    table_rows: list[list[str]] = []

    def flush_table() -> None:
        if not table_rows:
            return
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        table.style = "Table Grid"
        for r, cells in enumerate(table_rows):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
        table_rows.clear()

    for line in source.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            table_rows.append([c.strip() for c in stripped.strip("|").split("|")])
            continue
        flush_table()
        if not stripped:
            continue
        if stripped.startswith("# "):
            document.core_properties.title = stripped[2:]
            document.add_heading(stripped[2:], level=0)
        elif stripped.startswith("### "):
            document.add_heading(stripped[4:], level=2)
        elif stripped.startswith("## "):
            document.add_heading(stripped[3:], level=1)
        elif stripped.startswith("- "):
            document.add_paragraph(stripped[2:], style="List Bullet")
        else:
            document.add_paragraph(stripped)
    flush_table()
    document.core_properties.author = "qcode demo (invented)"
    document.save(str(target))
