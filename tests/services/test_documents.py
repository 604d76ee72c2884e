"""Filtering, showing and editing documents on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from qcode.core.errors import UsageError
from qcode.services.documents import list_documents, set_attribute, show_document
from qcode.services.importing import import_paths
from qcode.store.models import Event
from tests.factories import ABSTRACT_EN, ABSTRACT_ID, ris_record, write_ris


@pytest.fixture
def corpus(project, tmp_path):
    records = [
        ris_record(
            "Studi kerja sama di Indonesia 2019",
            ABSTRACT_ID,
            year=2019,
            country="Indonesia",
            authors=["Sari, Dewi", "Putra, Arif"],
            keywords=["Kerja Sama"],
        ),
        ris_record(
            "Legitimacy of NGOs in Thailand",
            ABSTRACT_EN,
            year=2013,
            country="Thailand",
            authors=["Wong, P"],
        ),
        ris_record(
            "Coordination in the Philippines",
            ABSTRACT_EN + " Two.",
            year=2016,
            country="Philippines",
            authors=["Santos, M"],
        ),
        ris_record(
            "Ärzte und Menschenhandel in Österreich",
            ABSTRACT_EN + " Three.",
            year=2021,
            country="ÖSTERREICH",
            authors=["Müller, K"],
        ),
    ]
    import_paths(project, [write_ris(tmp_path / "c.ris", records)], coder="ayu")
    return project


def titles(project, *where):
    return [d.title.split()[0] for d in list_documents(project, where)]


def test_numbers_compare_numerically(corpus):
    assert titles(corpus, "year=2019") == ["Studi"]
    assert titles(corpus, "year=2019.0") == ["Studi"]
    assert titles(corpus, "year>=2016") == ["Studi", "Coordination", "Ärzte"]
    assert titles(corpus, "year<2016") == ["Legitimacy"]


def test_text_compares_without_case_even_beyond_ascii(corpus):
    assert titles(corpus, "country=indonesia") == ["Studi"]
    assert titles(corpus, "country=österreich") == ["Ärzte"]


def test_contains_not_equal_and_combined_conditions(corpus):
    assert titles(corpus, "title~THAILAND") == ["Legitimacy"]
    assert titles(corpus, "country!=Thailand", "year<2020") == ["Studi", "Coordination"]


def test_any_of_several_values_matches(corpus):
    assert titles(corpus, "author=putra, arif") == ["Studi"]
    assert titles(corpus, "keyword=kerja sama") == ["Studi"]


def test_unknown_attribute_matches_nothing(corpus):
    assert titles(corpus, "region=ASEAN") == []


def test_setting_an_attribute_replaces_and_logs_it(corpus):
    doc = list_documents(corpus, ["country=Thailand"])[0]
    updated = set_attribute(corpus, str(doc.id), "country=Myanmar; Thailand", coder="ayu")
    assert updated.attributes["country"] == ["Myanmar", "Thailand"]
    set_attribute(corpus, str(doc.id), "published=2013-05-01", coder="ayu")
    assert titles(corpus, "published>=2013-01-01") == ["Legitimacy"]
    removed = set_attribute(corpus, str(doc.id), "country=", coder="ayu")
    assert "country" not in removed.attributes
    with corpus.reading() as session:
        logged = session.scalars(select(Event).where(Event.action == "set_attribute")).all()
    assert [e.after for e in logged] == [
        {"country": ["Myanmar", "Thailand"]},
        {"published": "2013-05-01"},
        {"country": None},
    ]
    assert logged[0].before == {"country": "Thailand"}


def test_documents_are_found_by_id_uuid_or_title(corpus):
    doc = list_documents(corpus)[1]
    assert show_document(corpus, doc.uuid[:8]).summary.id == doc.id
    assert show_document(corpus, "legitimacy of ngos").summary.id == doc.id
    with pytest.raises(UsageError, match="matches 2 documents"):
        show_document(corpus, "in t")
    with pytest.raises(UsageError, match="no document matches"):
        show_document(corpus, "999")


def test_a_uuid_that_starts_with_eight_digits_is_found(corpus):
    from qcode.store.models import Document

    doc = list_documents(corpus)[0]
    with corpus.writing() as session:
        session.get(Document, doc.id).uuid = "98152674-0000-4000-8000-000000000000"
    assert show_document(corpus, "98152674").summary.id == doc.id
