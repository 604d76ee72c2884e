"""Language of a text: Indonesian (``id``), English (``en``) or ``other``.

A stop-word vote: function words are the most frequent words of any running text, and the
Indonesian and English sets barely overlap. Abstracts of a hundred words are decided reliably;
very short or mixed texts fall back to ``other`` when neither language clearly dominates.
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


def detect_language(text: str) -> str:
    """Return ``"id"``, ``"en"`` or ``"other"`` for ``text``."""
    counts = Counter(_WORD.findall(text[:_SAMPLE_CHARS].lower()))
    id_votes = sum(counts[w] for w in _ID_SET.intersection(counts))
    en_votes = sum(counts[w] for w in _EN_SET.intersection(counts))
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
