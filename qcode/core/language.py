"""Language of a text: Indonesian (``id``), English (``en``) or ``other``.

A stop-word vote: function words are the most frequent words of any running text, and the
Indonesian and English sets barely overlap. Abstracts of a hundred words are decided reliably.
Short, telegraphic abstracts ("Traffickers recruit online via social media platforms; police
lack cyber units…") have few function words, so the shapes of their words vote too, at half
weight: English endings (-tion, -ing, -ed, -ly, -ment, plural -s after a consonant, "th") and
Indonesian affixes (meN-, ber-, ter-, di-, peN-, -kan, -nya, -an). Texts where neither
language clearly dominates are ``other``.
"""

from __future__ import annotations

import re
from collections import Counter

INDONESIAN = "id"
ENGLISH = "en"
OTHER = "other"

_ID_WORDS = (
    "yang dan di ke dari dalam untuk dengan pada ini itu adalah tidak oleh sebagai juga akan "
    "atau karena bahwa telah antara serta dapat tersebut terhadap secara yaitu para lebih sudah "
    "belum namun tetapi hingga sejak bagi masih setiap saat ada menjadi merupakan melalui "
    "kami kita mereka ia beberapa banyak dalam sangat maka agar sehingga bila jika seperti "
    "tahun penelitian ini menggunakan pemerintah kerja sama"
)
_EN_WORDS = (
    "the of and to in is that for on with as by this are was were be from which an at it or "
    "has have not their its between been these such also into than through however while "
    "would could should can may our we they there who whom whose what when where how study "
    "government cooperation"
)

_ID_SET = frozenset(_ID_WORDS.split())
_EN_SET = frozenset(_EN_WORDS.split())
# Every function word counted is plain ASCII, so ASCII letter runs are all that need finding.
_WORD = re.compile(r"[a-z]+")

# Look at the opening only: language does not change half-way through an abstract,
# and a long report is decided by its opening pages.
_SAMPLE_CHARS = 1200
_MIN_VOTES = 3
_DOMINANCE = 1.5
_EN_ENDINGS = ("tion", "tions", "ing", "ings", "ed", "ly", "ment", "ments", "ness", "ous", "ies")
_PLURAL = re.compile(r"[bcdfgklmnprtvw]s$")  # "units", "months", "platforms"
_ID_PREFIXES = ("meng", "meny", "mem", "men", "ber", "ter", "di", "peng", "peny", "pem", "pen")
_ID_ENDINGS = ("kan", "nya", "an")


def detect_language(text: str) -> str:
    """Return ``"id"``, ``"en"`` or ``"other"`` for ``text``."""
    counts = Counter(_WORD.findall(text[:_SAMPLE_CHARS].lower()))
    id_votes: float = sum(counts[w] for w in _ID_SET.intersection(counts))
    en_votes: float = sum(counts[w] for w in _EN_SET.intersection(counts))
    decided = _decide(id_votes, en_votes)
    if decided != OTHER:
        return decided
    id_shapes, en_shapes = _shapes(counts)
    return _decide(id_votes + id_shapes / 2, en_votes + en_shapes / 2)


def _shapes(counts: Counter) -> tuple[int, int]:
    """Words that look Indonesian and words that look English, by their affixes."""
    indonesian = english = 0
    for word, count in counts.items():
        if len(word) < 4 or word in _ID_SET or word in _EN_SET:
            continue
        if word.endswith(_EN_ENDINGS) or "th" in word or _PLURAL.search(word):
            english += count
        elif word.startswith(_ID_PREFIXES) or word.endswith(_ID_ENDINGS):
            indonesian += count
    return indonesian, english


def _decide(id_votes: float, en_votes: float) -> str:
    if max(id_votes, en_votes) < _MIN_VOTES:
        return OTHER
    if id_votes >= _DOMINANCE * en_votes:
        return INDONESIAN
    if en_votes >= _DOMINANCE * id_votes:
        return ENGLISH
    return OTHER


def normalise_language_code(value: str) -> str | None:
    """Map a language as reference managers write it ("English", "ind", "id-ID") to a code."""
    v = value.strip().lower()
    if not v:
        return None
    if v in {"en", "eng", "english", "inggris", "bahasa inggris"} or v.startswith("en-"):
        return ENGLISH
    if v in {"id", "ind", "in", "indonesian", "indonesia", "bahasa indonesia"} or v.startswith(
        "id-"
    ):
        return INDONESIAN
    return v
