import datetime as dt

import pytest

from qcode.core.citations import citation, parenthetical, short_authors, surname, year_of


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Pratiwi, Anindya Sekar", "Pratiwi"),
        ("Anindya Sekar Pratiwi", "Pratiwi"),
        ("UNODC", "UNODC"),
        ("International Organization for Migration", "International Organization for Migration"),
        ("  van der Berg,  Jan ", "van der Berg"),
    ],
)
def test_surnames(author, expected):
    assert surname(author) == expected


def test_short_author_lists():
    assert short_authors([]) == ""
    assert short_authors(["Lee, A."]) == "Lee"
    assert short_authors(["Lee, A.", "Smith, B."]) == "Lee & Smith"
    assert short_authors(["Lee, A.", "Smith, B.", "Tan, C."]) == "Lee et al."


def test_citations_fall_back_to_title_and_no_date():
    attrs = {"author": ["Pratiwi, A."], "year": [2021]}
    assert citation(attrs, "T") == "Pratiwi (2021)"
    assert parenthetical(attrs, "T", page=4) == "(Pratiwi, 2021, p. 4)"
    assert citation({}, "Laporan Tahunan") == "Laporan Tahunan (n.d.)"
    assert parenthetical({"date": [dt.date(2019, 5, 1)]}, "Laporan") == "(“Laporan”, 2019)"
    assert year_of({"year": ["2018"]}) == 2018
