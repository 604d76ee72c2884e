"""Why a suggestion was made, in one line a researcher can check against the text."""

from __future__ import annotations

from qcode.core.matching import EXACT, NEGATED_FACTOR, Hit
from qcode.core.stemming import fold


def keyword_reason(hit: Hit, matched: str) -> str:
    """'keyword "hambatan"', with the form found, a typo or a denial that lowered it."""
    parts = [f"keyword “{hit.keyword}”"]
    if fold(matched) != fold(hit.keyword):
        parts[0] += f" as “{matched}”"
    score = hit.score / NEGATED_FACTOR if hit.denied_by else hit.score
    if score < EXACT:
        parts.append("spelt with a typo")
    if hit.denied_by:
        parts.append(f"denied by “{hit.denied_by}”, score halved")
    return "; ".join(parts)


def learned_reason(examples: int, nearest: str) -> str:
    """'similar to 12 passages coded with this code; nearest: "…"'."""
    shown = nearest if len(nearest) <= 90 else nearest[:89].rstrip() + "…"
    plural = "s" if examples != 1 else ""
    return f"similar to {examples} passage{plural} coded with this code; nearest: “{shown}”"
