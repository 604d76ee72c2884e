"""Exclusion keywords, denials and the reason stored with every suggestion."""

from __future__ import annotations

import json

from qcode.services.autocoding import autocode, list_suggestions
from qcode.services.codebooks import load_codebook
from qcode.services.importing import import_paths
from tests.cli.runner import qcode
from tests.factories import ris_record, write_ris

CODEBOOK = """\
qcode_codebook: 1
title: Reasons
codes:
- name: Coordination
  keywords:
    en: [coordinating, coordination]
    id: [koordinasi]
  exclude:
    en: [map]
    id: [peta]
- name: Obstacles
  keywords:
    en: [obstacle]
    id: [hambatan]
"""
TEXT = (
    "Coordinating the return of victims took months. "
    "The map's coordinating grid showed each village. "
    "No serious obstacle was found in the second phase. "
    "Koordinasi antarlembaga berjalan lambat. "
    "Titik koordinasi pada peta itu salah. "
    "Kerja sama berjalan tanpa hambatan besar. "
    "The main obstcle was slow referrals."
)


def prepare(project, tmp_path):
    source = write_ris(tmp_path / "one.ris", [ris_record("One", TEXT)])
    import_paths(project, [source], coder="ayu")
    book = tmp_path / "book.yaml"
    book.write_text(CODEBOOK, encoding="utf-8")
    load_codebook(project, book, coder="ayu")


def test_exclusion_keywords_and_denials_leave_sentences_out(project, tmp_path):
    prepare(project, tmp_path)
    report = autocode(project, coder="ayu")
    found = {(s.code, s.text) for s in list_suggestions(project)}
    assert found == {
        ("Coordination", "Coordinating the return of victims took months."),
        ("Coordination", "Koordinasi antarlembaga berjalan lambat."),
        ("Obstacles", "The main obstcle was slow referrals."),
    }
    assert (report.excluded, report.denied) == (2, 2)


def test_every_suggestion_says_why(project, tmp_path):
    prepare(project, tmp_path)
    autocode(project, coder="ayu")
    reasons = {s.text: (s.source, s.reason) for s in list_suggestions(project)}
    assert reasons["Coordinating the return of victims took months."] == (
        "keyword",
        "keyword “coordinating”",
    )
    assert reasons["Koordinasi antarlembaga berjalan lambat."] == (
        "keyword",
        "keyword “koordinasi”",
    )
    assert reasons["The main obstcle was slow referrals."] == (
        "keyword",
        "keyword “obstacle” as “obstcle”; spelt with a typo",
    )


def test_a_low_threshold_keeps_denied_matches_and_says_so(project, tmp_path):
    prepare(project, tmp_path)
    autocode(project, coder="ayu", threshold=40)
    reasons = {s.text: s.reason for s in list_suggestions(project)}
    assert reasons["No serious obstacle was found in the second phase."] == (
        "keyword “obstacle”; denied by “no”, score halved"
    )
    assert reasons["Kerja sama berjalan tanpa hambatan besar."] == (
        "keyword “hambatan”; denied by “tanpa”, score halved"
    )


def test_the_cli_lists_reasons_in_json(tmp_path):
    path = tmp_path / "p.qcode"
    assert qcode("init", path).code == 0
    source = write_ris(tmp_path / "one.ris", [ris_record("One", TEXT)])
    book = tmp_path / "book.yaml"
    book.write_text(CODEBOOK, encoding="utf-8")
    assert qcode("import", path, source).code == 0
    assert qcode("codebook", "load", path, book).code == 0
    run = qcode("autocode", path, "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["excluded"] == 2
    listed = json.loads(qcode("suggestions", path, "--json").out)
    assert {item["reason"] for item in listed} >= {"keyword “coordinating”"}
    assert {item["source"] for item in listed} == {"keyword"}
