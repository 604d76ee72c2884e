"""Matrix numbers on a small hand-coded project, every cell compared with a known answer.

Three documents (2011 Indonesia, 2014 Thailand, 2016 Indonesia), each text two sentences:
"Aaaa bbbb cccc dddd eeee." is [0, 25) and "Ffff gggg hhhh iiii jjjj." is [26, 51).

    D1  Slow [0,10) ayu · Budget [5,20) ayu · Obstacles [0,10) budi · Legitimacy [30,40) budi
    D2  Slow [0,8) budi · Legitimacy [2,6) ayu
    D3  Budget [0,12) ayu, from an accepted suggestion

Slow and Budget are sub-codes of Obstacles, so the Obstacles row counts all their coding.
"""

from __future__ import annotations

import pytest

from qcode.core.errors import UsageError
from qcode.services.codebooks import load_codebook
from qcode.services.coding import code_span
from qcode.services.importing import import_paths
from qcode.services.matrices import MatrixRequest, build_matrix
from tests.codebook_factories import SHIPPED
from tests.factories import ris_record, write_ris

TEXT = "Aaaa bbbb cccc dddd eeee. Ffff gggg hhhh iiii jjjj."
O, S, B, L = (  # noqa: E741 - the codes' initials read best in the tables
    "Obstacles",
    "Slow government response",
    "Limited budget and resources",
    "Legitimacy",
)


@pytest.fixture
def coded(project, tmp_path):
    records = [
        ris_record("D1", TEXT, authors=["Sari, Dewi"], year=2011, country="Indonesia"),
        ris_record(
            "D2", TEXT + " Two.", authors=["Lee, A.", "Smith, B."], year=2014, country="Thailand"
        ),
        ris_record("D3", TEXT + " Three.", authors=["Tan, C."], year=2016, country="Indonesia"),
    ]
    import_paths(project, [write_ris(tmp_path / "m.ris", records)], coder="ayu")
    load_codebook(project, SHIPPED, coder="ayu")
    for doc, code, start, end, coder, origin in [
        ("D1", S, 0, 10, "ayu", "manual"),
        ("D1", B, 5, 20, "ayu", "manual"),
        ("D1", O, 0, 10, "budi", "manual"),
        ("D1", L, 30, 40, "budi", "manual"),
        ("D2", S, 0, 8, "budi", "manual"),
        ("D2", L, 2, 6, "ayu", "manual"),
        ("D3", B, 0, 12, "ayu", "suggestion"),
    ]:
        code_span(project, doc, code, start, end, coder=coder, origin=origin)
    return project


def table(matrix, codes=(O, S, B, L)):
    """{row label: {col label: value}} for the named code rows."""
    return {
        r.label: {c.label: matrix.value(r.key, c.key) for c in matrix.cols}
        for r in matrix.rows
        if r.label in codes
    }


def test_codes_by_documents_rolls_sub_codes_up_into_parents(coded):
    m = build_matrix(coded, MatrixRequest())
    assert [c.label for c in m.cols] == ["Sari (2011)", "Lee & Smith (2014)", "Tan (2016)"]
    assert table(m) == {
        O: {"Sari (2011)": 2, "Lee & Smith (2014)": 1, "Tan (2016)": 1},
        S: {"Sari (2011)": 1, "Lee & Smith (2014)": 1, "Tan (2016)": 0},
        B: {"Sari (2011)": 1, "Lee & Smith (2014)": 0, "Tan (2016)": 1},
        L: {"Sari (2011)": 1, "Lee & Smith (2014)": 1, "Tan (2016)": 0},
    }
    obstacles = next(r for r in m.rows if r.label == O)
    # D1's [0, 10) is coded Slow by ayu and Obstacles by budi: one passage, counted once.
    assert obstacles.rolled_up and m.row_totals[obstacles.key] == 4
    assert m.total == 6  # every passage once, though Obstacles and its sub-codes share some
    assert [m.col_totals[c.key] for c in m.cols] == [3, 2, 1]


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("documents", {O: [1, 1, 1], S: [1, 1, 0], B: [1, 0, 1], L: [1, 1, 0]}),
        ("presence", {O: [1, 1, 1], S: [1, 1, 0], B: [1, 0, 1], L: [1, 1, 0]}),
        ("chars", {O: [25, 8, 12], S: [10, 8, 0], B: [15, 0, 12], L: [10, 4, 0]}),
    ],
)
def test_other_measures(coded, measure, expected):
    m = build_matrix(coded, MatrixRequest(measure=measure))
    assert {k: list(v.values()) for k, v in table(m).items()} == expected
    if measure == "documents":
        assert m.row_totals[next(r.key for r in m.rows if r.label == O)] == 3


def test_year_bins_countries_and_coders_as_columns(coded):
    m = build_matrix(coded, MatrixRequest(cols="attr:year:5"))
    assert [c.label for c in m.cols] == ["2010–2014", "2015–2019"]
    assert table(m)[O] == {"2010–2014": 3, "2015–2019": 1}
    m = build_matrix(coded, MatrixRequest(cols="attr:country", measure="documents"))
    assert table(m)[O] == {"Indonesia": 2, "Thailand": 1}
    m = build_matrix(coded, MatrixRequest(cols="attr:author"))
    assert table(m)[L] == {"Lee, A.": 1, "Sari, Dewi": 1, "Smith, B.": 1, "Tan, C.": 0}
    legitimacy = next(r.key for r in m.rows if r.label == L)
    assert m.row_totals[legitimacy] == 2  # the D2 passage counts once, though it has 2 authors
    m = build_matrix(coded, MatrixRequest(cols="coders"))
    assert table(m)[O] == {"ayu": 3, "budi": 2}
    assert table(m)[L] == {"ayu": 1, "budi": 1}


def test_filters_by_coder_attribute_origin_and_subtree(coded):
    m = build_matrix(coded, MatrixRequest(coders=["budi"]))
    assert list(table(m)[O].values()) == [1, 1, 0]
    m = build_matrix(coded, MatrixRequest(where=["country=Indonesia"]))
    assert [c.label for c in m.cols] == ["Sari (2011)", "Tan (2016)"]
    assert list(table(m)[O].values()) == [2, 1]
    m = build_matrix(coded, MatrixRequest(manual_only=True))
    assert list(table(m)[B].values()) == [1, 0, 0]
    m = build_matrix(coded, MatrixRequest(codes=[O], hide_empty=True))
    assert [r.label for r in m.rows] == [O, S, B]
    assert [m.col_totals[c.key] for c in m.cols] == [2, 1, 1] and m.total == 4
    m = build_matrix(coded, MatrixRequest(codes=[S, L]))
    assert [m.col_totals.get(c.key, 0) for c in m.cols] == [2, 2, 0] and m.total == 4


def test_documents_as_rows_and_sorting_by_total(coded):
    m = build_matrix(coded, MatrixRequest(rows="documents", cols="codes", sort="total"))
    assert [r.label for r in m.rows] == ["Sari (2011)", "Lee & Smith (2014)", "Tan (2016)"]
    sari = m.rows[0].key
    assert m.value(sari, next(c.key for c in m.cols if c.label == O)) == 2


def test_excerpts_are_the_coded_text(coded):
    m = build_matrix(coded, MatrixRequest(measure="excerpts", cols="documents"))
    slow = next(r.key for r in m.rows if r.label == S)
    sari = m.cols[0].key
    assert [e.text for e in m.value(slow, sari)] == [TEXT[0:10]]
    obstacles = next(r.key for r in m.rows if r.label == O)
    assert [e.text for e in m.value(obstacles, sari)] == [TEXT[0:10], TEXT[0:10], TEXT[5:20]]


@pytest.mark.parametrize(
    ("mode", "near", "pairs", "singles"),
    [
        ("overlap", 0, {(S, L): 1, (O, L): 1, (S, B): 1, (O, S): 2, (B, L): 0}, {O: 4, L: 2}),
        ("near", 11, {(S, L): 1, (O, L): 2, (B, L): 1}, {O: 4, L: 2}),
        ("document", 0, {(S, L): 2, (O, L): 2, (S, B): 1, (B, L): 1}, {O: 3, S: 2, B: 2, L: 2}),
        ("sentence", 0, {(S, L): 1, (O, L): 1, (S, B): 1, (B, L): 0}, {O: 3, S: 2, B: 2, L: 2}),
        # One paragraph per text here: paragraphs then agree with documents.
        ("paragraph", 0, {(S, L): 2, (O, L): 2, (S, B): 1, (B, L): 1}, {O: 3, S: 2, B: 2, L: 2}),
    ],
)
def test_code_by_code_cooccurrence(coded, mode, near, pairs, singles):
    m = build_matrix(coded, MatrixRequest(rows="codes", cols="codes", cooccurrence=mode, near=near))
    key = {r.label: r.key for r in m.rows}
    for (a, b), n in pairs.items():
        assert m.value(key[a], key[b]) == n == m.value(key[b], key[a]), (a, b)
    for code, n in singles.items():
        assert m.value(key[code], key[code]) == n
    if mode == "overlap":
        c = build_matrix(
            coded, MatrixRequest(rows="codes", cols="codes", cooccurrence=mode, normalise=True)
        )
        assert c.value(key[S], key[L]) == round(1 / 3, 3)


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (MatrixRequest(codes=["Nonexistent"]), "no code 'Nonexistent'"),
        (MatrixRequest(coders=["zed"]), "no coder named zed (coders: ayu, budi)"),
        (MatrixRequest(cols="attr:contry"), "no document has the attribute 'contry'"),
        (MatrixRequest(where=["region=Asia"]), "no document has the attribute 'region'"),
        (MatrixRequest(cols="years"), "unknown axis 'years'"),
        (MatrixRequest(measure="mean"), "unknown measure 'mean'"),
        (MatrixRequest(cols="attr:year:x"), "bin width"),
        (MatrixRequest(cols="codes", cooccurrence="near"), "needs a distance"),
    ],
)
def test_bad_requests_are_clear_errors(coded, request_, message):
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build_matrix(coded, request_)


def test_an_empty_project_says_so(project):
    with pytest.raises(UsageError, match="no codebook yet"):
        build_matrix(project, MatrixRequest())


def test_json_shape(coded):
    data = build_matrix(coded, MatrixRequest(cols="attr:year:5")).to_json()
    assert set(data) >= {"rows", "cols", "cells", "parameters", "measure"}
    assert data["parameters"]["cols"] == "attr:year:5"
    assert len(data["cells"]) == len(data["rows"]) and len(data["cells"][0]) == 2


def test_totals_leave_out_documents_without_the_column_attribute(coded, tmp_path):
    extra = write_ris(tmp_path / "n.ris", [ris_record("D4", TEXT + " Four.", year=None)])
    import_paths(coded, [extra], coder="ayu")
    code_span(coded, "D4", S, 0, 10, coder="ayu")
    m = build_matrix(coded, MatrixRequest(cols="attr:year:5"))
    obstacles = next(r.key for r in m.rows if r.label == O)
    assert sum(m.value(obstacles, c.key) for c in m.cols) == m.row_totals[obstacles] == 4
    assert m.total == 6
    assert build_matrix(coded, MatrixRequest()).total == 7
