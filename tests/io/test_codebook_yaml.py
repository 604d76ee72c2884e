"""The native YAML codebook: the shipped file, round trips, and precise messages."""

from __future__ import annotations

import pytest

from qcode.core.codebook_checks import check_codebook
from qcode.core.errors import InputFileError
from qcode.io.codebook_yaml import codebook_to_yaml, parse_codebook_yaml, read_codebook_yaml
from tests.codebook_factories import REPO, SHIPPED, small_codebook


def test_the_shipped_codebook_validates_and_is_in_canonical_form():
    codebook, problems = read_codebook_yaml(SHIPPED)
    assert problems == [] and check_codebook(codebook) == []
    top = [code.name for code in codebook.children(None)]
    assert top == ["Obstacles", "Legitimacy", "Coordination complexity", "Tech-enabled modus"]
    assert all(codebook.children(code.guid) for code in codebook.children(None))
    for code in codebook.codes:
        assert code.description and code.inclusion and code.exclusion and code.examples
        assert code.keywords.get("id") and code.keywords.get("en")
    keywords = {k for code in codebook.codes for k in code.all_keywords()}
    assert {"kerja sama antar lembaga", "kerjasama antarlembaga"} <= keywords
    assert SHIPPED.read_text(encoding="utf-8") == codebook_to_yaml(codebook)


def test_the_demo_ships_an_identical_copy_of_the_codebook():
    copy = REPO / "qcode" / "demo" / "corpus" / SHIPPED.name
    assert copy.read_bytes() == SHIPPED.read_bytes()


def test_yaml_round_trip_keeps_every_field():
    original = small_codebook()
    again, problems = parse_codebook_yaml(codebook_to_yaml(original), "x.yaml")
    assert problems == []
    assert again == original


def test_malformed_yaml_names_line_and_column():
    with pytest.raises(InputFileError, match=r"x.yaml: line 3, column 1: malformed YAML \(found"):
        parse_codebook_yaml("title: t\ncodes:\n\t- name: A\n", "x.yaml")


def test_duplicate_keys_are_refused():
    with pytest.raises(InputFileError, match="duplicate key 'name'"):
        parse_codebook_yaml("codes:\n- name: A\n  name: B\n", "x.yaml")


def test_unknown_keys_are_warned_and_bad_values_are_errors_with_lines():
    text = (
        "title: T\nsponsor: x\ncodes:\n- name: A\n  colour: nope\n  flavour: 1\n"
        "- name: ''\n  guid: not-a-guid\n  shortcut: x\n"
    )
    codebook, problems = parse_codebook_yaml(text, "x.yaml")
    found = {(p.line, p.error, p.message) for p in problems + check_codebook(codebook)}
    assert (1, False, "unknown key 'sponsor' ignored") in found
    assert (4, False, "code 'A': unknown key 'flavour' ignored") in found
    assert (4, True, "code 'A': colour 'nope' is not #RRGGBB") in found
    assert (7, True, "code '': 'not-a-guid' is not a GUID") in found
    assert (7, True, "code '': shortcut must be a digit 1-9, got 'x'") in found
    assert any(line == 7 and "has no name" in message for line, _, message in found)


def test_codes_may_name_their_parent_and_cycles_are_reported():
    text = "codes:\n- name: A\n  parent: B\n- name: B\n  parent: A\n- name: C\n  parent: Nowhere\n"
    codebook, problems = parse_codebook_yaml(text, "x.yaml")
    assert [p.message for p in problems] == [
        "code 'C': parent 'Nowhere' is not a code of this file"
    ]
    assert [p.message for p in check_codebook(codebook)] == [
        "codes form a cycle of parents: A > B > A"
    ]


def test_codes_without_guids_get_the_same_guids_every_time():
    text = "title: T\ncodes:\n- name: A\n  children:\n  - name: B\n"
    first, _ = parse_codebook_yaml(text, "x.yaml")
    second, _ = parse_codebook_yaml(text, "x.yaml")
    assert [c.guid for c in first.codes] == [c.guid for c in second.codes]


def test_codebooks_readme_explains_the_format():
    readme = (REPO / "codebooks" / "README.md").read_text(encoding="utf-8")
    for word in ("guid", "inclusion", "exclusion", "keywords", "children", "shortcut", "retired"):
        assert word in readme
