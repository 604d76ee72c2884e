"""Light stemming for matching keywords in Indonesian and English text.

Not a linguistic stemmer: it proposes the possible roots of a word so that a keyword and the
word in the text can meet on one of them. "berkoordinasi", "dikoordinasikan" and
"mengoordinasikan" all propose "koordinasi"; "coordinated" proposes "coordinate". Both sides of
a comparison go through the same function, which matters more than linguistic accuracy.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
_PLAIN_PREFIXES = ("di", "ke", "se", "ter", "ber", "be", "per", "pe", "me")
# meN-/peN- change the root's first sound: meng+oordinasi ← koordinasi, meny+elidiki ← selidiki.
_NASAL_PREFIXES = (
    ("meny", ("s",)),
    ("peny", ("s",)),
    ("meng", ("k", "")),
    ("peng", ("k", "")),
    ("mem", ("p", "")),
    ("pem", ("p", "")),
    ("men", ("t", "")),
    ("pen", ("t", "")),
)
_VOWELS = frozenset("aeiou")
_MIN_ROOT = 3


def fold(word: str) -> str:
    """Lower case without accents: "Kerjasama" → "kerjasama", "réfugié" → "refugie"."""
    lowered = word.casefold()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _strip_suffixes(word: str) -> set[str]:
    found = {word}
    for ending in _PARTICLES:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_ROOT + 1:
            found.add(word[: -len(ending)])
    for form in list(found):
        for ending in _POSSESSIVES:
            if form.endswith(ending) and len(form) - len(ending) >= _MIN_ROOT + 1:
                found.add(form[: -len(ending)])
    for form in list(found):
        for ending in _SUFFIXES:
            if form.endswith(ending) and len(form) - len(ending) >= _MIN_ROOT + 1:
                found.add(form[: -len(ending)])
    return found


def _strip_prefixes(word: str) -> set[str]:
    found = {word}
    for prefix, replacements in _NASAL_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= _MIN_ROOT and rest[0] in _VOWELS:
            found |= {r + rest for r in replacements}
        elif word.startswith(prefix) and len(rest) >= _MIN_ROOT:
            found.add(rest)
    for prefix in _PLAIN_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_ROOT + 1:
            found.add(word[len(prefix) :])
    # A second prefix: "diper-", "memper-", "ber-ke-".
    for form in list(found - {word}):
        for prefix in ("per", "ke", "ber"):
            if form.startswith(prefix) and len(form) - len(prefix) >= _MIN_ROOT + 1:
                found.add(form[len(prefix) :])
    return found


def _english(word: str) -> set[str]:
    found = {word}
    if len(word) <= 4:
        return found
    if word.endswith("ies"):
        found.add(word[:-3] + "y")
    elif word.endswith("es") and not word.endswith("ses"):
        found |= {word[:-2], word[:-1]}
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        found.add(word[:-1])
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_ROOT + 1:
            root = word[: -len(ending)]
            found |= {root, root + "e"}
            if len(root) > 2 and root[-1] == root[-2]:  # "planned" → "plan"
                found.add(root[:-1])
    if word.endswith("ly") and len(word) > 6:
        found.add(word[:-2])
    return found


@lru_cache(maxsize=200_000)
def stems(word: str, language: str = "") -> frozenset[str]:
    """Possible roots of a folded word (the word itself included).

    ``language`` "en" or "id" applies only that language's rules: an English keyword must not
    meet a word on a root only Indonesian affixes give ("permission" is not per+"mission"),
    nor an Indonesian keyword on English endings. Any other value applies both.
    """
    if language == "en":
        return frozenset(c for c in _english(word) if len(c) >= _MIN_ROOT) | {word}
    if language == "id":
        candidates = set()
        for stripped in _strip_suffixes(word):
            for root in _strip_prefixes(stripped):
                candidates |= {root} | _strip_suffixes(root)
        return frozenset(c for c in candidates if len(c) >= _MIN_ROOT) | {word}
    candidates = _english(word)
    for form in [*candidates, word]:
        for stripped in _strip_suffixes(form):
            candidates |= _strip_prefixes(stripped)
            for root in _strip_prefixes(stripped):
                candidates |= _strip_suffixes(root)
    return frozenset(c for c in candidates if len(c) >= _MIN_ROOT) | {word}
