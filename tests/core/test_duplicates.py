from qcode.core.duplicates import DuplicateIndex, fold_title, normalise_doi

TITLE = "Hambatan Kerja Sama IOM dan Pemerintah Indonesia dalam Penanganan Perdagangan Orang"


def test_dois_compare_without_resolver_or_case():
    assert normalise_doi("https://doi.org/10.5555/ABC.1") == "10.5555/abc.1"
    assert normalise_doi("doi: 10.5555/abc.1") == "10.5555/abc.1"
    assert normalise_doi("  ") is None


def test_titles_fold_case_accents_and_punctuation():
    assert fold_title("Kerja-Sama: Réfugiés!") == "kerja sama refugies"


def index_with(title=TITLE, doi=None):
    index = DuplicateIndex()
    index.add(1, "hash-1", doi, title)
    return index


def test_same_text_is_a_duplicate():
    assert index_with().find("hash-1", None, None).reason == "text"


def test_same_doi_is_a_duplicate():
    match = index_with(doi="10.5555/x").find("other", "https://doi.org/10.5555/X", None)
    assert (match.reason, match.key) == ("doi", 1)


def test_near_identical_title_is_a_duplicate():
    variant = TITLE.replace("Penanganan", "Penangan") + "."
    match = index_with().find("other", None, variant)
    assert match is not None and match.reason == "title" and match.score >= 95


def test_title_with_a_typo_in_its_rarest_word_is_still_found():
    match = index_with().find("other", None, TITLE.replace("Hambatan", "Hambtan"))
    assert match is not None


def test_different_years_in_titles_are_different_works():
    index = index_with("Trafficking in Persons Report Indonesia Country Narrative 2019")
    assert (
        index.find("x", None, "Trafficking in Persons Report Indonesia Country Narrative 2020")
        is None
    )


def test_dissimilar_and_short_titles_are_not_duplicates():
    index = index_with()
    assert (
        index.find("x", None, "Kerja Sama IOM dan Pemerintah Thailand dalam Kebijakan Migrasi")
        is None
    )
    short = DuplicateIndex()
    short.add(1, "h", None, "Introduction")
    assert short.find("x", None, "Introduction") is None
