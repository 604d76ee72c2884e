"""The coding app's speed, driven headless by Textual's Pilot.

Measures, in one run:
- first paint of a 1 MB document carrying 10,000 segments (target <= 300 ms)
- a cursor/scroll key to repaint, median and p95 over 200 keys (target <= 50 ms; Pilot itself
  costs part of each key)
- opening a project of 100,000 documents until the document list is usable (target <= 1 s)
- applying a code by its digit (target <= 50 ms)
- start-up of ``qcode --version`` (target <= 200 ms)

    python bench/tui_bench.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CODEBOOK = REPO / "codebooks" / "trafficking-cooperation.yaml"


def big_text(chars: int) -> str:
    rng = random.Random(7)
    words = (
        "kerja sama koordinasi pemerintah legitimasi hambatan the cooperation of agencies".split()
    )
    paragraphs = []
    size = 0
    while size < chars:
        paragraph = " ".join(rng.choice(words) for _ in range(80)).capitalize() + "."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars].rstrip()


def seed_segments(project, count: int) -> None:
    from sqlalchemy import select

    from qcode.store.bulk import insert_rows
    from qcode.store.events import coder_id
    from qcode.store.models import CodeRow, Document, Segment

    rng = random.Random(11)
    now = dt.datetime.now(dt.UTC)
    with project.writing() as session:
        who = coder_id(session, "bench")
        doc_id, length = session.execute(select(Document.id, Document.char_count)).first()
        codes = list(session.scalars(select(CodeRow.id)))
        rows = []
        for _ in range(count):
            start = rng.randrange(0, length - 200)
            rows.append(
                (
                    doc_id,
                    rng.choice(codes),
                    who,
                    start,
                    start + rng.randrange(5, 200),
                    "",
                    "manual",
                    now,
                    now,
                )
            )
        insert_rows(
            session,
            Segment.__table__,
            (
                "document_id",
                "code_id",
                "coder_id",
                "start_offset",
                "end_offset",
                "memo",
                "origin",
                "created_at",
                "updated_at",
            ),
            rows,
        )


def seed_documents(project, count: int) -> None:
    from qcode.core.records import DocumentRecord
    from qcode.store.documents import insert_documents

    records = [
        DocumentRecord(f"Study {n} of cooperation", f"Abstract number {n}.", "bench", "txt", "en")
        for n in range(count)
    ]
    with project.writing() as session:
        insert_documents(session, records, dt.datetime.now(dt.UTC))


async def measure_document(project) -> dict[str, float]:
    from qcode.tui.app import QcodeApp
    from qcode.tui.widgets.document_viewer import DocumentViewer

    app = QcodeApp(project, "bench")
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first_paint = (time.perf_counter() - started) * 1000
        keys = []
        for n in range(200):
            key = "pagedown" if n % 4 == 0 else "down"
            began = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            keys.append((time.perf_counter() - began) * 1000)
        viewer = app.screen.query_one(DocumentViewer)
        viewer.select_offsets(0, 40)
        began = time.perf_counter()
        await pilot.press("3")
        await pilot.pause()
        apply_ms = (time.perf_counter() - began) * 1000
    keys.sort()
    return {
        "first_paint_ms": first_paint,
        "key_median_ms": statistics.median(keys),
        "key_p95_ms": keys[int(len(keys) * 0.95) - 1],
        "apply_code_ms": apply_ms,
    }


async def measure_list(project) -> float:
    from qcode.tui.app import QcodeApp

    app = QcodeApp(project, "bench")
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return (time.perf_counter() - started) * 1000


def startup_ms() -> float:
    times = []
    for _ in range(5):
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "qcode", "--version"], check=True, capture_output=True
        )
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    from qcode.services.codebooks import load_codebook
    from qcode.services.importing import import_paths
    from qcode.services.projects import init_project

    with tempfile.TemporaryDirectory(prefix="qcode-tui-bench-") as scratch:
        folder = Path(scratch)
        (folder / "long.txt").write_text(big_text(1_000_000), encoding="utf-8")
        project = init_project(folder / "long.qcode")
        import_paths(project, [folder / "long.txt"], coder="bench")
        load_codebook(project, CODEBOOK, coder="bench")
        seed_segments(project, 10_000)
        figures = asyncio.run(measure_document(project))
        project.close()

        many = init_project(folder / "many.qcode")
        seed_documents(many, 100_000)
        figures["doc_list_100k_ms"] = asyncio.run(measure_list(many))
        many.close()
    figures["startup_ms"] = startup_ms()

    targets = {
        "first_paint_ms": 300,
        "key_median_ms": 50,
        "key_p95_ms": 50,
        "apply_code_ms": 50,
        "doc_list_100k_ms": 1000,
        "startup_ms": 200,
    }
    for name, value in figures.items():
        verdict = "met" if value <= targets[name] else "MISSED"
        print(f"{name:18} {value:9.1f} ms   target <= {targets[name]} ms   {verdict}")
    print(json.dumps({"bench": "tui", **{k: round(v, 1) for k, v in figures.items()}}))


if __name__ == "__main__":
    main()
