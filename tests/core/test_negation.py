"""Negation scope: which keywords a sentence denies, in Indonesian and English."""

from __future__ import annotations

import pytest

from qcode.core.matching import Keyword, KeywordMatcher

CASES = [
    # (sentence, keyword, denied)
    # Indonesian: absence words and negated verbs of being or finding, before the keyword
    ("Kerja sama berjalan tanpa hambatan besar.", "hambatan", True),
    ("Tidak ditemukan hambatan berarti pada tahap kedua.", "hambatan", True),
    ("Para mitra tidak mengalami kendala dalam menyusun jadwal.", "kendala", True),
    ("Tidak ada kasus perekrutan melalui media sosial di kabupaten itu.", "media sosial", True),
    ("Belum ada kendala yang dilaporkan.", "kendala", True),
    ("Penelitian ini tidak menemukan bukti perekrutan daring.", "perekrutan daring", True),
    ("Masalahnya bukan birokrasi, melainkan anggaran.", "birokrasi", True),
    # Indonesian: denied after the keyword
    ("Pendanaan tidak menjadi masalah bagi program itu.", "pendanaan", True),
    ("Birokrasi bukan lagi persoalan setelah perjanjian berlaku.", "birokrasi", True),
    ("Keterlambatan tidak pernah dilaporkan oleh mitra.", "terlambat", True),
    # Indonesian: not denials
    ("Kerja sama kedua pihak belum optimal.", "belum optimal", False),
    ("Dinas sosial tidak pernah berkoordinasi dengan kepolisian.", "berkoordinasi", False),
    ("Hambatan utama adalah birokrasi yang tidak efisien.", "hambatan", False),
    ("Tanpa dukungan, LSM menghadapi hambatan besar.", "hambatan", False),
    ("Hambatan itu tidak teratasi selama dua tahun.", "hambatan", False),
    ("Penyidik belum terbiasa mengamankan bukti digital.", "bukti digital", False),
    ("Korban tidak percaya polisi, tetapi hambatan terbesar adalah biaya.", "hambatan", False),
    # English: absence words and negated verbs before the keyword
    ("Cooperation ran without major obstacles in the pilot district.", "obstacle", True),
    ("No serious obstacle to cooperation was found.", "obstacle", True),
    ("The study did not find any evidence of online recruitment.", "online recruitment", True),
    ("The analysis did not reveal any overlap between the samples.", "overlap", True),
    ("There were no barriers to entering the shelter.", "barrier", True),
    ("None of the officials mentioned mistrust.", "mistrust", True),
    ("The partners didn't face any bureaucracy at all.", "bureaucracy", True),
    # English: denied after the keyword
    ("Bureaucracy was not an issue once the agreement was signed.", "bureaucracy", True),
    ("Staff turnover was not a concern in the NGO's offices.", "staff turnover", True),
    ("Delays were never reported by the partners.", "delay", True),
    ("Funding shortages are no longer a problem.", "funding shortages", True),
    ("Mistrust wasn't a problem after the first year.", "mistrust", True),
    # English: not denials
    ("The agencies did not coordinate their visits.", "coordinate", False),
    ("Information was not shared, which was the main obstacle.", "obstacle", False),
    ("The obstacle was not overcome for years.", "obstacle", False),
    ("Without funding, the NGO faced a serious obstacle.", "obstacle", False),
    ("No one doubted that bureaucracy slowed the return of victims.", "bureaucracy", False),
    ("Progress was slow, but the main obstacle was the budget.", "obstacle", False),
]


@pytest.mark.parametrize(("sentence", "keyword", "denied"), CASES)
def test_denial_is_found_in_the_keywords_clause(sentence, keyword, denied):
    matcher = KeywordMatcher([Keyword("c", keyword, "any")])
    hits = matcher.find(sentence)
    assert hits, f"{keyword!r} not found in {sentence!r}"
    best = max(hits, key=lambda hit: hit.score)
    assert bool(best.denied_by) is denied, best
    assert (best.score < 80) is denied


def test_the_denying_words_are_named():
    hit = KeywordMatcher([Keyword("c", "kendala", "id")]).find("Tidak ada kendala berarti.")[0]
    assert hit.denied_by == "tidak ada"
    hit = KeywordMatcher([Keyword("c", "issue", "en")]).find("Bureaucracy was not a problem.")
    assert hit == []
    hit = KeywordMatcher([Keyword("c", "bureaucracy", "en")]).find("Bureaucracy was not a problem.")
    assert hit[0].denied_by == "not … problem"


SENSES = [
    # (keyword, language, text, matches)
    ("izin", "id", "Izin membuka rumah aman belum keluar.", True),
    ("izin", "id", "Perizinan yang panjang menunda kegiatan.", True),
    ("izin", "id", "Polisi mengizinkan konselor mendampingi korban.", False),
    ("izin", "id", "Konselor diizinkan hadir dalam pemeriksaan.", False),
    ("permit", "en", "The permit was still pending after eight months.", True),
    ("permit", "en", "NGO staff were permitted to attend interviews.", False),
    ("coordinating", "en", "Coordinating the return of victims took months.", True),
    ("coordinating", "en", "The map's coordinates show the villages.", False),
    ("koordinasi", "id", "Dinas itu tidak pernah berkoordinasi dengan polisi.", True),
    ("koordinasi", "id", "Titik koordinat menunjukkan desa tempat wawancara.", False),
    ("mission", "en", "The mission visited three shelters.", True),
    ("mission", "en", "The permission of each respondent was obtained.", False),
    ("dibatasi", "id", "Peran LSM dibatasi pada penyuluhan.", True),
    ("dibatasi", "id", "Patroli di daerah perbatasan ditambah.", False),
    ("dibatasi", "id", "Keterbatasan anggaran menunda pelatihan.", False),
    # English rules for English keywords, Indonesian rules for Indonesian ones
    ("obstacle", "en", "Several obstacles remained.", True),
    ("hambatan", "id", "Program itu terhambat birokrasi.", True),
]


@pytest.mark.parametrize(("keyword", "language", "text", "matches"), SENSES)
def test_words_of_another_sense_do_not_match(keyword, language, text, matches):
    hits = KeywordMatcher([Keyword("c", keyword, language)]).find(text)
    assert bool(hits) is matches, hits
