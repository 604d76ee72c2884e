"""The segmenter's table of tricky cases, in Indonesian and English."""

import pytest

from qcode.core.segmenter import paragraphs, sentences


def split(text):
    return [text[s.start : s.end] for s in sentences(text)]


CASES = [
    (
        "Status tier disadur dari U.S. Department of State. Laos naik ke Tier 2.",
        ["Status tier disadur dari U.S. Department of State.", "Laos naik ke Tier 2."],
    ),
    (
        "Dr. Sari meneliti kasus ini. Hasilnya jelas.",
        ["Dr. Sari meneliti kasus ini.", "Hasilnya jelas."],
    ),
    (
        "Aktor terlibat: dinas, polisi, LSM, dll. Semua berkoordinasi.",
        ["Aktor terlibat: dinas, polisi, LSM, dll. Semua berkoordinasi."],
    ),
    (
        "Modus baru (media sosial, aplikasi pesan, dsb.) muncul. Respons lamban.",
        ["Modus baru (media sosial, aplikasi pesan, dsb.) muncul.", "Respons lamban."],
    ),
    (
        "Some tools, e.g. Taguette, are free. Others are not.",
        ["Some tools, e.g. Taguette, are free.", "Others are not."],
    ),
    (
        "Growth was 3.5 percent in 2019-2023. It slowed later.",
        ["Growth was 3.5 percent in 2019-2023.", "It slowed later."],
    ),
    (
        "Kasus meningkat pada periode 2019-2023. Kerja sama terhambat.",
        ["Kasus meningkat pada periode 2019-2023.", "Kerja sama terhambat."],
    ),
    (
        'He said, "We trained them three times." Nothing changed.',
        ['He said, "We trained them three times."', "Nothing changed."],
    ),
    ("Was it slow? Yes! It took months.", ["Was it slow?", "Yes!", "It took months."]),
    (
        "J. Smith and K. Lee (2020) disagree. See No. 4 of Vol. 2.",
        ["J. Smith and K. Lee (2020) disagree.", "See No. 4 of Vol. 2."],
    ),
    (
        "Sejak tahun 2000… kasus terus naik. Namun data terbatas.",
        ["Sejak tahun 2000… kasus terus naik.", "Namun data terbatas."],
    ),
    ("lowercase after a period. does not split", ["lowercase after a period. does not split"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_tricky_sentences(text, expected):
    assert split(text) == expected


def test_paragraphs_split_on_blank_lines_else_lines():
    text = "First para.\nstill first.\n\nSecond para."
    assert [text[p.start : p.end] for p in paragraphs(text)] == [
        "First para.\nstill first.",
        "Second para.",
    ]
    lines = "One.\nTwo.\n"
    assert [lines[p.start : p.end] for p in paragraphs(lines)] == ["One.", "Two."]


def test_sentences_never_cross_paragraphs_and_offsets_point_into_the_text():
    text = "Judul laporan\n\nKalimat satu. Kalimat dua.\n\nPenutup 🙂 é."
    spans = sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Judul laporan",
        "Kalimat satu.",
        "Kalimat dua.",
        "Penutup 🙂 é.",
    ]


def test_segmenting_a_long_report_takes_time_in_proportion_to_its_length():
    # The word before each full stop was once searched from the start of the text: minutes
    # for a 1 MB report. Counting regex steps is not possible, so compare two sizes.
    import time

    sentence = "Kerja sama antara U.S. Department of State dan LSM berjalan lambat. "
    small, large = sentence * 500, sentence * 4000

    def fastest(text: str, count: int) -> float:  # the best of three: a pause is not the code
        times = []
        for _ in range(3):
            began = time.perf_counter()
            assert len(sentences(text)) == count
            times.append(time.perf_counter() - began)
        return min(times)

    small_s, large_s = fastest(small, 500), fastest(large, 4000)
    assert large_s < small_s * 8 * 3  # linear with room for noise; quadratic would be 64×


def test_the_unit_from_a_gap_between_sentences_is_the_next_one():
    from qcode.core.segmenter import unit_at, unit_from

    text = "Satu dua. Tiga empat."
    spans = sentences(text)
    assert unit_at(spans, 9) is None  # the space after the full stop
    assert text[unit_from(spans, 9).start : unit_from(spans, 9).end] == "Tiga empat."
    assert unit_from(spans, len(text)) is None
