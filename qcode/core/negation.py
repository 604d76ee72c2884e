"""Whether a keyword found in a sentence is denied there ("no serious obstacle was found").

A keyword names what a passage is about only when the passage says it is there. Denials of
existence are looked for in the keyword's own clause (commas, semicolons, colons and
conjunctions such as "but", "tetapi", "sehingga" close a clause), in both languages:

- an absence word shortly before it: "no", "none", "without", "tanpa", "bukan", "tiada" —
  "no serious obstacle", "tanpa hambatan besar", "bukan kendala";
- a negated verb of being, finding or meeting shortly before it: "tidak ada", "belum ada",
  "tidak ditemukan", "tidak mengalami", "did not find any evidence of", "did not reveal";
- after it, a negator and a word that denies it as a problem or an event: "was not a
  problem", "was not an issue", "tidak menjadi masalah", "bukan lagi persoalan",
  "tidak pernah dilaporkan", "was never reported".

A plain negated verb is not a denial: "tidak berkoordinasi" and "did not share information"
describe failed coordination, which is what the coder wants found. "belum" alone ("belum
optimal") is not a denial either: the obstacle is exactly that something is not there yet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Tokens are (start, end, folded word) as the matcher makes them.
Token = tuple[int, int, str]

_ABSENCE = frozenset({"no", "none", "without", "tanpa", "bukan", "tiada", "neither", "nor"})
_NEGATORS = frozenset({"not", "tidak", "tak", "belum", "never", "nt", "didn", "wasn", "weren"})
_EXISTING = frozenset(
    {
        # Indonesian: being, finding, meeting, facing
        "ada", "terdapat", "ditemukan", "menemukan", "ditemui", "dijumpai", "mengalami",
        "menghadapi", "menunjukkan", "mencatat", "tercatat", "melaporkan", "dilaporkan",
        "menyebut", "disebut", "terlihat", "tampak",
        # English
        "find", "found", "reveal", "revealed", "show", "showed", "shown", "identify",
        "identified", "record", "recorded", "report", "reported", "mention", "mentioned",
        "observe", "observed", "experience", "experienced", "face", "faced", "encounter",
        "encountered", "see", "saw", "seen", "any", "there",
    }
)  # fmt: skip
_DENYING = frozenset(
    {
        "problem", "problems", "issue", "issues", "concern", "concerns", "obstacle",
        "obstacles", "barrier", "hindrance", "difficulty", "reported", "found", "mentioned",
        "recorded", "observed", "noted", "masalah", "persoalan", "kendala", "hambatan",
        "dilaporkan", "ditemukan", "tercatat", "disebut", "dipersoalkan", "dikeluhkan",
    }
)  # fmt: skip
_FILLERS = frozenset(
    {"a", "an", "any", "the", "t", "lagi", "pernah", "menjadi", "merupakan", "longer", "ever"}
)
_AFTER_NEGATORS = _NEGATORS | {"bukan", "no"}
_CONJUNCTIONS = frozenset(
    {
        "but", "however", "although", "though", "whereas", "while", "because", "so",
        "tetapi", "tapi", "namun", "meskipun", "walaupun", "sedangkan", "padahal",
        "sehingga", "karena", "sebab", "melainkan",
    }
)  # fmt: skip
# Any word that can begin a denial: a text without one needs no further look.
DENYING_WORDS = _ABSENCE | _NEGATORS | {"bukan", "no"}
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]—–]")
_BEFORE = 4  # words between a denial and the keyword it denies
_AFTER = 3  # words between the keyword and a negator after it


def clause_bounds(text: str, tokens: Sequence[Token], first: int, last: int) -> tuple[int, int]:
    """The indexes of the first and last token of the clause holding tokens first..last."""
    begin = first
    while begin > 0:
        if tokens[begin][2] in _CONJUNCTIONS:
            begin += 1
            break
        if _CLAUSE_BREAK.search(text, tokens[begin - 1][1], tokens[begin][0]):
            break
        begin -= 1
    finish = last
    while finish + 1 < len(tokens):
        if tokens[finish + 1][2] in _CONJUNCTIONS:
            break
        if _CLAUSE_BREAK.search(text, tokens[finish][1], tokens[finish + 1][0]):
            break
        finish += 1
    return min(begin, first), finish


def denial(text: str, tokens: Sequence[Token], first: int, last: int) -> str | None:
    """The words that deny the keyword at tokens first..last, or None when it stands."""
    near = tokens[max(0, first - _BEFORE - 2) : last + _AFTER + 2]
    if DENYING_WORDS.isdisjoint(t[2] for t in near):
        return None  # no negator within reach: the usual case, told without finding clauses
    begin, finish = clause_bounds(text, tokens, first, last)
    before = [t[2] for t in tokens[max(begin, first - _BEFORE - 2) : first]]
    for at, word in enumerate(before):
        distance = len(before) - at - 1  # words between this one and the keyword
        if word in _ABSENCE and distance <= _BEFORE:
            if word == "no" and before[at + 1 : at + 2] == ["one"]:
                continue  # "no one doubted that …" denies the doubt, not what follows
            return word
        if word in _NEGATORS and distance <= _BEFORE + 1:
            following = before[at + 1 : at + 3]
            verb = next((w for w in following if w in _EXISTING), None)
            if verb is not None:
                return f"{word} {verb}" if following[0] == verb else f"{word} … {verb}"
    after = [t[2] for t in tokens[last + 1 : finish + 1]]
    for at, word in enumerate(after[: _AFTER + 1]):
        if word not in _AFTER_NEGATORS:
            continue
        rest = [w for w in after[at + 1 : at + 5] if w not in _FILLERS][:1]
        if rest and rest[0] in _DENYING:
            return f"{word} … {rest[0]}"
    return None
