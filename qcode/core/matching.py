"""Finding a codebook's keywords in text, approximately.

Exact search misses most of what a literature review says: "kerja sama" is also written
"kerjasama", "koordinasi" appears as "berkoordinasi" and "dikoordinasikan", "obstacle" as
"obstacles", and abstracts have typos. A keyword matches a run of words when every keyword
word meets its text word on a common root (see :mod:`qcode.core.stemming`), or is within a
small edit distance of it (one edit for words of 5-11 letters, two from 12). Spacing and
hyphenation are bridged: "kerjasama" matches "kerja sama" and "tumpang-tindih" matches
"tumpang tindih". A match its clause denies ("tanpa hambatan", "no serious obstacle was found",
"X was not a problem"; see :mod:`qcode.core.negation`) scores low, because "without
obstacles" is not an obstacle.

Speed comes from the vocabulary: each distinct word of the corpus is analysed once, and
only the words that touch some keyword are looked at again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from qcode.core.codebook import Code
from qcode.core.negation import DENYING_WORDS, denial
from qcode.core.stemming import fold, stems

EXACT = 100.0
TYPO_PENALTY = 10.0
NEGATED_FACTOR = 0.5
DEFAULT_THRESHOLD = 80.0
EXCLUDING_SCORE = 90.0
_WORD = re.compile(r"\w+")
_MIN_SPLIT = 3
_STEMMED_PART = 5  # the first part of a split keyword meets affixed forms from this length
_MAX_JOINED = 5


@dataclass(frozen=True, slots=True)
class Keyword:
    code: str  # the code's GUID
    text: str
    language: str
    excluding: bool = False  # an exclusion keyword: where it stands, the code is not suggested


class Hit(NamedTuple):  # a tuple: made hundreds of thousands of times, it must be cheap
    code: str
    keyword: str
    start: int
    end: int
    score: float
    denied_by: str = ""  # the words that deny it in its clause ("tidak ada", "not … problem")
    excluding: bool = False  # found an exclusion keyword, not a keyword


@dataclass(frozen=True, slots=True)
class _Pattern:
    keyword: Keyword
    words: tuple[int, ...]  # indexes into the matcher's keyword-word table
    exact_only: bool  # split variants of one-word keywords: no typos, stems on the first part


# Word-sense guards: a keyword word (left) never meets text words that begin with one of the
# forms on the right, although its stems or spelling reach them; they carry another sense.
SENSE_APART: dict[str, tuple[str, ...]] = {
    "izin": ("mengizinkan", "diizinkan", "mengijinkan", "diijinkan"),  # allowing ≠ a permit
    "ijin": ("mengijinkan", "diijinkan", "mengizinkan", "diizinkan"),
    "permit": ("permitted", "permitting"),  # being allowed ≠ a permit
    "permits": ("permitted", "permitting"),
    "coordinate": ("coordinates",),  # a map's coordinates
    "coordinated": ("coordinates",),
    "coordinating": ("coordinates",),
    "koordinasi": ("koordinat",),  # a map's coordinates (koordinat, titik koordinat)
    "mission": ("permission", "permissions"),
    "dibatasi": ("perbatasan", "berbatasan", "keterbatasan", "terbatas"),  # a border, scarcity
    "ditunjuk": ("menunjukkan", "ditunjukkan", "petunjuk"),  # showing ≠ being appointed
    "kesulitan": ("sulit",),  # "sulit dilacak" (hard to trace) is not a difficulty met
}


def _apart(word: str, group: str) -> tuple[str, ...]:
    """The text-word beginnings a keyword word must not meet: those of its stems' guards too
    ("perizinan" reaches "izin", so it keeps away from "mengizinkan" as "izin" does)."""
    found: list[str] = []
    for stem in {word} | stems(word, group):
        found += SENSE_APART.get(stem, ())
    return tuple(found)


def _rules(language: str) -> str:
    """The stemming rules for a keyword's language: its own for en and id, both otherwise."""
    return language if language in ("en", "id") else "*"


def _allowed_edits(word: str) -> int:
    if len(word) >= 12:
        return 2
    return 1 if len(word) >= 5 else 0


class KeywordMatcher:
    """Matches a fixed set of keywords in any number of texts."""

    def __init__(self, keywords: Iterable[Keyword], *, deny: bool = True) -> None:
        """``deny`` lowers matches their clause denies; search finds them all (deny=False)."""
        self._deny = deny
        self.words: list[str] = []
        self._plain: list[str] = []  # each keyword word as written (folded)
        self._apart: list[tuple[str, ...]] = []  # text words it must not meet (SENSE_APART)
        self._word_index: dict[str, int] = {}
        self._by_stem: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._groups: set[str] = set()  # the stemming rule sets keywords were indexed with
        self._spelled: dict[str, list[int]] = defaultdict(list)  # word → its indexes, for typos
        # first word → (second word or -1, pattern) of the patterns that begin with it
        self._starting: dict[int, list[tuple[int, _Pattern]]] = defaultdict(list)
        self._token_cache: dict[str, dict[int, float]] = {}
        self._by_length: dict[int, list[str]] = defaultdict(list)  # for typo search
        for keyword in keywords:
            self._add(keyword)

    def _word(self, word: str, language: str, exact_only: bool = False) -> int:
        group = "=" if exact_only else _rules(language)
        key = f"{group}:{word}"
        if key not in self._word_index:
            index = self._word_index[key] = len(self.words)
            self.words.append(key)
            self._plain.append(word)
            self._apart.append(() if exact_only else _apart(word, group))
            for stem in {word} if exact_only else stems(word, group):
                self._by_stem[group, stem].add(index)
            if not exact_only:
                self._groups.add(group)
                if word not in self._spelled:
                    self._by_length[len(word)].append(word)
                self._spelled[word].append(index)
        return self._word_index[key]

    def _pattern(self, keyword: Keyword, words: list[str], exact_only: bool = False) -> None:
        if exact_only:  # "kerjasama" as "kerja sama", and "bekerja sama": affixes on the first
            first = self._word(words[0], keyword.language, len(words[0]) < _STEMMED_PART)
            indexes = (first, *(self._word(w, keyword.language, True) for w in words[1:]))
        else:
            indexes = tuple(self._word(w, keyword.language) for w in words)
        pattern = _Pattern(keyword, indexes, exact_only)
        self._starting[indexes[0]].append((indexes[1] if len(indexes) > 1 else -1, pattern))

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
        for index in self._by_stem.get(("=", token), ()):
            found[index] = EXACT
        for group in self._groups:
            for stem in stems(token, group):
                for index in self._by_stem.get((group, stem), ()):
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
                    for index in self._spelled[word]:
                        found.setdefault(index, EXACT - TYPO_PENALTY * distance)
        for index in [i for i in found if self._apart[i] and token != self._plain[i]]:
            if token.startswith(self._apart[index]):
                del found[index]
        self._token_cache[token] = found
        return found

    def find(
        self, text: str, start: int = 0, end: int | None = None, *, plain: str | None = None
    ) -> list[Hit]:
        """Every keyword match in ``text[start:end]``; offsets point into ``text``.

        ``plain`` may be given as ``text.lower()`` when ``text`` is ASCII: a caller matching
        every sentence of a document lower-cases it once instead of folding word by word.
        """
        end = len(text) if end is None else end
        if plain is not None:
            tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(plain, start, end)]
        else:
            tokens = [
                (m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text, start, end)
            ]
        cache = self._token_cache
        matches = [
            known if (known := cache.get(t[2])) is not None else self.word_matches(t[2])
            for t in tokens
        ]
        # Most sentences hold no negator at all: their matches need no denial check.
        deny = self._deny and not DENYING_WORDS.isdisjoint(t[2] for t in tokens)
        hits: list[Hit] = []
        after = len(matches) - 1
        starting = self._starting
        for i, first in enumerate(matches):
            if not first:
                continue
            following = matches[i + 1] if i < after else {}
            for word_index in first:
                for second, pattern in starting.get(word_index, ()):
                    if second >= 0 and second not in following:
                        continue  # the usual miss, told without a call
                    score = self._score_at(matches, i, pattern)
                    if score is None:
                        continue
                    last = i + len(pattern.words) - 1
                    denied_by = (denial(text, tokens, i, last) or "") if deny else ""
                    if denied_by:
                        score *= NEGATED_FACTOR
                    keyword = pattern.keyword
                    hits.append(
                        Hit(
                            keyword.code,
                            keyword.text,
                            tokens[i][0],
                            tokens[last][1],
                            score,
                            denied_by,
                            keyword.excluding,
                        )
                    )
        return hits

    @staticmethod
    def _score_at(matches: list[dict[int, float]], i: int, pattern: _Pattern) -> float | None:
        """The mean score of ``pattern``'s words met from token ``i`` on, or None."""
        words = pattern.words
        if len(words) == 1:
            score = matches[i][words[0]]
            return None if pattern.exact_only and score < EXACT else score
        if i + len(words) > len(matches):
            return None
        total = 0.0
        for offset, word_index in enumerate(words):
            score = matches[i + offset].get(word_index)  # type: ignore[assignment]
            if score is None or (pattern.exact_only and score < EXACT):
                return None
            total += score
        return total / len(words)


def codebook_keywords(
    codes: Iterable[Code], chosen: Collection[str] | None = None
) -> list[Keyword]:
    """The keywords, then the exclusion keywords, of ``codes`` (those ``chosen`` only)."""
    picked = [code for code in codes if chosen is None or code.guid in chosen]
    keywords = [
        Keyword(code.guid, word, language)
        for code in picked
        for language, words in code.keywords.items()
        for word in words
    ]
    return keywords + [
        Keyword(code.guid, word, language, excluding=True)
        for code in picked
        for language, words in code.exclude.items()
        for word in words
    ]


def best_per_code(hits: Iterable[Hit]) -> dict[str, Hit]:
    """The highest-scoring keyword hit of each code (the earliest among equals), leaving out
    codes an exclusion keyword rules out here (see :func:`weigh`)."""
    return weigh(hits)[0]


def weigh(hits: Iterable[Hit]) -> tuple[dict[str, Hit], dict[str, Hit]]:
    """The best keyword hit of each code, and the exclusion hits that ruled codes out here.

    An exclusion keyword rules its code out where it is found closely (a typo at most) and
    not denied: "koordinat" excludes, "bukan peta" does not.
    """
    best: dict[str, Hit] = {}
    excluded: dict[str, Hit] = {}
    for hit in hits:
        if hit.excluding:
            if hit.score >= EXCLUDING_SCORE and hit.code not in excluded:
                excluded[hit.code] = hit
            continue
        current = best.get(hit.code)
        if current is None or hit.score > current.score:
            best[hit.code] = hit
    ruled_out = {code: hit for code, hit in excluded.items() if code in best}
    for code in ruled_out:
        del best[code]
    return best, ruled_out
