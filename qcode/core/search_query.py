"""Search queries: words, "quoted phrases" and prefix* terms, all of which must occur.

The same parsed query drives the database's full-text index (to find candidate documents)
and the exact location of every hit in the text (for keyword-in-context lines), so both
always agree on what matches.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from qcode.core.errors import UsageError

_PART = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]  # folded; several for a phrase
    prefix: bool = False  # the last word may continue ("koordinasi*")


def fold_char(char: str) -> str:
    """One character lower-cased without its accent, still one character (offsets hold)."""
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def fold_text(text: str) -> str:
    """``text`` lower-cased without accents, character for character."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(c) for c in text)


def parse_query(query: str) -> list[Term]:
    terms: list[Term] = []
    for phrase, word in _PART.findall(query):
        raw = phrase if phrase else word
        prefix = raw.endswith("*") and not phrase
        words = tuple(fold_text(w) for w in _WORD.findall(raw))
        if words:
            terms.append(Term(words, prefix))
    if not terms:
        raise UsageError(f"nothing to search for in {query!r}")
    return terms


def term_pattern(term: Term) -> re.Pattern[str]:
    """A regular expression finding ``term`` in folded text."""
    parts = [re.escape(w) for w in term.words]
    tail = r"\w*" if term.prefix else r"\b"
    return re.compile(r"\b" + r"\W+".join(parts) + tail)


def fts5_match(terms: list[Term]) -> str:
    """The query in SQLite FTS5 syntax (every term quoted, so user text is never syntax)."""
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words).replace('"', "") + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " AND ".join(parts)


def tsquery(terms: list[Term]) -> str:
    """The query in PostgreSQL ``to_tsquery`` syntax."""
    parts = []
    for term in terms:
        words = list(term.words)
        if term.prefix:
            words[-1] += ":*"
        parts.append("(" + " <-> ".join(words) + ")")
    return " & ".join(parts)
