from dataclasses import replace

import pytest

from qcode.core.codebook import Code, Codebook
from qcode.core.codebook_checks import check_codebook, errors
from qcode.core.colours import parse_colour
from qcode.core.errors import QcodeError
from qcode.core.guids import normalise_guid
from tests.codebook_factories import small_codebook

A = "00000000-0000-4000-8000-00000000000a"
B = "00000000-0000-4000-8000-00000000000b"
C = "00000000-0000-4000-8000-00000000000c"


def messages(codebook):
    return [p.message for p in errors(check_codebook(codebook))]


def test_paths_walk_and_tree_order():
    book = Codebook(codes=(Code(C, "Child", parent=A), Code(A, "Root"), Code(B, "Other")))
    assert book.path(C) == "Root > Child"
    assert [(d, c.name) for d, c in book.walk()] == [(0, "Root"), (1, "Child"), (0, "Other")]
    assert [c.name for c in book.in_tree_order().codes] == ["Root", "Child", "Other"]


def test_a_good_codebook_has_no_problems():
    assert check_codebook(small_codebook()) == []


def test_duplicate_guids_sibling_names_and_missing_names_are_errors():
    book = Codebook(codes=(Code(A, "Same"), Code(A, "Other"), Code(B, "same"), Code(C, " ")))
    found = messages(book)
    assert any("two codes share GUID" in m for m in found)
    assert any("two codes named 'same' under the top level" in m for m in found)
    assert any("a code has no name" in m for m in found)


def test_cycles_are_found_once():
    book = Codebook(codes=(Code(A, "A", parent=B), Code(B, "B", parent=A)))
    assert messages(book) == ["codes form a cycle of parents: A > B > A"]


def test_colours_shortcuts_and_keywords_are_checked():
    book = Codebook(
        codes=(
            Code(A, "A", colour="blue", shortcut=1),
            Code(B, "B", shortcut=1),
            Code(C, "C", shortcut=12, keywords={"en": ("a;b",)}),
        )
    )
    found = messages(book)
    assert "code 'A': colour 'blue' is not #RRGGBB" in found
    assert "shortcut 1 is given to both 'A' and 'B'" in found
    assert "code 'C': shortcut must be a digit 1-9" in found
    assert "code 'C': a keyword contains ';' (the list separator)" in found


def test_keywords_in_an_unlisted_language_are_a_warning():
    book = Codebook(languages=("en",), codes=(Code(A, "A", keywords={"ms": ("kerjasama",)}),))
    problems = check_codebook(book)
    assert len(problems) == 1 and not problems[0].error


@pytest.mark.parametrize(
    ("raw", "colour"),
    [
        ("#abc", "#AABBCC"),
        ("c0392b", "#C0392B"),
        ("#C0392B", "#C0392B"),
        ("rgb(1, 2, 255)", "#0102FF"),
    ],
)
def test_colours_are_read_leniently(raw, colour):
    assert parse_colour(raw) == colour


@pytest.mark.parametrize(
    "raw", ["{0D62985D-B147-5D01-A9B5-CAE5DCD98342}", "0D62985D-B147-5D01-A9B5-CAE5DCD98342"]
)
def test_guids_are_normalised(raw):
    assert normalise_guid(raw) == "0d62985d-b147-5d01-a9b5-cae5dcd98342"


def test_unresolved_conflicts_are_errors():
    from qcode.core.codebook import Conflict

    book = replace(
        small_codebook(),
        conflicts=(Conflict(small_codebook().codes[0].guid, "description", "a", "b"),),
    )
    assert any("unresolved merge conflict on description" in m for m in messages(book))


def test_examples_and_keywords_round_trip_through_their_editable_text():
    from qcode.core.code_fields import (
        examples_from_text,
        examples_to_text,
        keywords_from_text,
        keywords_to_text,
    )

    keywords = {"id": ["kerja sama", "kerjasama"], "en": ["cooperation"]}
    assert keywords_from_text(keywords_to_text(keywords)) == keywords
    assert keywords_from_text("ID: a, b,, a\nplain word\n\n") == {
        "id": ["a", "b"],
        "any": ["plain word"],
    }
    assert examples_from_text(examples_to_text(["one", "two"]) + "\n\n") == ["one", "two"]
    with pytest.raises(QcodeError, match="line 1"):
        keywords_from_text("not a tag: word")
