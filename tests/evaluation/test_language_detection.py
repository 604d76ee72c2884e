"""Language detection on short texts made from the evaluation corpus (two sentences each)."""

from __future__ import annotations

from qcode.core.language import detect_language
from tests.evaluation.corpus import load


def test_two_sentence_abstracts_of_fifteen_words_or_more_are_detected():
    items = load()
    checked = 0
    for language in ("en", "id"):
        sentences = [item.sentence for item in items if item.language == language]
        for first in range(0, len(sentences) - 1, 2):
            text = " ".join(sentences[first : first + 2])
            if len(text.split()) < 15:
                continue
            checked += 1
            assert detect_language(text) == language, text
    assert checked >= 200


def test_single_sentences_are_never_given_the_other_language():
    for item in load():
        assert detect_language(item.sentence) in (item.language, "other"), item.sentence
