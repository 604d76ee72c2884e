"""Finding a codebook's keywords in text, approximately.

Exact search misses most of what a literature review says: "kerja sama" is also written
"kerjasama", "koordinasi" appears as "berkoordinasi" and "dikoordinasikan", "obstacle" as
"obstacles", and abstracts have typos. A keyword matches a run of words when every keyword
word meets its text word on a common root (see :mod:`qcode.core.stemming`), or is within a
small edit distance of it (one edit for words of 5-11 letters, two from 12). Spacing and
hyphenation are bridged: "kerjasama" matches "kerja sama" and "tumpang-tindih" matches
"tumpang tindih". A match directly after an absence marker ("tanpa", "tidak ada", "no",
"without") scores low, because "without obstacles" is not an obstacle.

Speed comes from the vocabulary: each distinct word of the corpus is analysed once, and
only the words that touch some keyword are looked at again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from qcode.core.stemming import fold, stems

EXACT = 100.0
TYPO_PENALTY = 10.0
NEGATED_FACTOR = 0.5
DEFAULT_THRESHOLD = 80.0
_WORD = re.compile(r"\w+")
_ABSENCE = (("tanpa",), ("tidak", "ada"), ("no",), ("without",), ("never",), ("nor",), ("bukan",))
_MIN_SPLIT = 3
_MAX_JOINED = 5


@dataclass(frozen=True, slots=True)
class Keyword:
    code: str  # the code's GUID
    text: str
    language: str


@dataclass(frozen=True, slots=True)
class Hit:
    code: str
    keyword: str
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class _Pattern:
    keyword: Keyword
    words: tuple[int, ...]  # indexes into the matcher's keyword-word table
    exact_only: bool  # split variants of one-word keywords: no stems or typos


def _allowed_edits(word: str) -> int:
    if len(word) >= 12:
        return 2
    return 1 if len(word) >= 5 else 0


class KeywordMatcher:
    """Matches a fixed set of keywords in any number of texts."""

    def __init__(self, keywords: Iterable[Keyword]) -> None:
        self.words: list[str] = []
        self._word_index: dict[str, int] = {}
        self._by_stem: dict[str, set[int]] = defaultdict(set)
        self.patterns: list[_Pattern] = []
        self._starting: dict[int, list[int]] = defaultdict(list)  # first word → patterns
        self._token_cache: dict[str, dict[int, float]] = {}
        self._by_length: dict[int, list[str]] = defaultdict(list)  # for typo search
        for keyword in keywords:
            self._add(keyword)

    def _word(self, word: str, exact_only: bool = False) -> int:
        key = ("=" if exact_only else "") + word
        if key not in self._word_index:
            self._word_index[key] = len(self.words)
            self.words.append(key)
            for stem in {word} if exact_only else stems(word):
                self._by_stem[("=" if exact_only else "") + stem].add(self._word_index[key])
            if not exact_only:
                self._by_length[len(word)].append(word)
        return self._word_index[key]

    def _pattern(self, keyword: Keyword, words: list[str], exact_only: bool = False) -> None:
        indexes = tuple(self._word(w, exact_only) for w in words)
        self._starting[indexes[0]].append(len(self.patterns))
        self.patterns.append(_Pattern(keyword, indexes, exact_only))

    def _add(self, keyword: Keyword) -> None:
        words = [fold(w) for w in _WORD.findall(keyword.text)]
        if not words:
            return
        self._pattern(keyword, words)
        if 1 < len(words) <= _MAX_JOINED:
            # "kerja sama antar lembaga" also as "kerjasama antar lembaga", "kerja sama
            # antarlembaga", "kerjasama antarlembaga" …: every way of closing up the spaces.
            for mask in range(1, 2 ** (len(words) - 1)):
                joined = [words[0]]
                for position, word in enumerate(words[1:]):
                    if mask >> position & 1:
                        joined[-1] += word
                    else:
                        joined.append(word)
                self._pattern(keyword, joined)
        elif (
            len(words) == 1 and len(words[0]) >= 2 * _MIN_SPLIT + 2
        ):  # "kerjasama" also as "kerja sama"
            word = words[0]
            for cut in range(_MIN_SPLIT, len(word) - _MIN_SPLIT + 1):
                self._pattern(keyword, [word[:cut], word[cut:]], exact_only=True)

    def word_matches(self, token: str) -> dict[int, float]:
        """Keyword words that the folded text word ``token`` matches, with their scores."""
        found = self._token_cache.get(token)
        if found is not None:
            return found
        found = {}
        for index in self._by_stem.get("=" + token, ()):
            found[index] = EXACT
        for stem in stems(token):
            for index in self._by_stem.get(stem, ()):
                found[index] = EXACT
        allowed = _allowed_edits(token)
        if allowed:
            size = len(token)
            plain = [
                w
                for n in range(size - allowed, size + allowed + 1)
                for w in self._by_length.get(n, ())
            ]
            for word, distance, _ in extract(
                token, plain, scorer=Levenshtein.distance, score_cutoff=allowed, limit=None
            ):
                if 0 < distance <= _allowed_edits(word):
                    index = self._word_index[word]
                    found.setdefault(index, EXACT - TYPO_PENALTY * distance)
        self._token_cache[token] = found
        return found

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Every keyword match in ``text[start:end]``; offsets point into ``text``."""
        end = len(text) if end is None else end
        tokens = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text, start, end)]
        matches = [self.word_matches(t[2]) for t in tokens]
        hits: list[Hit] = []
        for i, first in enumerate(matches):
            for word_index in first:
                for pattern_index in self._starting.get(word_index, ()):
                    hit = self._match_at(tokens, matches, i, self.patterns[pattern_index])
                    if hit is not None:
                        hits.append(hit)
        return hits

    def _match_at(self, tokens, matches, i: int, pattern: _Pattern) -> Hit | None:
        n = len(pattern.words)
        if i + n > len(tokens):
            return None
        total = 0.0
        for offset, word_index in enumerate(pattern.words):
            score = matches[i + offset].get(word_index)
            if score is None or (pattern.exact_only and score < EXACT):
                return None
            total += score
        score = total / n
        if _absent(tokens, i):
            score *= NEGATED_FACTOR
        keyword = pattern.keyword
        return Hit(keyword.code, keyword.text, tokens[i][0], tokens[i + n - 1][1], score)


def _absent(tokens, i: int) -> bool:
    """Whether the words right before token ``i`` deny what follows ("tanpa", "no" …)."""
    before = [t[2] for t in tokens[max(0, i - 2) : i]]
    return any(tuple(before[-len(marker) :]) == marker for marker in _ABSENCE)


def best_per_code(hits: Iterable[Hit]) -> dict[str, Hit]:
    """The highest-scoring hit of each code (the earliest among equals)."""
    best: dict[str, Hit] = {}
    for hit in hits:
        current = best.get(hit.code)
        if current is None or hit.score > current.score:
            best[hit.code] = hit
    return best
