"""The passages of each theme, quoted once each however many of its codes coded them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from qcode.core.codebook import Codebook
from qcode.core.report_content import Passage, ThemeSection


class CodedSpan(Protocol):
    document_id: int
    code_guid: str
    start: int
    end: int
    text: str
    memo: str


def theme_of(codebook: Codebook) -> dict[str, str]:
    """Each code's top-level ancestor (a theme is its own)."""
    by_guid = codebook.by_guid()
    found: dict[str, str] = {}
    for code in codebook.codes:
        guid = code.guid
        while by_guid[guid].parent is not None and by_guid[guid].parent in by_guid:
            guid = by_guid[guid].parent  # type: ignore[assignment]
        found[code.guid] = guid
    return found


def theme_sections(
    codebook: Codebook,
    rows: Iterable[CodedSpan],
    citation_labels: Mapping[int, str],
    languages: Mapping[int, str],
) -> list[ThemeSection]:
    """One section per theme, in codebook order: its distinct passages ordered by source
    (author and year) and position, each naming the theme's codes that coded it; and the
    theme's codes with nothing coded."""
    by_guid = codebook.by_guid()
    themes = theme_of(codebook)
    gathered: dict[str, dict[tuple[int, int, int], tuple[dict[str, None], dict[str, None], str]]]
    gathered = {}
    coded_codes: set[str] = set()
    for row in rows:
        theme = themes.get(row.code_guid)
        if theme is None:
            continue
        coded_codes.add(row.code_guid)
        key = (row.document_id, row.start, row.end)
        codes, memos, _ = gathered.setdefault(theme, {}).setdefault(key, ({}, {}, row.text))
        codes[by_guid[row.code_guid].name] = None
        if row.memo.strip():
            memos[row.memo.strip()] = None
    sections = []
    for theme in codebook.children(None):
        passages = [
            Passage(doc, start, end, text, "", tuple(codes), languages.get(doc, ""), tuple(memos))
            for (doc, start, end), (codes, memos, text) in gathered.get(theme.guid, {}).items()
        ]
        passages.sort(
            key=lambda p: (
                citation_labels.get(p.document_id, "").casefold(),
                p.document_id,
                p.start,
                p.end,
            )
        )
        under = [
            code.name
            for _, code in codebook.walk()
            if themes.get(code.guid) == theme.guid
            and code.codable
            and not code.retired
            and code.guid not in coded_codes
            and (code.guid != theme.guid or not codebook.children(theme.guid))
        ]
        sections.append(ThemeSection(theme.guid, theme.name, theme.description, passages, under))
    return sections


def cap_quotations(themes: list[ThemeSection], limit: int) -> int:
    """Quote at most ``limit`` passages in all (0: no limit); return how many are left out.

    Each theme keeps a share in proportion to its passages (at least one; the shares' sum
    is ``limit`` by largest remainders), taken at even steps through its passages, which are
    ordered by source: every part of the source list stays represented, not only its first
    authors.
    """
    total = sum(len(t.passages) for t in themes)
    if limit <= 0 or total <= limit:
        return 0
    exact = [limit * len(t.passages) / total for t in themes]
    shares = [
        min(len(t.passages), max(1, int(e))) if t.passages else 0
        for t, e in zip(themes, exact, strict=True)
    ]
    by_remainder = sorted(range(len(themes)), key=lambda i: int(exact[i]) - exact[i])
    for i in by_remainder:
        if sum(shares) >= limit:
            break
        if shares[i] < len(themes[i].passages):
            shares[i] += 1
    left_out = 0
    for theme, share in zip(themes, shares, strict=True):
        count = len(theme.passages)
        if share == count:
            continue
        step = count / share
        theme.quoted = [theme.passages[int(k * step)] for k in range(share)]
        left_out += count - share
    return left_out
