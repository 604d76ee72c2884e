"""REFI-QDA export and import of a large coded project, against floors measured in the run.

Builds the import benchmark's corpus (default 2,000 abstracts with their attributes) in a
fresh project with the shipped codebook, auto-codes it and accepts every suggestion, then:
- export: ``qcode export`` to ``.qdpx`` (read the project, build and validate the XML, zip).
  Floor: zipping the very bytes written (``project.qde`` and every text) with zipfile.
- import: ``qcode import`` of that file into a new project (unzip, parse, place every
  selection, stage, merge). Floor: unzip and parse ``project.qde`` with ElementTree, then a
  bare executemany of the documents and segments into a SQLite file of its own.

No target is set for these; the figures and ratios are what a user with such a project waits.

    python bench/qdpx_bench.py [--records N]
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import generate, write_ris

REPO = Path(__file__).resolve().parent.parent
CODEBOOK = REPO / "codebooks" / "trafficking-cooperation.yaml"
Q = "{urn:QDA-XML:project:1.0}"


def zip_floor(source: Path, folder: Path) -> float:
    """Zip the bytes of ``source``'s members again, as plainly as zipfile does."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    started = time.perf_counter()
    with zipfile.ZipFile(folder / "floor.qdpx", "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return time.perf_counter() - started


def import_floor(source: Path, folder: Path) -> tuple[float, int]:
    """Unzip, parse, and insert documents and segments with bare executemany."""
    started = time.perf_counter()
    with zipfile.ZipFile(source) as archive:
        root = ET.fromstring(archive.read("project.qde"))
        texts = {n: archive.read(n).decode("utf-8") for n in archive.namelist() if "/" in n}
    documents, segments = [], []
    for number, src in enumerate(root.iter(f"{Q}TextSource")):
        text = texts["sources/" + src.get("plainTextPath").removeprefix("internal://")]
        documents.append((number, src.get("guid"), src.get("name"), text))
        for sel in src.iter(f"{Q}PlainTextSelection"):
            code = sel.find(f"{Q}Coding/{Q}CodeRef").get("targetGUID")
            segments.append(
                (
                    number,
                    code,
                    sel.get("creatingUser"),
                    int(sel.get("startPosition")),
                    int(sel.get("endPosition")),
                )
            )
    db = sqlite3.connect(folder / "floor.sqlite")
    db.execute("create table d (id integer primary key, uuid text, title text, text text)")
    db.execute("create table s (d integer, code text, who text, start integer, stop integer)")
    db.executemany("insert into d values (?, ?, ?, ?)", documents)
    db.executemany("insert into s values (?, ?, ?, ?, ?)", segments)
    db.commit()
    db.close()
    return time.perf_counter() - started, len(segments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=2000)
    args = parser.parse_args()

    from qcode.services.autocoding import autocode
    from qcode.services.codebooks import load_codebook
    from qcode.services.importing import import_paths
    from qcode.services.projects import init_project
    from qcode.services.qdpx_export import export_qdpx
    from qcode.services.qdpx_import import import_qdpx
    from qcode.services.suggestion_decisions import accept

    with tempfile.TemporaryDirectory(prefix="qcode-bench-") as scratch:
        folder = Path(scratch)
        write_ris(generate(args.records), folder / "corpus.ris")
        with init_project(folder / "bench.qcode") as project:
            import_paths(project, [folder / "corpus.ris"], coder="bench")
            load_codebook(project, CODEBOOK, coder="bench")
            autocode(project, coder="bench")
            accept(project, above=0, coder="bench")
            out = folder / "bench.qdpx"
            started = time.perf_counter()
            summary = export_qdpx(project, out)
            export_seconds = time.perf_counter() - started
        export_floor = zip_floor(out, folder)
        with init_project(folder / "back.qcode") as back:
            started = time.perf_counter()
            result = import_qdpx(back, out, coder="bench")
            import_seconds = time.perf_counter() - started
        floor_seconds, floor_segments = import_floor(out, folder)
        size_mb = out.stat().st_size / 1e6
    assert result.merge.segments_added == floor_segments == summary.selections
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"project: {summary.sources} documents, {summary.selections} coded segments, "
        f"{summary.variables} attributes; .qdpx {size_mb:.1f} MB"
    )
    print(
        f"export: {export_seconds:.2f} s (floor, zipping the same bytes: {export_floor:.2f} s; "
        f"{export_seconds / export_floor:.1f}x)"
    )
    print(
        f"import: {import_seconds:.2f} s (floor, parse + bare inserts: {floor_seconds:.2f} s; "
        f"{import_seconds / floor_seconds:.1f}x)"
    )
    print(f"peak memory of the whole run {peak:.0f} MB")
    print(
        json.dumps(
            {
                "bench": "qdpx",
                "records": args.records,
                "segments": summary.selections,
                "qdpx_mb": round(size_mb, 2),
                "export_seconds": round(export_seconds, 3),
                "export_floor_seconds": round(export_floor, 3),
                "export_ratio": round(export_seconds / export_floor, 2),
                "import_seconds": round(import_seconds, 3),
                "import_floor_seconds": round(floor_seconds, 3),
                "import_ratio": round(import_seconds / floor_seconds, 2),
                "peak_mb": round(peak, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
