"""Finding the same work twice: identical text, the same DOI, or near-identical titles.

Every literature review meets duplicates: the same article exported from Scopus and from
Web of Science, a preprint and its journal version. Titles are compared with rapidfuzz after
folding case, accents and punctuation; candidates are first narrowed through the title's
rarest words so that a batch of ten thousand records is not compared pairwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

TITLE_SIMILARITY = 95.0
_MIN_TITLE_CHARS = 20
_CANDIDATE_WORDS = 3
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def normalise_doi(doi: str | None) -> str | None:
    """Lower-case DOI without a resolver prefix, or None when there is none."""
    if not doi:
        return None
    clean = _DOI_PREFIX.sub("", doi.strip()).strip().lower()
    return clean or None


def fold_title(title: str) -> str:
    """Title reduced for comparison: no accents, no punctuation, lower case, single spaces."""
    if not title.isascii():
        decomposed = unicodedata.normalize("NFKD", title)
        title = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", title.casefold()).split())


@dataclass(frozen=True, slots=True)
class Match:
    """Why a record duplicates a known one: ``reason`` is "text", "doi" or "title"."""

    reason: str
    key: int | str
    score: float = 100.0


class DuplicateIndex:
    """Known documents, searchable by text hash, DOI and title; grows as records are added.

    ``key`` identifies a known document to the caller (a database id, or a label for records
    of the batch being imported).
    """

    def __init__(self) -> None:
        self._by_hash: dict[str, int | str] = {}
        self._by_doi: dict[str, int | str] = {}
        self._by_folded: dict[str, int | str] = {}
        self._titles: list[tuple[str, int | str]] = []
        # Titles are blocked by the numbers they contain ("Annual report 2019" and "Annual
        # report 2020" are different reports), then indexed by word.
        self._by_word: dict[tuple[str, str], list[int]] = defaultdict(list)

    def add(self, key: int | str, sha256: str, doi: str | None, title: str | None) -> None:
        self._add(key, sha256, normalise_doi(doi), fold_title(title) if title else None)

    def add_unless_known(
        self, key: int | str, sha256: str, doi: str | None, title: str | None
    ) -> Match | None:
        """The match if this record duplicates a known one; otherwise remember it, and None."""
        norm = normalise_doi(doi)
        folded = fold_title(title) if title else None
        match = self._find(sha256, norm, folded)
        if match is None:
            self._add(key, sha256, norm, folded)
        return match

    def _add(self, key: int | str, sha256: str, doi: str | None, folded: str | None) -> None:
        self._by_hash.setdefault(sha256, key)
        if doi is not None:
            self._by_doi.setdefault(doi, key)
        if folded:
            if len(folded) < _MIN_TITLE_CHARS or folded in self._by_folded:
                return
            self._by_folded[folded] = key
            position = len(self._titles)
            self._titles.append((folded, key))
            block = _digits(folded)
            for word in set(folded.split()):
                self._by_word[block, word].append(position)

    def find(self, sha256: str, doi: str | None, title: str | None) -> Match | None:
        """The first reason this record is a duplicate of a known one, or None."""
        return self._find(sha256, normalise_doi(doi), fold_title(title) if title else None)

    def _find(self, sha256: str, doi: str | None, folded: str | None) -> Match | None:
        if (key := self._by_hash.get(sha256)) is not None:
            return Match("text", key)
        if doi is not None and (key := self._by_doi.get(doi)) is not None:
            return Match("doi", key)
        if folded:
            return self._find_title(folded)
        return None

    def _find_title(self, folded: str) -> Match | None:
        if len(folded) < _MIN_TITLE_CHARS:
            return None
        if (key := self._by_folded.get(folded)) is not None:
            return Match("title", key)
        positions = self._candidates(folded)
        if not positions:
            return None
        found = process.extractOne(
            folded,
            [self._titles[p][0] for p in positions],
            scorer=fuzz.ratio,
            score_cutoff=TITLE_SIMILARITY,
        )
        if found is None:
            return None
        _, score, index = found
        return Match("title", self._titles[positions[index]][1], score)

    def _candidates(self, folded: str) -> list[int]:
        # A typo makes a word unknown; the rarest words both titles have still narrow it down.
        block = _digits(folded)
        known = [w for w in set(folded.split()) if (block, w) in self._by_word]
        words = sorted(known, key=lambda w: (len(self._by_word[block, w]), w))
        seen: set[int] = set()
        ordered: list[int] = []
        for word in words[:_CANDIDATE_WORDS]:
            for position in self._by_word[block, word]:
                if position not in seen:
                    seen.add(position)
                    ordered.append(position)
        return ordered


def _digits(folded: str) -> str:
    return " ".join(sorted(set(_DIGITS.findall(folded))))
