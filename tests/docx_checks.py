"""Layout checks on a .docx read back from its XML, measured apart from qcode's own code.

- every table is no wider than the text block of the section it sits in;
- no header word is wider than its column (measured with DejaVu Sans Bold through Pillow,
  plus the cell margins), so a header never breaks inside a word;
- table text is at least 9 pt; every row is kept whole on one page;
- every section has the same margins, and no figure is wider than its text block.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CELL_MARGINS_TWIPS = 2 * 57  # the qcode table style's left and right cell margins


def body(path: Path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")


def styles(path: Path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/styles.xml"))


def tables_with_sections(path: Path) -> list[tuple[etree._Element, etree._Element]]:
    """(table, the sectPr of the section it is in), in document order."""
    found, pending = [], []
    for child in body(path):
        if child.tag == f"{W}tbl":
            pending.append(child)
        elif child.tag == f"{W}p":
            sect = child.find(f"{W}pPr/{W}sectPr")
            if sect is not None:
                found += [(t, sect) for t in pending]
                pending = []
        elif child.tag == f"{W}sectPr":
            found += [(t, child) for t in pending]
            pending = []
    return found


def figures_with_sections(path: Path) -> list[tuple[int, etree._Element]]:
    """(width of each embedded picture in twips, the sectPr of its section)."""
    extent = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
    found, pending = [], []
    for child in body(path):
        pending += [int(e.get("cx")) * 1440 // 914400 for e in child.iter(extent)]
        sect = child.find(f"{W}pPr/{W}sectPr") if child.tag == f"{W}p" else None
        if child.tag == f"{W}sectPr":
            sect = child
        if sect is not None:
            found += [(width, sect) for width in pending]
            pending = []
    return found


def section_properties(path: Path) -> list[etree._Element]:
    root = body(path)
    return [s for s in root.iter(f"{W}sectPr")]


def text_width(sect) -> int:
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    return int(size.get(f"{W}w")) - int(margins.get(f"{W}left")) - int(margins.get(f"{W}right"))


@cache
def _font(size_pt: float):
    import matplotlib
    from PIL import ImageFont

    bold = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"
    return ImageFont.truetype(str(bold), size=int(size_pt * 10))


def word_twips(word: str, size_pt: float) -> float:
    return _font(size_pt).getlength(word) / 10 * 20  # points at size × 10, to twips


def _run_size(run, default_pt: float) -> float:
    size = run.find(f"{W}rPr/{W}sz")
    return int(size.get(f"{W}val")) / 2 if size is not None else default_pt


def layout_problems(path: Path, table_pt: float = 10.0) -> list[str]:
    problems = []
    for number, (table, sect) in enumerate(tables_with_sections(path), start=1):
        grid = [int(c.get(f"{W}w")) for c in table.findall(f"{W}tblGrid/{W}gridCol")]
        room = text_width(sect)
        if sum(grid) > room + 2:
            problems.append(f"table {number}: {sum(grid)} twips wide in {room}")
        rows = table.findall(f"{W}tr")
        for at, row in enumerate(rows):
            if row.find(f"{W}trPr/{W}cantSplit") is None:
                problems.append(f"table {number}: row {at + 1} may split across pages")
        for column, cell in enumerate(rows[0].findall(f"{W}tc")):
            for run in cell.iter(f"{W}r"):
                text = "".join(t.text or "" for t in run.iter(f"{W}t"))
                size = _run_size(run, table_pt)
                for word in text.split():
                    need = word_twips(word, size) + CELL_MARGINS_TWIPS
                    if need > grid[column]:
                        problems.append(
                            f"table {number}: header word {word!r} needs {need:.0f} twips, "
                            f"its column has {grid[column]}"
                        )
        for run in table.iter(f"{W}r"):
            if _run_size(run, table_pt) < 9:
                problems.append(f"table {number}: text under 9 pt")
                break
    for width, sect in figures_with_sections(path):
        if width > text_width(sect) + 2:
            problems.append(f"a figure {width} twips wide in {text_width(sect)}")
    margins = {
        tuple(s.find(f"{W}pgMar").get(f"{W}{side}") for side in ("left", "top", "right", "bottom"))
        for s in section_properties(path)
    }
    if len(margins) != 1:
        problems.append(f"margins differ between sections: {sorted(margins)}")
    return problems
