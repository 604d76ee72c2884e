import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from qcode.core.text import collapse_spaces, normalise, sha256_of


def test_line_endings_become_newlines():
    assert normalise("a\r\nb\rc\u2028d\x0ce") == "a\nb\nc\nd\ne"


def test_text_is_stored_in_nfc():
    decomposed = "kerjasama Re\u0301publique"
    assert normalise(decomposed) == unicodedata.normalize("NFC", decomposed)
    assert "\u0301" not in normalise(decomposed)


def test_bom_controls_and_blank_runs_are_removed():
    assert normalise("\ufeffa\x00b\x07c\n\n\n\n  d  \n") == "abc\n\n  d"


def test_collapse_spaces_makes_one_line():
    assert collapse_spaces("  Kerja\n   sama\tIOM ") == "Kerja sama IOM"


@given(st.text())
def test_normalising_twice_changes_nothing(text):
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once


def test_sha256_is_of_the_utf8_bytes():
    import hashlib

    assert sha256_of("kerja sama é") == hashlib.sha256("kerja sama é".encode()).hexdigest()
