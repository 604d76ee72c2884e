"""The words of the Word report, codebook and synthesis documents, in English and Indonesian."""

from __future__ import annotations

from qcode.core.errors import UsageError

CODEBOOK_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "codebook": "Codebook",
        "version": "Version",
        "authors": "Authors",
        "date": "Date",
        "languages": "Languages",
        "licence": "Licence",
        "codes": "Codes",
        "code": "Code",
        "definition": "Definition",
        "inclusion": "Inclusion criteria",
        "exclusion": "Exclusion criteria",
        "example": "Example",
        "keywords": "Keywords",
        "exclude": "Not when",
        "retired": "retired",
        "grouping": "grouping only, not coded directly",
        "summary": "{codes} codes in {top} top-level themes.",
        "table_label": "Table",
        "codebook_caption": "The codes, their definitions and criteria",
    },
    "id": {
        "codebook": "Buku Kode",
        "version": "Versi",
        "authors": "Penulis",
        "date": "Tanggal",
        "languages": "Bahasa",
        "licence": "Lisensi",
        "codes": "Kode",
        "code": "Kode",
        "definition": "Definisi",
        "inclusion": "Kriteria inklusi",
        "exclusion": "Kriteria eksklusi",
        "example": "Contoh",
        "keywords": "Kata kunci",
        "exclude": "Kecuali",
        "retired": "tidak dipakai lagi",
        "grouping": "hanya pengelompokan, tidak dikodekan langsung",
        "summary": "{codes} kode dalam {top} tema utama.",
        "table_label": "Tabel",
        "codebook_caption": "Kode, definisi, dan kriteria",
    },
}

# The report uses the codebook labels too (see labels_for).
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "lang": "en",
        "report": "Coding report",
        "prepared_by": "Prepared by",
        "contents": "Contents",
        "list_of_tables": "List of Tables",
        "list_of_figures": "List of Figures",
        "update_hint": "(Word updates this list when the document is opened.)",
        "coders": "Coders",
        "method": "Method",
        "codebook_note": (
            "Keywords, per language, are the words auto-coding looks for; a code marked as "
            "grouping only holds sub-codes and is not applied to text itself."
        ),
        "frequencies": "Code Frequencies",
        "frequency_caption": "Coded passages and sources per code",
        "frequency_note": (
            "Counts are coded passages (distinct spans of text); a passage coded with "
            "several sub-codes counts once for their theme. Sources are the documents with "
            "at least one such passage."
        ),
        "passages": "Passages",
        "sources": "Sources",
        "total": "Total",
        "matrices": "Coded Matrices",
        "matrix_caption": "{measure} by {rows} and {cols}",
        "matrix_part": "(columns {first}–{last} of {count})",
        "matrix_note": "Empty rows and columns are left out. {counting}",
        "counting_segments": (
            "Cells count distinct coded passages; totals count each passage once."
        ),
        "counting_documents": "Cells count sources; totals count each source once.",
        "counting_presence": (
            "A cell is 1 when the code occurs; totals count the sources in which it occurs."
        ),
        "counting_chars": "Cells add up the length in characters of distinct coded passages.",
        "counting_other": "The diagonal holds each code's own count; there are no totals.",
        "synthesis": "Synthesis of Previous Studies",
        "synthesis_caption": "Coded excerpts per source and theme",
        "synthesis_note": "Excerpts are shortened to {length} characters.",
        "source": "Source",
        "findings": "Findings by Theme",
        "codes_label": "Codes",
        "memo": "Memo",
        "not_coded": "Codes with no coded passage: {codes}.",
        "themes_not_coded": "Themes with no coded passage: {themes}.",
        "passages_in_theme": "{count} coded {noun} from {sources} {source_noun}.",
        "quotes_capped": "{shown} of these {count} passages are quoted below, taken at even "
        "steps through the sources; every passage is listed by ‘qcode excerpts’.",
        "references": "References",
        "table": "Table",
        "figure": "Figure",
        "note": "Note.",
        "agreement_caption": "Inter-coder agreement per theme",
        "theme": "Theme",
        "units": "Units",
        "agreement_percent": "Agreement",
        "alpha_ci": "α [95% CI]",
        "agreement_note": "Units are {unit} of the sources both coders coded; a coder either "
        "applied the theme (or one of its codes) to a unit or did not. κ is Cohen's kappa "
        "for two coders and Fleiss' kappa for more; α is Krippendorff's alpha (nominal) with "
        "a bootstrap interval over units ({resamples} resamples). A dash marks a measure "
        "that is undefined because one value was used throughout. Thresholds: Krippendorff, "
        "K. (2004). Content analysis: An introduction to its methodology (2nd ed.). Sage.",
        "figure_frequencies": "Coded passages per theme",
        "figure_periods": "Coded passages per theme and period",
        "figure_years": "Sources per year of publication",
        "measure_segments": "Coded passages",
        "measure_documents": "Sources",
        "measure_chars": "Coded characters",
        "measure_presence": "Presence",
        "measure_overlap": "Overlapping passages",
        "measure_near": "Nearby passages",
        "measure_sentence": "Sentences coded with both",
        "measure_paragraph": "Paragraphs coded with both",
        "measure_document": "Sources coded with both",
        "measure_c": "c-coefficient",
        "axis_codes": "code",
        "axis_documents": "source",
        "axis_coders": "coder",
        "axis_period": "{name}, {width}-year periods",
        "year": "year",
        "country": "country",
    },
    "id": {
        "lang": "id",
        "report": "Laporan pengodean",
        "prepared_by": "Disusun oleh",
        "contents": "Daftar Isi",
        "list_of_tables": "Daftar Tabel",
        "list_of_figures": "Daftar Gambar",
        "update_hint": "(Word memperbarui daftar ini saat dokumen dibuka.)",
        "coders": "Pengode",
        "method": "Metode",
        "codebook_note": (
            "Kata kunci per bahasa adalah kata yang dicari oleh pengodean otomatis; kode yang "
            "ditandai hanya pengelompokan memuat subkode dan tidak diterapkan langsung pada teks."
        ),
        "frequencies": "Frekuensi Kode",
        "frequency_caption": "Bagian teks berkode dan sumber per kode",
        "frequency_note": (
            "Angka adalah jumlah bagian teks berkode (rentang teks yang berbeda); bagian teks "
            "yang diberi beberapa subkode dihitung satu kali untuk temanya. Sumber adalah "
            "dokumen yang memuat setidaknya satu bagian teks tersebut."
        ),
        "passages": "Bagian teks",
        "sources": "Sumber",
        "total": "Jumlah",
        "matrices": "Matriks Pengodean",
        "matrix_caption": "{measure} menurut {rows} dan {cols}",
        "matrix_part": "(kolom {first}–{last} dari {count})",
        "matrix_note": "Baris dan kolom kosong tidak ditampilkan. {counting}",
        "counting_segments": (
            "Sel menghitung bagian teks berkode yang berbeda; jumlah menghitung setiap bagian "
            "teks satu kali."
        ),
        "counting_documents": "Sel menghitung sumber; jumlah menghitung setiap sumber satu kali.",
        "counting_presence": (
            "Sel bernilai 1 bila kode muncul; jumlah menghitung sumber tempat kode itu muncul."
        ),
        "counting_chars": "Sel menjumlahkan panjang (karakter) bagian teks berkode yang berbeda.",
        "counting_other": "Diagonal memuat jumlah masing-masing kode; tidak ada baris jumlah.",
        "synthesis": "Sintesis Penelitian Terdahulu",
        "synthesis_caption": "Kutipan berkode per sumber dan tema",
        "synthesis_note": "Kutipan dipersingkat menjadi {length} karakter.",
        "source": "Sumber",
        "findings": "Temuan per Tema",
        "codes_label": "Kode",
        "memo": "Memo",
        "not_coded": "Kode tanpa bagian teks berkode: {codes}.",
        "themes_not_coded": "Tema tanpa bagian teks berkode: {themes}.",
        "passages_in_theme": "{count} {noun} berkode dari {sources} {source_noun}.",
        "quotes_capped": "{shown} dari {count} bagian teks ini dikutip di bawah, diambil "
        "berselang rata di sepanjang daftar sumber; semua bagian teks tercantum lewat "
        "‘qcode excerpts’.",
        "references": "Daftar Pustaka",
        "table": "Tabel",
        "figure": "Gambar",
        "note": "Catatan.",
        "agreement_caption": "Kesepakatan antarpengode per tema",
        "theme": "Tema",
        "units": "Satuan",
        "agreement_percent": "Kesepakatan",
        "alpha_ci": "α [IK 95%]",
        "agreement_note": "Satuan adalah {unit} dari sumber yang dikodekan kedua pengode; "
        "seorang pengode menerapkan tema (atau salah satu kodenya) pada satuan itu atau tidak. "
        "κ adalah kappa Cohen untuk dua pengode dan kappa Fleiss untuk lebih; α adalah alfa "
        "Krippendorff (nominal) dengan interval bootstrap atas satuan ({resamples} "
        "pengambilan ulang). Tanda pisah menandai ukuran yang tidak terdefinisi karena hanya "
        "satu nilai yang dipakai. Ambang batas: Krippendorff, K. (2004). Content analysis: An "
        "introduction to its methodology (edisi ke-2). Sage.",
        "figure_frequencies": "Bagian teks berkode per tema",
        "figure_periods": "Bagian teks berkode per tema dan periode",
        "figure_years": "Sumber per tahun terbit",
        "measure_segments": "Bagian teks berkode",
        "measure_documents": "Sumber",
        "measure_chars": "Karakter berkode",
        "measure_presence": "Kemunculan",
        "measure_overlap": "Bagian teks yang bertumpang tindih",
        "measure_near": "Bagian teks yang berdekatan",
        "measure_sentence": "Kalimat yang diberi kedua kode",
        "measure_paragraph": "Paragraf yang diberi kedua kode",
        "measure_document": "Sumber yang diberi kedua kode",
        "measure_c": "Koefisien c",
        "axis_codes": "kode",
        "axis_documents": "sumber",
        "axis_coders": "pengode",
        "axis_period": "{name}, periode {width} tahun",
        "year": "tahun",
        "country": "negara",
    },
}


def labels_for(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise UsageError(f"unknown report language {lang!r}: use en or id")
    return CODEBOOK_LABELS[lang] | LABELS[lang]


def axis_words(axis: str, labels: dict[str, str]) -> str:
    """An axis in words: "codes" → "code", "attr:year:5" → "year, 5-year periods"."""
    named = {
        "codes": labels["axis_codes"],
        "documents": labels["axis_documents"],
        "coders": labels["axis_coders"],
    }
    if axis in named:
        return named[axis]
    parts = axis.split(":")
    name = parts[1] if len(parts) > 1 else axis
    name = labels.get(name, name) if name in ("year", "country") else name
    if len(parts) > 2 and parts[2] not in ("", "1"):
        return labels["axis_period"].format(name=name, width=parts[2])
    return name
