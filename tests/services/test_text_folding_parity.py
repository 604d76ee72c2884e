"""SQLite and PostgreSQL answer the same questions the same way, non-ASCII text included:
accents in search (typed or not), case folding with ß, Indonesian and emoji."""

from __future__ import annotations

import pytest

from qcode.services.documents import list_documents, set_attribute
from qcode.services.importing import import_paths
from qcode.services.search import search

TEXT = (
    "Koordinasi di café itu naïve sekali 🙂. Ñandú berlari di Straße Utama.\n"
    "Kerja sama antarlembaga belum optimal; kerjasama IOM berjalan.\n"
    "ΣΟΦΊΑ και σοφία. Économie sociale à Paris."
)


@pytest.fixture
def accented(project, tmp_path):
    source = tmp_path / "catatan.txt"
    source.write_text(TEXT, encoding="utf-8")
    import_paths(project, [source], coder="ayu")
    set_attribute(project, "1", "note=Straße", coder="ayu")
    set_attribute(project, "1", "kota=Jakarta Selatan", coder="ayu")
    return project


@pytest.mark.parametrize(
    ("query", "hits"),
    [
        ("café", ["café"]),
        ("cafe", ["café"]),
        ("CAFÉ", ["café"]),
        ("naïve", ["naïve"]),
        ("naive", ["naïve"]),
        ("Ñandú", ["Ñandú"]),
        ("nandu", ["Ñandú"]),
        ("straße", ["Straße"]),
        ("economie", ["Économie"]),
        ("kerja sama", ["Kerja sama"]),
        ("kerjasama", ["kerjasama"]),
        ("koordinasi", ["Koordinasi"]),
        ("antarlembaga", ["antarlembaga"]),
        ('"sama antarlembaga"', ["sama antarlembaga"]),
        ("berjala*", ["berjalan"]),
        ("paris OR jakarta", ["Paris"]),
        ("tidak", []),
    ],
)
def test_search_finds_the_same_words_on_both_databases(accented, query, hits):
    found = search(accented, query)
    assert [h.hit for h in found.hits if h.kind == "document"] == hits


@pytest.mark.parametrize(
    ("condition", "count"),
    [
        ("note=Straße", 1),
        ("note=straße", 1),
        ("note=STRASSE", 1),
        ("note=strasse", 1),
        ("note~straß", 1),
        ("note~STRAS", 1),
        ("note!=Straße", 0),
        ("kota=jakarta selatan", 1),
        ("kota~SELATAN", 1),
        ("kota=Jakarta", 0),
        ("language=other", 0),
    ],
)
def test_attribute_conditions_fold_case_the_same_on_both_databases(accented, condition, count):
    assert len(list_documents(accented, [condition])) == count
