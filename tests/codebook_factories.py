"""Builders of codebooks and of projects with codes in use, for codebook tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select, text

from qcode.core.codebook import Code, Codebook
from qcode.store.models import CodeRow
from qcode.store.project import Project

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "codebooks" / "trafficking-cooperation.yaml"


def small_codebook() -> Codebook:
    return Codebook(
        title='Kerja sama & <legitimasi> "uji"',
        version="2.1",
        authors=("Ayu Lestari", "Budi Santoso"),
        languages=("id", "en"),
        licence="CC-BY-4.0",
        created="2026-01-02",
        updated="2026-02-03",
        codes=(
            Code(
                guid="0d62985d-b147-5d01-a9b5-cae5dcd98342",
                name="Hambatan & <kendala>",
                colour="#C0392B",
                description='Definisi dengan "kutipan" & <tanda>.\nBaris kedua.',
                inclusion="Sertakan jika … ada hambatan; termasuk 'respons lamban'.",
                exclusion="Kecuali masalah perdagangan orang itu sendiri.",
                examples=("Contoh pertama — é, ü, 漢字.", "Second example 🙂."),
                keywords={"id": ("kerja sama", "kerjasama"), "en": ("obstacle", "co-operation")},
                exclude={"id": ("titik koordinat",), "en": ("map", "no obstacle")},
                shortcut=3,
            ),
            Code(
                guid="dfe5c38e-9449-5959-a1f7-e3d895cfa87f",
                name="Respons lamban",
                parent="0d62985d-b147-5d01-a9b5-cae5dcd98342",
                colour="#E74C3C",
                description="Pemerintah terlambat bertindak.",
                codable=True,
                retired=True,
            ),
            Code(
                guid="55bb6892-6f30-5129-8cb8-557a1b12137b",
                name="Grouping only",
                codable=False,
                keywords={"any": ("group",)},
                exclude={"any": ("study group",)},
            ),
        ),
    )


def add_segments(project: Project, counts: dict[str, int]) -> None:
    """Insert coded segments directly (as coding will), ``counts`` per code GUID."""
    now = dt.datetime.now(dt.UTC)
    with project.writing() as session:
        doc_id = session.execute(
            text(
                "INSERT INTO documents (uuid, title, text, char_count, sha256, source_path, "
                "source_format, language, title_source, imported_at) VALUES "
                "(:u, 't', 'kerja sama hambatan', 19, 'h', 'x', 'txt', 'id', 'file', :now) "
                "RETURNING id"
            ),
            {"u": f"doc-{len(counts)}-{now.timestamp()}", "now": now},
        ).scalar_one()
        coder = session.execute(
            text(
                "INSERT INTO coders (name, created_at) VALUES ('segment-maker', :now) RETURNING id"
            ),
            {"now": now},
        ).scalar_one()
        ids = {guid: code_id for guid, code_id in session.execute(select(CodeRow.guid, CodeRow.id))}
        for guid, count in counts.items():
            for n in range(count):
                session.execute(
                    text(
                        "INSERT INTO segments (document_id, code_id, coder_id, start_offset, "
                        "end_offset, memo, origin, created_at, updated_at) VALUES "
                        "(:d, :c, :k, :s, :e, '', 'manual', :now, :now)"
                    ),
                    {"d": doc_id, "c": ids[guid], "k": coder, "s": n, "e": n + 5, "now": now},
                )
