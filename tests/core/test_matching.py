"""Auto-coding quality on the gold set, and the matcher's variant handling."""

from __future__ import annotations

import pytest

from qcode.core.matching import DEFAULT_THRESHOLD, Keyword, KeywordMatcher, best_per_code
from qcode.io.codebook_yaml import read_codebook_yaml
from tests.codebook_factories import SHIPPED
from tests.core.gold_autocoding import GOLD

THEMES = {
    "Obstacles": "O",
    "Legitimacy": "L",
    "Coordination complexity": "C",
    "Tech-enabled modus": "T",
}


@pytest.fixture(scope="module")
def shipped():
    codebook, _ = read_codebook_yaml(SHIPPED)
    keywords = [
        Keyword(code.guid, word, language)
        for code in codebook.codes
        for language, words in code.keywords.items()
        for word in words
    ]
    return codebook, KeywordMatcher(keywords)


def predicted_themes(codebook, matcher, sentence):
    themes = set()
    for hit in best_per_code(matcher.find(sentence)).values():
        if hit.score >= DEFAULT_THRESHOLD:
            themes.add(THEMES[codebook.path(hit.code).split(" > ")[0]])
    return themes


def test_gold_set_is_large_and_bilingual():
    assert len(GOLD) >= 60
    assert sum(1 for _, themes in GOLD if not themes) >= 10


def test_precision_and_recall_on_the_gold_set(shipped):
    codebook, matcher = shipped
    true_positive = false_positive = false_negative = 0
    misses = []
    for sentence, gold in GOLD:
        found = predicted_themes(codebook, matcher, sentence)
        true_positive += len(found & gold)
        false_positive += len(found - gold)
        false_negative += len(gold - found)
        if found != gold:
            misses.append((sentence, sorted(gold), sorted(found)))
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    print(
        f"gold set: precision {precision:.3f}, recall {recall:.3f}, {len(misses)} sentence(s) off"
    )
    for miss in misses:
        print("  ", miss)
    assert recall >= 0.9, misses
    assert precision >= 0.8, misses


@pytest.mark.parametrize(
    ("keyword", "text"),
    [
        ("kerja sama antar lembaga", "kerjasama antar lembaga"),
        ("kerjasama", "kerja sama"),
        ("koordinasi", "dikoordinasikan"),
        ("koordinasi", "mengoordinasikan"),
        ("koordinasi", "berkoordinasi"),
        ("hambatan", "menghambat"),
        ("obstacle", "obstacles"),
        ("coordinate", "coordinated"),
        ("tumpang tindih", "tumpang-tindih"),
        ("advertisements", "advertisments"),
    ],
)
def test_variants_match(keyword, text):
    matcher = KeywordMatcher([Keyword("c", keyword, "x")])
    hits = matcher.find(f"Ini {text} itu.")
    assert hits and hits[0].score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("keyword", "text"), [("koordinasi", "koordinat"), ("legitimacy", "legitimate")]
)
def test_near_misses_do_not_match(keyword, text):
    assert KeywordMatcher([Keyword("c", keyword, "x")]).find(f"The {text} here.") == []


@pytest.mark.parametrize(
    ("keyword", "language", "text"),
    [
        ("slow to", "en", "The ministry was slow to act on warnings."),
        ("number of actors", "en", "The number of actors kept growing."),
        ("access to shelters", "en", "NGOs were refused access to shelters."),
        ("akses ke", "id", "LSM mendapat akses ke rumah aman."),
        ("rotasi di daerah", "id", "Rotasi di daerah terjadi tiap tahun."),
    ],
)
def test_keywords_holding_short_words_match(keyword, language, text):
    # Words under three letters ("to", "of", "ke", "di") have no stems of their own; they
    # must still meet themselves, or every keyword holding one never matches.
    (hit,) = KeywordMatcher([Keyword("c", keyword, language)]).find(text)
    assert hit.score == 100.0
    assert text[hit.start : hit.end].lower() == keyword


def test_hit_offsets_point_at_the_matched_words():
    text = "Pada 2020 🙂, kegiatan dikoordinasikan ulang."
    (hit,) = KeywordMatcher([Keyword("c", "koordinasi", "id")]).find(text)
    assert text[hit.start : hit.end] == "dikoordinasikan"
