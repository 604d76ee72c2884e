import pytest

from qcode.core.language import detect_language, normalise_language_code

CASES = [
    (
        "Penelitian ini bertujuan untuk menganalisis hambatan yang mempengaruhi kerja sama "
        "antara IOM dan pemerintah Indonesia dalam memberantas perdagangan manusia.",
        "id",
    ),
    (
        "This study analyzes the obstacles that affect the cooperation between the IOM and "
        "the Indonesian government in combating human trafficking.",
        "en",
    ),
    ("Состояние рецепторного аппарата эндометрия и метаболизм эстрогенов", "other"),
    ("IOM, UNODC, ILO", "other"),
    (
        "Kerjasama yang terbentuk antara INGO dan Pemerintah Thailand seharusnya bisa "
        "menawarkan suatu solusi, tetapi status tier dari U.S. Department of State tetap.",
        "id",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_language_is_detected_from_function_words(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("declared", "code"),
    [
        ("English", "en"),
        ("eng", "en"),
        ("Indonesian", "id"),
        ("Bahasa Indonesia", "id"),
        ("id-ID", "id"),
        ("German", "german"),
        ("  ", None),
    ],
)
def test_declared_languages_map_to_codes(declared, code):
    assert normalise_language_code(declared) == code
