from qcode.core.document_list import DocumentRow, filter_rows, sort_rows, split_filter

ROWS = [
    DocumentRow(1, "Hambatan kerja sama IOM", "Pratiwi", 2021, 3),
    DocumentRow(2, "Legitimacy of INGOs in Thailand", "Lee & Smith", 2018, 0),
    DocumentRow(3, "Laporan tahunan", "", None, 7),
]


def test_filter_words_match_title_author_and_year_in_any_case():
    assert [r.id for r in filter_rows(ROWS, ["IOM"])] == [1]
    assert [r.id for r in filter_rows(ROWS, ["lee", "2018"])] == [2]
    assert [r.id for r in filter_rows(ROWS, [])] == [1, 2, 3]
    assert split_filter("kerja year=2021 country=Indonesia") == (
        ["kerja"],
        ["year=2021", "country=Indonesia"],
    )


def test_sort_orders_keep_missing_values_last():
    assert [r.id for r in sort_rows(ROWS, "year")] == [2, 1, 3]
    assert [r.id for r in sort_rows(ROWS, "author")] == [2, 1, 3]
    assert [r.id for r in sort_rows(ROWS, "coded")] == [3, 1, 2]
    assert [r.id for r in sort_rows(ROWS, "title")] == [1, 3, 2]


def test_label_has_the_title_then_citation_and_count():
    assert ROWS[0].label(12) == "Hambatan ke…\nPratiwi (2021) · 3 coded"
    assert ROWS[0].label().startswith("Hambatan kerja sama IOM\n")
    assert ROWS[2].label().endswith("no author (n.d.) · 7 coded")
