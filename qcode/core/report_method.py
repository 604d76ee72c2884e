"""The method paragraph of the report, written from the facts in English or Indonesian.

Numbers from zero to ten are written as words (APA), plurals agree with their numbers, and
every sentence starts with a word, never a numeral.
"""

from __future__ import annotations

from qcode.core.report_content import AgreementSummary, Coding

WORDS = {
    "en": "zero one two three four five six seven eight nine ten".split(),
    "id": "nol satu dua tiga empat lima enam tujuh delapan sembilan sepuluh".split(),
}


def number(n: int, lang: str) -> str:
    return WORDS[lang][n] if 0 <= n <= 10 else f"{n:,}".replace(",", "." if lang == "id" else ",")


def counted(n: int, singular: str, plural: str, lang: str) -> str:
    """ "one source", "12 sources"; Indonesian nouns do not change."""
    noun = singular if n == 1 or lang == "id" else plural
    return f"{number(n, lang)} {noun}"


UNIT_WORDS = {
    "en": {
        "document": "sources",
        "paragraph": "paragraphs",
        "sentence": "sentences",
        "character": "characters",
    },
    "id": {
        "document": "dokumen",
        "paragraph": "paragraf",
        "sentence": "kalimat",
        "character": "karakter",
    },
}
RELIABLE, TENTATIVE = 0.800, 0.667  # Krippendorff (2004, p. 241)


def coefficient(value: float | None, lang: str) -> str:
    """A coefficient bounded by 1, APA style: ".812" (Indonesian "0,812"); a dash if none."""
    if value is None:
        return "–"
    text = f"{value:.3f}"
    if lang == "id":
        return text.replace(".", ",").replace("-", "−")
    return text.replace("0.", ".", 1).replace("-", "−")


def method_paragraph(coding: Coding, lang: str, agreement: AgreementSummary | None = None) -> str:
    compared = agreement is not None and len(agreement.coders) >= 2
    text = (_indonesian if lang == "id" else _english)(coding, compared)
    if not compared:
        return text
    return f"{text} {agreement_sentences(agreement, lang)}"


def agreement_sentences(summary: AgreementSummary, lang: str) -> str:
    """Who was compared, on what unit, with which measures and thresholds, and the outcome."""
    units = UNIT_WORDS[lang][summary.unit]
    measured = [line for line in summary.lines if line.alpha is not None]
    reliable = sum(1 for line in measured if line.alpha >= RELIABLE)
    lowest = min(measured, key=lambda line: line.alpha, default=None)
    total = max((line.units for line in summary.lines), default=0)
    if lang == "id":
        coders = " dan ".join([", ".join(summary.coders[:-1]), summary.coders[-1]])
        sentences = [
            f"Kesepakatan antarpengode ({coders}) diukur per tema pada {number(total, 'id')} "
            f"{units} dari sumber yang dikodekan oleh mereka: persentase kesepakatan, κ, dan "
            "α Krippendorff (lihat tabel di bawah).",
            f"Mengikuti Krippendorff (2004), α ≥ {coefficient(RELIABLE, 'id')} dianggap andal "
            f"dan {coefficient(TENTATIVE, 'id')} ≤ α < {coefficient(RELIABLE, 'id')} cukup "
            "untuk kesimpulan sementara.",
        ]
        if lowest is not None:
            sentences.append(
                f"Sebanyak {number(reliable, 'id')} dari {number(len(measured), 'id')} tema "
                f"mencapai {coefficient(RELIABLE, 'id')}; α terendah adalah "
                f"{coefficient(lowest.alpha, 'id')} ({lowest.theme})."
            )
        return " ".join(sentences)
    coders = " and ".join([", ".join(summary.coders[:-1]), summary.coders[-1]])
    sentences = [
        f"Agreement between the coders ({coders}) was measured per theme on "
        f"{number(total, 'en')} {units} of the sources they coded: percent agreement, κ and "
        "Krippendorff's α (see the table below).",
        f"Following Krippendorff (2004), α ≥ {coefficient(RELIABLE, 'en')} is taken as reliable "
        f"and {coefficient(TENTATIVE, 'en')} ≤ α < {coefficient(RELIABLE, 'en')} as sufficient "
        "for tentative conclusions.",
    ]
    if lowest is not None:
        sentences.append(
            f"{number(reliable, 'en').capitalize()} of the {number(len(measured), 'en')} themes "
            f"reached {coefficient(RELIABLE, 'en')}; the lowest α was "
            f"{coefficient(lowest.alpha, 'en')} ({lowest.theme})."
        )
    return " ".join(sentences)


def _english(c: Coding, compared: bool = False) -> str:
    n = lambda value: number(value, "en")  # noqa: E731
    sentences = [
        f"This review covers {n(c.sources_coded)} of the "
        f"{counted(c.sources_imported, 'source', 'sources', 'en')} imported into the project.",
        f"The sources were coded with the codebook “{c.codebook}” (version {c.version}), "
        f"which holds {counted(c.codes, 'code', 'codes', 'en')} in "
        f"{counted(c.themes, 'theme', 'themes', 'en')}.",
        "The unit of coding is the passage: a span of text, usually a sentence or a paragraph, "
        "to which one or more codes are applied. Every count in this report is a number of "
        "distinct passages, so a passage coded with two sub-codes counts once for their theme.",
    ]
    if not c.suggested:
        how = "all of them by hand"
    elif not c.manual:
        how = "all of them accepted, after review, from keyword-based auto-coding suggestions"
    else:
        how = (
            f"{n(c.manual)} by hand and {n(c.suggested)} accepted, after review, from "
            "keyword-based auto-coding suggestions"
        )
    sentences.append(
        f"In all, {counted(c.passages, 'passage was', 'passages were', 'en')} coded with "
        f"{counted(c.segments, 'code application', 'code applications', 'en')}, {how}."
    )
    if len(c.coders) <= 1 and compared:
        sentences.append(f"The passages reported are those of {c.coders[0]}.")
    elif len(c.coders) <= 1:
        who = c.coders[0] if c.coders else "unnamed"
        sentences.append(
            f"All coding was done by a single coder ({who}), so no inter-coder agreement is "
            "reported."
        )
    else:
        sentences.append(
            f"The sources were coded by {n(len(c.coders))} coders ({', '.join(c.coders)})."
        )
    return " ".join(sentences)


def _indonesian(c: Coding, compared: bool = False) -> str:
    n = lambda value: number(value, "id")  # noqa: E731
    sentences = [
        f"Tinjauan ini mencakup {n(c.sources_coded)} dari {n(c.sources_imported)} sumber yang "
        "diimpor ke dalam proyek.",
        f"Sumber-sumber tersebut dikodekan dengan buku kode “{c.codebook}” (versi "
        f"{c.version}) yang memuat {n(c.codes)} kode dalam {n(c.themes)} tema.",
        "Satuan pengodean adalah bagian teks, umumnya satu kalimat atau paragraf, yang diberi "
        "satu kode atau lebih. Setiap angka dalam laporan ini adalah jumlah bagian teks yang "
        "berbeda, sehingga bagian teks yang diberi dua subkode dihitung satu kali untuk "
        "temanya.",
    ]
    if not c.suggested:
        how = "seluruhnya secara manual"
    elif not c.manual:
        how = (
            "seluruhnya diterima, setelah ditinjau, dari saran pengodean otomatis berbasis "
            "kata kunci"
        )
    else:
        how = (
            f"{n(c.manual)} secara manual dan {n(c.suggested)} diterima, setelah ditinjau, "
            "dari saran pengodean otomatis berbasis kata kunci"
        )
    sentences.append(
        f"Secara keseluruhan, {n(c.passages)} bagian teks dikodekan dengan {n(c.segments)} "
        f"penerapan kode, {how}."
    )
    if len(c.coders) <= 1 and compared:
        sentences.append(f"Bagian teks yang dilaporkan adalah milik {c.coders[0]}.")
    elif len(c.coders) <= 1:
        who = c.coders[0] if c.coders else "tanpa nama"
        sentences.append(
            f"Seluruh pengodean dilakukan oleh satu pengode ({who}), sehingga kesepakatan "
            "antarpengode tidak dilaporkan."
        )
    else:
        sentences.append(
            f"Sumber dikodekan oleh {n(len(c.coders))} pengode ({', '.join(c.coders)})."
        )
    return " ".join(sentences)


MONTHS = {
    "en": "January February March April May June July August September October November "
    "December".split(),
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November "
    "Desember".split(),
}


def long_date(iso: str, lang: str) -> str:
    """ "2026-12-03" → "3 December 2026" / "3 Desember 2026"; other text is kept as given."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    return f"{int(parts[2])} {MONTHS[lang][int(parts[1]) - 1]} {parts[0]}"
