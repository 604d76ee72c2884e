"""Learned suggestions on a real project: examples from the coding, reasons, re-scoring."""

from __future__ import annotations

import json

import pytest

from qcode.core.learning import MIN_EXAMPLES
from qcode.services.autocoding import autocode, list_suggestions
from qcode.services.codebooks import load_codebook
from qcode.services.coding import code_span
from qcode.services.importing import import_paths
from qcode.services.learned import learn_and_suggest
from qcode.services.suggestion_decisions import reject
from tests.cli.runner import qcode

CODEBOOK = """\
qcode_codebook: 1
title: Learning
codes:
- name: Money
  keywords:
    en: [budget]
  children:
  - name: Shortage
- name: Meetings
  keywords:
    en: [meeting]
- name: Rare
"""
# Passages a coder would code "Money > Shortage": money running short, in many words.
SHORT = [
    "The shelter ran out of money in March.",
    "Funds for victim care were exhausted by mid-year.",
    "The district office had no money left for patrols.",
    "Grants were cut, so the outreach team was disbanded.",
    "Donor funds dried up before the second phase.",
    "The programme was underfunded from its first year.",
    "There was no money to pay the interpreters.",
    "Funding cuts closed two of the three shelters.",
    "The unit lacked the funds to buy a vehicle.",
    "Money for training was never released.",
    "The NGO could not pay its field staff after June.",
    "Financial shortfalls ended the hotline service.",
]
MEETINGS = [
    "Officials from five agencies met every month.",
    "The council gathered police, prosecutors and NGOs.",
    "Agencies sat together to review each case.",
    "The forum brought the ministries to one table.",
    "Representatives convened in the provincial capital.",
    "The working group met twice before the elections.",
    "Partners assembled weekly to plan raids.",
    "A joint session reviewed the referral backlog.",
    "Delegates from three districts came together in May.",
    "The committee convened to settle the dispute.",
    "Staff of all partners met at the governor's office.",
    "Officials gathered to agree on a shared calendar.",
]
NEW = [
    "Money for food in the shelter ran out in October.",  # like SHORT, no keyword
    "Funds to pay the counsellors were exhausted early.",  # like SHORT, no keyword
    "The river flooded the village in the rainy season.",  # like nothing coded
    "Money for the shelter's food ran out again in November.",  # like NEW[0]
]


def corpus(tmp_path):
    lines = SHORT + MEETINGS + NEW
    source = tmp_path / "notes.txt"
    source.write_text(" ".join(lines), encoding="utf-8")
    return source, " ".join(lines)


@pytest.fixture
def learned(project, tmp_path):
    source, text = corpus(tmp_path)
    import_paths(project, [source], coder="ayu")
    book = tmp_path / "book.yaml"
    book.write_text(CODEBOOK, encoding="utf-8")
    load_codebook(project, book, coder="ayu")
    for sentence in SHORT:
        start = text.index(sentence)
        code_span(project, "1", "Money > Shortage", start, start + len(sentence), coder="ayu")
    for sentence in MEETINGS:
        start = text.index(sentence)
        code_span(project, "1", "Meetings", start, start + len(sentence), coder="ayu")
    return project


def test_sentences_like_the_coded_ones_are_suggested_with_a_reason(learned):
    report = learn_and_suggest(learned, coder="ayu")
    assert set(report.trained) >= {"Money", "Money > Shortage", "Meetings"}
    assert report.too_few == {"Rare": (0, 24)}
    found = {(s.code, s.text): s for s in list_suggestions(learned)}
    for sentence in NEW[:2]:
        view = found[("Money > Shortage", sentence)]
        assert view.source == "learned" and view.keyword == ""
        assert view.reason.startswith("similar to 12 passages coded with this code; nearest: “")
        assert view.score >= 70
    assert not [s for s in found.values() if s.text == NEW[2]]
    # A sub-code's passages are examples of its parent, and nothing already coded comes back.
    assert ("Money", NEW[0]) in found
    assert not [s for s in found.values() if s.text in SHORT + MEETINGS]
    # Running again adds nothing new.
    assert learn_and_suggest(learned, coder="ayu").added == 0


def test_rejecting_a_suggestion_lowers_those_like_it(learned):
    learn_and_suggest(learned, coder="ayu")

    def scores():
        return {
            s.text: s.score
            for s in list_suggestions(learned)
            if s.code == "Money > Shortage" and s.source == "learned"
        }

    before = scores()
    first = next(
        s for s in list_suggestions(learned) if s.text == NEW[0] and s.code == "Money > Shortage"
    )
    reject(learned, [first.id], coder="ayu")
    report = learn_and_suggest(learned, coder="ayu")
    assert report.rescored >= 1
    after = scores()
    assert NEW[0] not in after  # decided
    assert after[NEW[3]] < before[NEW[3]]  # the one like it went down


def test_keyword_suggestions_are_scored_again_with_the_model(learned):
    autocode(learned, coder="ayu")  # "meeting" finds nothing coded yet? it finds nothing new
    learn_and_suggest(learned, coder="ayu")
    for view in list_suggestions(learned):
        if view.source == "keyword":
            assert "the model of your coding gives" in view.reason


def test_too_few_examples_are_named(project, tmp_path):
    source, text = corpus(tmp_path)
    import_paths(project, [source], coder="ayu")
    book = tmp_path / "book.yaml"
    book.write_text(CODEBOOK, encoding="utf-8")
    load_codebook(project, book, coder="ayu")
    for sentence in SHORT[: MIN_EXAMPLES - 1]:
        start = text.index(sentence)
        code_span(project, "1", "Money > Shortage", start, start + len(sentence), coder="ayu")
    report = learn_and_suggest(project, coder="ayu")
    assert report.trained == () and report.added == 0
    assert report.too_few["Money > Shortage"] == (MIN_EXAMPLES - 1, 0)
    assert list_suggestions(project) == []


def test_the_cli_learns_and_reports_in_json(tmp_path):
    path = tmp_path / "p.qcode"
    source, text = corpus(tmp_path)
    book = tmp_path / "book.yaml"
    book.write_text(CODEBOOK, encoding="utf-8")
    assert qcode("init", path).code == 0
    assert qcode("import", path, source).code == 0
    assert qcode("codebook", "load", path, book).code == 0
    run = qcode("autocode", path, "--learned")
    assert run.code == 0 and "No code has enough examples yet" in run.out
    for code, sentences in (("Money > Shortage", SHORT), ("Meetings", MEETINGS)):
        for sentence in sentences:
            start = text.index(sentence)
            coded = qcode("code", path, "1", code, start, start + len(sentence))
            assert coded.code == 0, coded.err
    data = json.loads(qcode("autocode", path, "--learned", "--json").out)
    assert data["trained"] == ["Money", "Money > Shortage", "Meetings"] and data["added"] >= 2
    assert data["too_few"] == {"Rare": {"coded": 0, "against": 24}}
    listed = json.loads(qcode("suggestions", path, "--json").out)
    assert {item["source"] for item in listed} == {"learned"}
    assert all(item["reason"].startswith("similar to") for item in listed)
    assert qcode("autocode", path, "--learned", "--codes", "Money").code != 0
