"""Suggestions learned from a coder's own decisions: one small text model per code.

Every passage coded with a code (by hand or by accepting a suggestion) is an example of it;
every suggestion of it that was rejected, and every passage coded only with other codes, is
an example of what it is not. A linear model per code (logistic regression) reads text as
overlapping character 3–5-grams within words, hashed into a fixed table: Indonesian affixes
("berkoordinasi", "dikoordinasikan"), English inflections and typos share most of their
n-grams with the forms the coder saw, and no vocabulary has to be kept. Whole words and word
pairs are hashed beside them: on the evaluation corpus they raised precision at the same
recall ("tidak pernah" and "never" weigh as words, not as letters). Everything runs locally,
on the examples of this project alone.

The model scores every sentence; those it finds likely enough are proposed with the coded
passage nearest to them as the reason, so the coder can see why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

MIN_EXAMPLES = 10  # passages coded with a code before it gets a model
MIN_AGAINST = 10  # passages known not to be it
REJECTED_WEIGHT = 5.0  # a rejected suggestion says "not this" more firmly than other coding
LEARNED_THRESHOLD = 0.7  # probability from which a sentence is proposed
_FEATURES = 2**18
_MAX_AGAINST = 2000  # the most counter-examples one model learns from (spread evenly)


def vectorizer() -> FeatureUnion:
    """Text as hashed character 3–5-grams within words, and hashed words and word pairs."""
    letters = HashingVectorizer(analyzer=LetterGrams(), n_features=_FEATURES, alternate_sign=False)
    words = HashingVectorizer(
        analyzer="word", ngram_range=(1, 2), n_features=_FEATURES, alternate_sign=False
    )
    return FeatureUnion([("letters", letters), ("words", words)])


class LetterGrams:
    """The character 3–5-grams of each word padded with a space ("char_wb" in scikit-learn),
    each distinct word cut once: words repeat, and cutting is the slow part of reading."""

    _MOST = 200_000  # words remembered before the memory starts afresh

    def __init__(self) -> None:
        self._cut: dict[str, list[str]] = {}

    def __call__(self, text: str) -> list[str]:
        grams: list[str] = []
        cut = self._cut
        for word in text.lower().split():
            found = cut.get(word)
            if found is None:
                if len(cut) >= self._MOST:
                    cut.clear()
                found = cut[word] = _word_grams(word)
            grams += found
        return grams


def _word_grams(word: str) -> list[str]:
    padded = f" {word} "
    grams = []
    for size in range(3, 6):
        if len(padded) <= size:
            grams.append(padded)  # a short word counts once, as scikit-learn's char_wb has it
            break
        grams += [padded[i : i + size] for i in range(len(padded) - size + 1)]
    return grams


@dataclass
class Examples:
    """What the coder decided for one code: passages that are it and passages that are not."""

    code: str
    positive: list[str] = field(default_factory=list)
    negative: list[str] = field(default_factory=list)  # passages coded only with other codes
    rejected: list[str] = field(default_factory=list)  # its suggestions the coder rejected

    def against(self) -> int:
        return len(self.negative) + len(self.rejected)

    def enough(self) -> bool:
        return len(self.positive) >= MIN_EXAMPLES and self.against() >= MIN_AGAINST


@dataclass(frozen=True)
class Proposal:
    code: str
    probability: float
    nearest: str  # the coded passage most like the sentence
    similar: int  # coded passages of the code it was learned from


class CodeModels:
    """One trained model per code that has enough examples."""

    def __init__(self, examples: Iterable[Examples]) -> None:
        self._vectors = vectorizer()
        self.codes: list[str] = []
        self.too_few: dict[str, tuple[int, int]] = {}  # code → (positive, negative) counts
        self._models: list[LogisticRegression] = []
        self._positives: list = []  # each code's positive example vectors (for reasons)
        self._positive_text: list[list[str]] = []
        chosen: list[tuple[Examples, list[str], list[str]]] = []
        for found in examples:
            if not found.enough():
                self.too_few[found.code] = (len(found.positive), found.against())
                continue
            rejected = found.rejected[:_MAX_AGAINST]
            negative = _spread(found.negative, _MAX_AGAINST - len(rejected))
            chosen.append((found, rejected, negative))
        # Each distinct passage is read once, however many codes learn from it.
        row_of: dict[str, int] = {}
        for found, rejected, negative in chosen:
            for text in (*found.positive, *rejected, *negative):
                row_of.setdefault(text, len(row_of))
        matrix = self._vectors.transform(list(row_of)) if row_of else None
        for found, rejected, negative in chosen:
            texts = found.positive + rejected + negative
            rows = matrix[[row_of[text] for text in texts]]
            labels = np.array([1] * len(found.positive) + [0] * (len(texts) - len(found.positive)))
            weights = np.ones(len(texts))
            weights[len(found.positive) : len(found.positive) + len(rejected)] = REJECTED_WEIGHT
            model = LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear")
            model.fit(rows, labels, sample_weight=weights)
            self.codes.append(found.code)
            self._models.append(model)
            self._positives.append(rows[: len(found.positive)])
            self._positive_text.append(found.positive)
        if self._models:
            self._weights = np.vstack([m.coef_[0] for m in self._models]).T  # features × codes
            self._bias = np.array([m.intercept_[0] for m in self._models])

    def __bool__(self) -> bool:
        return bool(self._models)

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """For each text, each trained code's probability (texts × codes)."""
        if not self._models or not texts:
            return np.zeros((len(texts), len(self.codes)))
        return self._chances(self._vectors.transform(texts))

    def _chances(self, matrix) -> np.ndarray:
        return _sigmoid(np.asarray(matrix @ self._weights) + self._bias)

    def propose(
        self, texts: Sequence[str], threshold: float = LEARNED_THRESHOLD
    ) -> list[list[Proposal]]:
        """For each text, the codes it is likely to deserve, most likely first."""
        found: list[list[Proposal]] = [[] for _ in texts]
        if not self._models or not texts:
            return found
        matrix = self._vectors.transform(texts)
        chances = self._chances(matrix)
        rows, columns = np.nonzero(chances >= threshold)
        for column in set(columns.tolist()):
            picked = rows[columns == column]
            similarity = (matrix[picked] @ self._positives[column].T).toarray()
            nearest = similarity.argmax(axis=1)
            for row, best in zip(picked.tolist(), nearest.tolist(), strict=True):
                found[row].append(
                    Proposal(
                        self.codes[column],
                        float(chances[row, column]),
                        self._positive_text[column][best],
                        len(self._positive_text[column]),
                    )
                )
        for proposals in found:
            proposals.sort(key=lambda p: -p.probability)
        return found


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-values))


def _spread(items: list[str], most: int) -> list[str]:
    """At most ``most`` of ``items``, taken evenly across the list (no randomness)."""
    if len(items) <= most:
        return items
    step = len(items) / most
    return [items[int(i * step)] for i in range(most)]
