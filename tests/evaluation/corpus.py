"""The evaluation corpus: invented sentences labelled with the themes a careful coder wants.

The sentences live in ``themes_en.tsv`` and ``themes_id.tsv`` beside this module. They were
written apart from the shipped codebook's keyword lists (paraphrases, negations, near-misses,
words of another sense) and are never used to choose keywords, exclusions or negators: the
matcher's own tuning set is ``tests/core/gold_autocoding.py``. Every second sentence is held
out: keywords and exclusions were improved looking only at the errors on the others, and the
held-out half shows whether that generalised.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
THEMES = {
    "Obstacles": "O",
    "Legitimacy": "L",
    "Coordination complexity": "C",
    "Tech-enabled modus": "T",
}


@dataclass(frozen=True)
class Labelled:
    language: str
    themes: frozenset[str]
    sentence: str
    held_out: bool  # every second sentence: never looked at while improving the codebook


def load() -> list[Labelled]:
    found = []
    for language in ("en", "id"):
        path = HERE / f"themes_{language}.tsv"
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = [line for line in lines if line.strip() and not line.startswith("#")]
        for number, line in enumerate(rows):
            labels, sentence = line.split("\t", 1)
            themes = frozenset() if labels == "-" else frozenset(labels.split(","))
            found.append(Labelled(language, themes, sentence.strip(), number % 2 == 1))
    return found


@dataclass
class Scores:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    def add(self, gold: frozenset[str], found: set[str]) -> None:
        self.true_positive += len(found & gold)
        self.false_positive += len(found - gold)
        self.false_negative += len(gold - found)


def score(pairs: list[tuple[frozenset[str], set[str]]]) -> dict[str, Scores]:
    """Micro-averaged scores over all themes ("all") and per theme letter."""
    table = {key: Scores() for key in ("all", *THEMES.values())}
    for gold, found in pairs:
        table["all"].add(gold, found)
        for theme in THEMES.values():
            table[theme].add(gold & {theme}, found & {theme})
    return table
