"""The words of the Word report and synthesis table, in English and Indonesian."""

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
        "retired": "retired",
        "grouping": "grouping only, not coded directly",
        "summary": "{codes} codes in {top} top-level themes.",
        "table": "Table 1. The codes, their definitions and criteria.",
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
        "retired": "tidak dipakai lagi",
        "grouping": "hanya pengelompokan, tidak dikodekan langsung",
        "summary": "{codes} kode dalam {top} tema utama.",
        "table": "Tabel 1. Kode, definisi, dan kriteria.",
    },
}

# The report uses the codebook labels too (see labels_for).
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "report": "Coding report",
        "project": "Project",
        "codebook": "Codebook",
        "version": "version",
        "coders": "Coders",
        "date": "Date",
        "method": "Method",
        "method_text": (
            "This report covers {sources} source(s) coded with the codebook “{codebook}” "
            "(version {version}; {codes} codes in {themes} themes). {coder_count} coder(s) "
            "({coders}) applied {segments} coded segment(s){suggested}. A parent code counts "
            "the coding of its sub-codes."
        ),
        "suggested": ", {n} of them accepted from keyword auto-coding suggestions",
        "codes": "Codes",
        "codebook_caption": "The codes, their definitions and criteria",
        "frequencies": "Code frequencies",
        "frequency_caption": "Coded segments and sources per code",
        "segments": "Segments",
        "sources": "Sources",
        "total": "Total",
        "matrices": "Matrices",
        "matrix_caption": "{measure} per {rows} and {cols}",
        "synthesis": "Synthesis of previous studies",
        "synthesis_caption": "Coded excerpts per source and theme",
        "source": "Source",
        "findings": "Findings by theme",
        "quotations": "Quotations",
        "memo": "Memo",
        "no_quotations": "No coded quotations.",
        "references": "Appendix: Sources",
        "table": "Table",
        "measure_segments": "Coded segments",
        "measure_documents": "Sources",
        "measure_chars": "Coded characters",
        "measure_presence": "Presence",
        "axis_codes": "code",
        "axis_documents": "source",
        "axis_coders": "coder",
    },
    "id": {
        "report": "Laporan pengodean",
        "project": "Proyek",
        "codebook": "Buku kode",
        "version": "versi",
        "coders": "Pengode",
        "date": "Tanggal",
        "method": "Metode",
        "method_text": (
            "Laporan ini mencakup {sources} sumber yang dikodekan dengan buku kode "
            "“{codebook}” (versi {version}; {codes} kode dalam {themes} tema). {coder_count} "
            "pengode ({coders}) menerapkan {segments} segmen berkode{suggested}. Kode induk "
            "menghitung pengodean sub-kodenya."
        ),
        "suggested": ", {n} di antaranya diterima dari saran pengodean otomatis kata kunci",
        "codes": "Kode",
        "codebook_caption": "Kode, definisi, dan kriteria",
        "frequencies": "Frekuensi kode",
        "frequency_caption": "Segmen berkode dan sumber per kode",
        "segments": "Segmen",
        "sources": "Sumber",
        "total": "Jumlah",
        "matrices": "Matriks",
        "matrix_caption": "{measure} per {rows} dan {cols}",
        "synthesis": "Sintesis penelitian terdahulu",
        "synthesis_caption": "Kutipan berkode per sumber dan tema",
        "source": "Sumber",
        "findings": "Temuan per tema",
        "quotations": "Kutipan",
        "memo": "Memo",
        "no_quotations": "Tidak ada kutipan berkode.",
        "references": "Lampiran: Daftar sumber",
        "table": "Tabel",
        "measure_segments": "Segmen berkode",
        "measure_documents": "Sumber",
        "measure_chars": "Karakter berkode",
        "measure_presence": "Kemunculan",
        "axis_codes": "kode",
        "axis_documents": "sumber",
        "axis_coders": "pengode",
    },
}


def labels_for(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise UsageError(f"unknown report language {lang!r}: use en or id")
    return CODEBOOK_LABELS[lang] | LABELS[lang]
