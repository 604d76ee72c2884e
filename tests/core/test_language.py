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


# Short abstracts (15 to 30 words) as databases hold them: telegraphic, few function words,
# names of agencies and places in either language.
SHORT = [
    (
        "Traffickers recruit online via social media platforms; police lack cyber units, "
        "NGOs report slow responses, victims wait months for repatriation from Cambodia.",
        "en",
    ),
    (
        "Cross-border cooperation between Indonesian police and Malaysian authorities: "
        "shared databases, joint operations, victim identification procedures, remaining "
        "gaps in prosecution.",
        "en",
    ),
    (
        "Examines IOM programmes in Nusa Tenggara Timur, focusing on returning migrant "
        "workers, community awareness campaigns, village regulations and local government "
        "budgets 2015-2020.",
        "en",
    ),
    (
        "NGO shelters, referral pathways, funding shortfalls. Interviews with twenty officials "
        "in Batam and Tanjung Pinang reveal overlapping mandates among ministries.",
        "en",
    ),
    (
        "Perdagangan orang melalui media sosial; lemahnya penegakan hukum, minimnya "
        "anggaran daerah, dan lambatnya pemulangan korban dari Malaysia ke Nusa Tenggara Timur.",
        "id",
    ),
    (
        "Kerjasama Polri dan IOM: pelatihan penyidik, pendataan korban, pembentukan gugus "
        "tugas provinsi, serta kendala koordinasi antarinstansi di wilayah perbatasan Kalimantan.",
        "id",
    ),
    (
        "Analisis peran LSM internasional dalam pendampingan korban eksploitasi seksual anak "
        "di Batam; kebijakan pemerintah kota, pendanaan donor, pelaporan kasus.",
        "id",
    ),
    (
        "Pekerja migran Indonesia di kapal perikanan Taiwan: perekrutan ilegal, pemalsuan "
        "dokumen, kerja paksa, respons Kementerian Luar Negeri dan BP2MI.",
        "id",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SHORT)
def test_short_abstracts_are_detected(text, expected):
    assert len(text.split()) >= 15
    assert detect_language(text) == expected
