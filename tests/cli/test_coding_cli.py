"""Coding, auto-coding, undo and search through the command line, on the demo project."""

from __future__ import annotations

import pytest

from qcode.io.codebook_yaml import read_codebook_yaml
from tests.cli.runner import qcode
from tests.codebook_factories import SHIPPED


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.qcode"
    run = qcode("demo", "--path", path)
    assert run.code == 0, run.err
    return path


def test_demo_suggests_all_four_themes_including_variants_exact_search_misses(demo):
    # The demo accepts the first abstracts' suggestions; all of them count here.
    suggestions = qcode("suggestions", demo, "--status", "all", "--json").json()
    assert set(suggestions[0]) >= {
        "id",
        "document_id",
        "code",
        "start",
        "end",
        "score",
        "keyword",
        "status",
    }
    themes = {s["code"].split(" > ")[0] for s in suggestions}
    assert themes == {"Obstacles", "Legitimacy", "Coordination complexity", "Tech-enabled modus"}
    keywords = {
        k.casefold() for c in read_codebook_yaml(SHIPPED)[0].codes for k in c.all_keywords()
    }
    variants = {s["matched"] for s in suggestions if s["matched"].casefold() not in keywords}
    assert {"memperlambat", "lambatnya", "delays", "slow responses"} <= variants


def test_accept_reject_undo_redo_across_processes(demo):
    pending = qcode("suggestions", demo, "--json").json()
    first, second = pending[0]["id"], pending[1]["id"]
    assert qcode("accept", demo, str(first), "--coder", "ayu").code == 0
    assert qcode("reject", demo, str(second), "--coder", "ayu").code == 0
    segments = qcode("segments", demo, "--coder", "ayu", "--json").json()
    assert [(s["origin"], s["coder"]) for s in segments] == [("suggestion", "ayu")]
    undone = qcode("undo", demo, "--coder", "ayu")
    assert undone.code == 0 and "reject 1 suggestion" in undone.out
    undone = qcode("undo", demo, "--coder", "ayu")
    assert "accept 1 suggestion" in undone.out
    assert qcode("segments", demo, "--coder", "ayu", "--json").json() == []
    assert qcode("redo", demo, "--coder", "ayu").code == 0
    assert len(qcode("segments", demo, "--coder", "ayu", "--json").json()) == 1
    nothing = qcode("undo", demo, "--coder", "nobody-here")
    assert nothing.code != 0 and "nothing to undo for nobody-here" in nothing.err


def test_code_and_uncode_with_memo(demo):
    made = qcode(
        "code",
        demo,
        "1",
        "Coordination complexity",
        "22",
        "32",
        "--memo",
        "key",
        "--json",
        "--coder",
        "budi",
    )
    assert made.code == 0, made.err
    segment = made.json()
    assert (segment["text"], segment["memo"], segment["origin"]) == ("Kerja sama", "key", "manual")
    bad = qcode("code", demo, "1", "Coordination complexity", "32", "22")
    assert bad.code != 0 and "empty or reversed" in bad.err
    removed = qcode("uncode", demo, str(segment["id"]), "--coder", "budi")
    assert removed.code == 0


def test_search_kwic_phrase_and_fuzzy(demo):
    phrase = qcode("search", demo, '"kerja sama"', "--json").json()
    assert phrase["total"] >= 5 and all(h["hit"].casefold() == "kerja sama" for h in phrase["hits"])
    hit = phrase["hits"][0]
    assert set(hit) >= {"left", "hit", "right", "document_id", "start", "end"}
    fuzzy = qcode("search", demo, "kerja sama", "--fuzzy", "--json").json()
    assert any(h["hit"].casefold() == "kerjasama" for h in fuzzy["hits"])
    text = qcode("search", demo, "koordinasi*")
    assert text.code == 0 and "[koordinasi]" in text.out


def test_memo_search_after_writing_one(demo):
    assert qcode("memo", demo, "--doc", "1", "Compare with the Thai case").code == 0
    found = qcode("search", demo, "Thai case", "--json").json()
    assert any(h["kind"] == "document memo" for h in found["hits"])
