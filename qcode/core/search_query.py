"""Search queries: phrases and prefix* terms, all of which must occur, or alternatives by OR.

Plain words written together are a phrase (``kerja sama`` finds the two words together, as a
researcher means it); ``"quoted phrases"`` and ``prefix*`` words are terms of their own; all
the terms of a query must occur in a document; ``OR`` (in capitals) separates alternatives:
``kerjasama OR "kerja sama"``.

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


# Latin letters with accents, and what :func:`fold_char` makes of each: PostgreSQL's search
# index folds text with ``translate()`` over these two strings, as SQLite's FTS5 removes
# diacritics, so that "cafe", "café" and "CAFÉ" find the same documents on both databases.
_LATIN = [chr(c) for c in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00))]
ACCENTED = "".join(
    c for c in _LATIN if c.isalpha() and fold_char(c) != c and fold_char(c).isascii()
)
UNACCENTED = "".join(fold_char(c) for c in ACCENTED)


def fold_text(text: str) -> str:
    """``text`` lower-cased without accents, character for character."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(c) for c in text)


Alternatives = list[list[Term]]  # any alternative; within one, every term


def parse_query(query: str) -> Alternatives:
    """The query's alternatives (split on ``OR``), each a list of terms that must all occur."""
    alternatives: Alternatives = []
    current: list[Term] = []
    run: list[str] = []  # plain words written together: one phrase

    def close_run() -> None:
        words = tuple(fold_text(w) for raw in run for w in _WORD.findall(raw))
        if words:
            current.append(Term(words, run[-1].endswith("*")))
        run.clear()

    for match in _PART.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if word == "OR":
            close_run()
            if current:
                alternatives.append(current)
            current = []
        elif phrase is not None:
            close_run()
            words = tuple(fold_text(w) for w in _WORD.findall(phrase))
            if words:
                current.append(Term(words))
        else:
            run.append(word)
            if word.endswith("*"):  # a prefix ends its phrase
                close_run()
    close_run()
    if current:
        alternatives.append(current)
    if not alternatives:
        raise UsageError(f"nothing to search for in {query!r}")
    return alternatives


def term_pattern(term: Term) -> re.Pattern[str]:
    """A regular expression finding ``term`` in folded text."""
    parts = [re.escape(w) for w in term.words]
    tail = r"\w*" if term.prefix else r"\b"
    return re.compile(r"\b" + r"\W+".join(parts) + tail)


def fts5_match(alternatives: Alternatives) -> str:
    """The query in SQLite FTS5 syntax (every term quoted, so user text is never syntax)."""
    groups = []
    for terms in alternatives:
        parts = []
        for term in terms:
            quoted = '"' + " ".join(term.words).replace('"', "") + '"'
            parts.append(quoted + ("*" if term.prefix else ""))
        groups.append("(" + " AND ".join(parts) + ")")
    return " OR ".join(groups)


def tsquery(alternatives: Alternatives) -> str:
    """The query in PostgreSQL ``to_tsquery`` syntax."""
    groups = []
    for terms in alternatives:
        parts = []
        for term in terms:
            words = list(term.words)
            if term.prefix:
                words[-1] += ":*"
            parts.append("(" + " <-> ".join(words) + ")")
        groups.append("(" + " & ".join(parts) + ")")
    return " | ".join(groups)
