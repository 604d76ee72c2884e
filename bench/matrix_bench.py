"""Matrix speed against a bare SQL GROUP BY floor, plus XLSX and Word export times.

Builds, in bulk (not through the CLI), a project of 10,000 imported abstracts, a codebook of
200 codes (20 themes of 9 sub-codes each), and 1,000,000 segments on the sub-codes. Then in
one run:
- code × document and code × year matrices (codes rolled up into their themes, with row and
  column totals), through qcode's service;
- the floor: bare SQL in the sqlite3 module returning the same cell numbers (distinct
  passages): ``GROUP BY`` counts of the sub-codes' cells and, through the codes' parent
  column, the themes' (UNION ALL), less the passages several segments of a cell share
  (spans found twice through the (document, span) index); the time of the sub-code count
  alone is printed beside it, as the lowest bound;
- an XLSX export of the 200-code × 10,000-document matrix;
- a Word report of about 5,000 quotations (one sub-code's coding).

Targets: each matrix <= 1.5x its floor and <= 2 s; XLSX <= 10 s; report <= 20 s.

    python bench/matrix_bench.py [--records N] [--segments N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import generate, write_ris

TARGET_RATIO = 1.5
TARGET_MATRIX_S = 2.0
TARGET_XLSX_S = 10.0
TARGET_REPORT_S = 20.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000


def codebook():
    from qcode.core.codebook import Code, Codebook
    from qcode.core.colours import palette_colour
    from qcode.core.guids import new_guid

    codes = []
    for t in range(20):
        theme = Code(new_guid(), f"Theme {t + 1:02}", colour=palette_colour(t))
        codes.append(theme)
        codes += [
            Code(new_guid(), f"Theme {t + 1:02} aspect {s + 1}", parent=theme.guid)
            for s in range(9)
        ]
    return Codebook(title="Bench codebook", version="1", codes=tuple(codes))


def fill(project, segments: int) -> tuple[int, int]:
    """Insert the codebook and ``segments`` random segments; return (leaf id, its count)."""
    from sqlalchemy import select

    from qcode.store.bulk import insert_rows
    from qcode.store.codebooks import write_codebook
    from qcode.store.events import coder_id
    from qcode.store.models import CodebookRow, CodeRow, Document, Segment

    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    with project.writing() as session:
        session.add(
            CodebookRow(
                id=1,
                title="Bench",
                version="1",
                authors=[],
                languages=["en"],
                licence="",
                created="",
                updated="",
            )
        )
        session.flush()
        write_codebook(session, codebook())
        leaves = list(session.scalars(select(CodeRow.id).where(CodeRow.parent_id.is_not(None))))
        documents = list(session.execute(select(Document.id, Document.char_count)))
        who = coder_id(session, "bench")
        rows = []
        for _ in range(segments):
            document, chars = documents[rng.randrange(len(documents))]
            start = rng.randrange(max(1, chars - 60))
            rows.append((document, rng.choice(leaves), start, min(chars, start + 40)))
        insert_rows(
            session,
            Segment.__table__,
            ["document_id", "code_id", "start_offset", "end_offset"],
            rows,
            {"coder_id": who, "memo": "", "origin": "manual", "created_at": now, "updated_at": now},
        )
        chosen = leaves[0]
        return chosen, sum(1 for r in rows if r[1] == chosen)


def floor(path: Path, query: str) -> tuple[float, dict]:
    connection = sqlite3.connect(path)
    try:
        started = time.perf_counter()
        cells = {(a, b): n for a, b, n in connection.execute(query)}
        return time.perf_counter() - started, cells
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--segments", type=int, default=1_000_000)
    args = parser.parse_args()

    from qcode.services.excerpts import export_matrix
    from qcode.services.importing import import_paths
    from qcode.services.matrices import MatrixRequest, build_matrix
    from qcode.services.projects import init_project
    from qcode.services.report import make_report

    with tempfile.TemporaryDirectory(prefix="qcode-bench-") as scratch:
        folder = Path(scratch)
        write_ris(generate(args.records), folder / "corpus.ris")
        path = folder / "bench.qcode"
        project = init_project(path)
        import_paths(project, [folder / "corpus.ris"], coder="bench")
        started = time.perf_counter()
        leaf, leaf_segments = fill(project, args.segments)
        fill_seconds = time.perf_counter() - started

        results = {}
        leaf_floors = {}
        # The floor returns the same numbers as the matrix — sub-code cells and, through the
        # codes' parent column, the theme cells — in bare SQL; the sub-code part alone is
        # printed too, as the lowest bound.
        year = "JOIN document_attributes a ON a.document_id = s.document_id AND a.name = 'year'"
        for name, cols, key, join in (
            ("code_x_document", "documents", "s.document_id", ""),
            ("code_x_year", "attr:year", "CAST(a.number_value AS INTEGER)", year),
        ):
            # Cells count distinct passages (document, start, end). The floor counts every
            # segment per (code, key) and per (theme, key) with GROUP BY, then takes off the
            # passages several segments of a cell share, found from the spans that occur
            # twice (GROUP BY on the (document, span) index) — all in bare SQL.
            leaves = f"SELECT s.code_id, {key}, COUNT(*) FROM segments s {join} GROUP BY 1, 2"
            themes = (
                f"SELECT c.parent_id, {key}, COUNT(*) FROM segments s {join} "
                "JOIN codes c ON c.id = s.code_id WHERE c.parent_id IS NOT NULL GROUP BY 1, 2"
            )
            repeats = (
                "WITH shared AS (SELECT document_id AS d, start_offset AS b, end_offset AS e "
                "FROM segments GROUP BY 1, 2, 3 HAVING COUNT(*) > 1), "
                f"dup AS (SELECT s.code_id, {key} AS k, s.document_id, s.start_offset, "
                "s.end_offset FROM shared JOIN segments s ON s.document_id = shared.d AND "
                f"s.start_offset = shared.b AND s.end_offset = shared.e {join}), "
                "tagged AS (SELECT code_id AS code, k, document_id, start_offset, end_offset "
                "FROM dup UNION ALL SELECT c.parent_id, k, document_id, start_offset, "
                "end_offset FROM dup JOIN codes c ON c.id = dup.code_id "
                "WHERE c.parent_id IS NOT NULL) "
                "SELECT code, k, SUM(n - 1) FROM (SELECT code, k, COUNT(*) AS n FROM tagged "
                "GROUP BY code, k, document_id, start_offset, end_offset HAVING n > 1) "
                "GROUP BY code, k"
            )
            leaf_seconds, _ = floor(path, leaves)
            counted_seconds, cells = floor(path, f"{leaves} UNION ALL {themes}")
            repeat_seconds, extra = floor(path, repeats)
            floor_seconds = counted_seconds + repeat_seconds
            for place, n in extra.items():
                cells[place] -= n
            cells = {place: n for place, n in cells.items() if n}
            started = time.perf_counter()
            matrix = build_matrix(project, MatrixRequest(cols=cols))
            seconds = time.perf_counter() - started
            same = all(matrix.value(code, col) == n for (code, col), n in cells.items())
            same = same and len(cells) == len(matrix.cells)
            results[name] = (seconds, floor_seconds, seconds / floor_seconds, same, matrix)
            leaf_floors[name] = leaf_seconds

        out = folder / "matrix.xlsx"
        started = time.perf_counter()
        export_matrix(project, MatrixRequest(cols="documents"), out)
        xlsx_seconds = time.perf_counter() - started
        xlsx_mb = out.stat().st_size / 1e6

        started = time.perf_counter()
        request = MatrixRequest(codes=[str(leaf_code_path(project, leaf))])
        report = make_report(project, folder / "report.docx", request=request)
        report_seconds = time.perf_counter() - started
        project.close()

    print(
        f"corpus: {args.records} documents, {args.segments:,} segments on 180 sub-codes of "
        f"20 themes (inserted in {fill_seconds:.1f} s)"
    )
    print(
        f"{'':18}{'seconds':>10}{'floor':>10}{'ratio':>8}  same numbers  shape"
        "         floor of the sub-codes alone"
    )
    for name, (seconds, floor_seconds, ratio, same, matrix) in results.items():
        shape = f"{len(matrix.rows)} x {len(matrix.cols)}"
        print(
            f"{name:18}{seconds:>10.2f}{floor_seconds:>10.2f}{ratio:>7.2f}x  {same!s:12}  "
            f"{shape:12}  {leaf_floors[name]:.2f} s ({seconds / leaf_floors[name]:.2f}x)"
        )
    print(
        f"targets: <= {TARGET_RATIO}x the floor and <= {TARGET_MATRIX_S:.0f} s per matrix; "
        f"peak memory of the whole run {peak_mb():.0f} MB"
    )
    print(
        f"XLSX export, 200 codes x {args.records} documents: {xlsx_seconds:.1f} s, "
        f"{xlsx_mb:.1f} MB (target <= {TARGET_XLSX_S:.0f} s)"
    )
    print(
        f"Word report, {report.segments} quotations from {report.sources} sources: "
        f"{report_seconds:.1f} s (target <= {TARGET_REPORT_S:.0f} s)"
    )
    worst = max(results.values(), key=lambda r: r[2])
    print(
        json.dumps(
            {
                "bench": "matrix",
                "records": args.records,
                "segments": args.segments,
                "seconds": round(worst[0], 3),
                "floor_seconds": round(worst[1], 3),
                "ratio": round(worst[2], 2),
                "target_ratio": TARGET_RATIO,
                "peak_mb": round(peak_mb(), 1),
                "code_x_document_s": round(results["code_x_document"][0], 3),
                "code_x_year_s": round(results["code_x_year"][0], 3),
                "same_numbers": all(r[3] for r in results.values()),
                "code_x_document_subcode_floor_s": round(leaf_floors["code_x_document"], 3),
                "xlsx_seconds": round(xlsx_seconds, 2),
                "report_quotations": report.segments,
                "report_seconds": round(report_seconds, 2),
                "leaf_segments": leaf_segments,
            }
        )
    )


def leaf_code_path(project, code_id: int) -> str:
    from qcode.store.codebooks import read_codebook
    from qcode.store.models import CodeRow

    with project.reading() as session:
        guid = session.get(CodeRow, code_id).guid
        return read_codebook(session).path(guid)


if __name__ == "__main__":
    main()
