"""Learned suggestions on a real project: examples from the coding, reasons, re-scoring."""

from __future__ import annotations

import json

import pytest

from qcode.core.learning import MIN_EXAMPLES
from qcode.services.autocoding import autocode, list_suggestions
from qcode.services.learned import learn_and_suggest
from qcode.services.suggestion_decisions import reject
from tests.cli.runner import qcode
from tests.learning_factories import CODEBOOK, MEETINGS, NEW, SHORT, corpus, prepared


@pytest.fixture
def learned(project, tmp_path):
    return prepared(project, tmp_path, {"Money > Shortage": SHORT, "Meetings": MEETINGS})


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
    prepared(project, tmp_path, {"Money > Shortage": SHORT[: MIN_EXAMPLES - 1]})
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
