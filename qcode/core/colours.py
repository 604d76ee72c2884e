"""Code colours: read leniently, written as ``#RRGGBB``."""

from __future__ import annotations

import re
from collections.abc import Iterable

_HEX6 = re.compile(r"^#?([0-9a-fA-F]{6})$")
_HEX3 = re.compile(r"^#?([0-9a-fA-F]{3})$")
_RGB = re.compile(r"^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$", re.IGNORECASE)

# Distinct, mid-tone colours that stay readable as highlights on light and dark backgrounds;
# new codes without a colour take the next one.
PALETTE = (
    "#C0392B",
    "#2E86C1",
    "#27AE60",
    "#8E44AD",
    "#D68910",
    "#16A085",
    "#CB4335",
    "#2874A6",
    "#B7950B",
    "#6C3483",
)


def parse_colour(raw: str) -> str:
    """``#RRGGBB`` for ``raw`` given as ``#RRGGBB``, ``#RGB``, without ``#``, or ``rgb(r,g,b)``.

    Raises ValueError for anything else.
    """
    value = raw.strip()
    if match := _HEX6.match(value):
        return "#" + match.group(1).upper()
    if match := _HEX3.match(value):
        return "#" + "".join(c * 2 for c in match.group(1)).upper()
    if match := _RGB.match(value):
        parts = [int(p) for p in match.groups()]
        if all(0 <= p <= 255 for p in parts):
            return "#" + "".join(f"{p:02X}" for p in parts)
    raise ValueError(f"colour {raw!r} is not #RRGGBB")


def is_colour(raw: str) -> bool:
    try:
        parse_colour(raw)
    except ValueError:
        return False
    return True


def palette_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def unused_colour(used: Iterable[str | None]) -> str:
    """The first palette colour no code has yet; when all are taken, the least used one."""
    counts = {colour: 0 for colour in PALETTE}
    for colour in used:
        key = (colour or "").upper()
        if key in counts:
            counts[key] += 1
    return min(PALETTE, key=lambda colour: counts[colour])


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (#RRGGBB)."""
    value = background.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#000000" if luminance > 0.5 else "#FFFFFF"
