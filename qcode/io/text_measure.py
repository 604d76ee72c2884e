"""How wide a word prints, measured with a real font's metrics (matplotlib's FreeType).

Column widths are computed from the widest word a column must hold, so that a header never
breaks inside a word. The measure uses DejaVu Sans, shipped with matplotlib and wider than
the fonts a report is set in (Times New Roman, Calibri, Liberation), so a width that fits
it fits them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

CM_PER_POINT = 2.54 / 72


@cache
def _font(bold: bool):
    import matplotlib
    from matplotlib.ft2font import FT2Font

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return FT2Font(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name))


@cache
def word_cm(word: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of ``word`` at ``size_pt`` points, in centimetres."""
    if not word:
        return 0.0
    font = _font(bold)
    font.set_size(size_pt, 72)
    font.set_text(word, 0.0)
    width, _ = font.get_width_height()
    return width / 64 * CM_PER_POINT


def widest_word_cm(text: str, size_pt: float, bold: bool = False) -> float:
    return max((word_cm(w, size_pt, bold) for w in text.split()), default=0.0)


def line_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of ``text`` set on one line (words and the spaces between them)."""
    words = text.split()
    if not words:
        return 0.0
    space = word_cm("a a", size_pt, bold) - 2 * word_cm("a", size_pt, bold)
    return sum(word_cm(w, size_pt, bold) for w in words) + space * (len(words) - 1)
