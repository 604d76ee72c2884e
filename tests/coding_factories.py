"""A small coded project for coding, auto-coding and search tests."""

from __future__ import annotations

from pathlib import Path

from qcode.services.codebooks import load_codebook
from qcode.services.importing import import_paths
from qcode.store.project import Project
from tests.codebook_factories import SHIPPED
from tests.factories import ris_record, write_ris

TEXTS = [
    (
        "Kerjasama IOM dan pemerintah",
        "Kerjasama antarlembaga berjalan lambat. Keputusan pusat jarang dikoordinasikan sampai "
        "ke kabupaten. Pelaku merekrut korban melalui media sosial 🙂.",
    ),
    (
        "Legitimacy of INGOs in Thailand",
        "The government granted the INGO legitimacy to work in border provinces. There were no "
        "obstacles to signing the agreement. Officials were rotated to other posts.",
    ),
    (
        "Catatan metodologi",
        "Data dikumpulkan melalui wawancara mendalam. Bab kedua membahas kerangka teori.",
    ),
]


def coded_project(project: Project, tmp_path: Path) -> Project:
    records = [ris_record(title, text, year=2020 + i) for i, (title, text) in enumerate(TEXTS)]
    import_paths(project, [write_ris(tmp_path / "corpus.ris", records)], coder="ayu")
    load_codebook(project, SHIPPED, coder="ayu")
    return project
