"""A team coding at once: 2, 4, 8 and 16 coders (separate processes) each apply 500 codes,
remove 50 and undo those 50 removals, on PostgreSQL (a throw-away cluster this bench starts,
each coder a real login role under the team's row-level security) and on one SQLite file.

For each configuration it prints per-action p50/p95 latency and throughput, then checks the
final state against the exact expected set of segments: nothing lost, nothing duplicated,
every coder's undo history intact (500 codings, 50 removals all undone, 50 undos).

The floor, measured in the same run on the same database: one bare single-row INSERT and
COMMIT through the driver, one process — the least a stored coding can cost.

Targets: zero lost or duplicated rows everywhere; PostgreSQL with 16 coders p95 <= 100 ms
per action; SQLite with 4 coders p95 <= 250 ms.

    python bench/team_bench.py [--coders 2,4,8,16] [--codes 500] [--removes 50]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CODEBOOK = REPO / "codebooks" / "trafficking-cooperation.yaml"
CODES = (
    "Obstacles > Slow government response",
    "Legitimacy",
    "Coordination complexity",
    "Tech-enabled modus",
)
DOCUMENTS = 20
SPAN_STEP, SPAN_LENGTH = 8, 6
TARGET_PG_P95_MS_16 = 100.0
TARGET_SQLITE_P95_MS_4 = 250.0


def span(k: int) -> tuple[int, str, int, int]:
    """The k-th coding of every coder: (document, code, start, end)."""
    start = (k // DOCUMENTS) * SPAN_STEP
    return k % DOCUMENTS + 1, CODES[k % len(CODES)], start, start + SPAN_LENGTH


# A coder, in a process of its own ---------------------------------------------------------


def worker(url: str, coder: str, go: Path, out: Path, codes: int, removes: int) -> None:
    from qcode.services.coding import code_span, uncode
    from qcode.services.projects import open_project
    from qcode.services.undo import undo

    if "://" in url:  # each coder logs in as themselves
        from sqlalchemy.engine import make_url

        url = make_url(url).set(username=coder).render_as_string(hide_password=False)
    project = open_project(url, viewer=coder)
    with project.reading() as session:
        session.connection()
    latencies: dict[str, list[float]] = {"code": [], "remove": [], "undo": []}
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.001)
    started, cpu = time.perf_counter(), time.process_time()
    ids = []
    for k in range(codes):
        document, code, start, end = span(k)
        t = time.perf_counter()
        ids.append(code_span(project, str(document), code, start, end, coder=coder).id)
        latencies["code"].append(time.perf_counter() - t)
    for segment in ids[:removes]:
        t = time.perf_counter()
        uncode(project, segment, coder=coder)
        latencies["remove"].append(time.perf_counter() - t)
    for _ in range(removes):
        t = time.perf_counter()
        undo(project, coder=coder)
        latencies["undo"].append(time.perf_counter() - t)
    spent = {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}
    out.write_text(json.dumps({"latencies": latencies, **spent}))
    project.close()


# A throw-away PostgreSQL cluster ----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str | None]:
    """The admin URL of a new cluster (trust auth, fsync off), or None without PostgreSQL."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not versions and not shutil.which("pg_ctl"):
        yield None
        return
    bin_dir = versions[-1].parent if versions else Path(shutil.which("pg_ctl")).parent
    root = Path(tempfile.mkdtemp(prefix="qcode-team-bench-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = _free_port()
    data = root / "data"
    subprocess.run(
        [
            *as_postgres,
            bin_dir / "initdb",
            "-D",
            data,
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            *as_postgres,
            bin_dir / "pg_ctl",
            "-D",
            data,
            "-l",
            root / "log",
            "-w",
            "-o",
            f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off "
            "-c max_connections=200",
            "start",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_postgres, bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


def _new_pg_database(admin: str, name: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


# One configuration --------------------------------------------------------------------------


def build_project(url: str, folder: Path, coders: list[str], team: bool) -> None:
    from qcode.services.codebooks import load_codebook
    from qcode.services.importing import import_paths
    from qcode.services.projects import init_project
    from qcode.services.team import add_member

    sources = []
    for d in range(DOCUMENTS):
        path = folder / f"laporan-{d + 1:02}.txt"
        words = (
            "Koordinasi antarlembaga dalam kerja sama penanganan perdagangan orang "
            f"berjalan lambat di wilayah {d + 1}. "
        ) * 30
        path.write_text(words, encoding="utf-8")
        sources.append(path)
    with init_project(url, viewer="lead") as project:
        import_paths(project, sources, coder="lead")
        load_codebook(project, CODEBOOK, coder="lead")
        if team:
            for name in coders:
                add_member(project, name)


def run_configuration(url: str, coders: list[str], codes: int, removes: int, folder: Path):
    go = folder / "go"
    outs = [folder / f"{name}.json" for name in coders]
    children = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--worker",
                url,
                name,
                str(go),
                str(out),
                str(codes),
                str(removes),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
            env={k: v for k, v in os.environ.items() if k != "QCODE_CODER"},
        )
        for name, out in zip(coders, outs, strict=True)
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    go.touch()
    for child in children:
        child.wait(timeout=3600)
        if child.returncode != 0:
            raise SystemExit(f"a coder's process failed (exit {child.returncode})")
    wall = time.perf_counter() - started
    results = [json.loads(out.read_text()) for out in outs]
    return wall, results


def check_state(url: str, coders: list[str], codes: int, removes: int) -> tuple[int, int, int]:
    """(lost, duplicated, coders whose undo history is not as expected)."""
    from sqlalchemy import func, select

    from qcode.services.projects import open_project
    from qcode.store.models import Coder, CodeRow, Event, Segment

    expected = {(name, *span(k)) for name in coders for k in range(codes)}
    with open_project(url, viewer="lead") as project, project.reading() as session:
        names = dict(session.execute(select(CodeRow.id, CodeRow.name)).all())
        paths = {"Slow government response": CODES[0]}
        rows = session.execute(
            select(
                Coder.name,
                Segment.document_id,
                Segment.code_id,
                Segment.start_offset,
                Segment.end_offset,
            ).join(Coder, Coder.id == Segment.coder_id)
        ).all()
        found = [(c, d, paths.get(names[code], names[code]), s, e) for c, d, code, s, e in rows]
        broken = 0
        for name in coders:
            counts = dict(
                session.execute(
                    select(Event.action, func.count())
                    .join(Coder, Coder.id == Event.coder_id)
                    .where(Coder.name == name)
                    .group_by(Event.action)
                ).all()
            )
            undone = session.scalar(
                select(func.count())
                .select_from(Event)
                .join(Coder, Coder.id == Event.coder_id)
                .where(Coder.name == name, Event.action == "uncode", Event.undone.is_(True))
            )
            if (counts.get("code"), counts.get("uncode"), counts.get("undo"), undone) != (
                codes,
                removes,
                removes,
                removes,
            ):
                broken += 1
    lost = len(expected - set(found))
    duplicated = len(found) - len(set(found))
    return lost, duplicated, broken


def floor_ms(url: str, inserts: int = 300) -> float:
    """Median latency of one bare INSERT + COMMIT through the driver, one process."""
    times = []
    if url.startswith("/"):
        connection = sqlite3.connect(url, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, a, b)")
        for i in range(inserts):
            t = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO floor (a, b) VALUES (?, ?)", (i, i))
            connection.execute("COMMIT")
            times.append(time.perf_counter() - t)
        connection.close()
    else:
        import psycopg
        from sqlalchemy.engine import make_url

        u = make_url(url)
        with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as c:
            c.execute("CREATE TABLE floor (id serial PRIMARY KEY, a int, b int)")
            c.commit()
            for i in range(inserts):
                t = time.perf_counter()
                c.execute("INSERT INTO floor (a, b) VALUES (%s, %s)", (i, i))
                c.commit()
                times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coders", default="2,4,8,16")
    parser.add_argument("--codes", type=int, default=500)
    parser.add_argument("--removes", type=int, default=50)
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--worker", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        url, coder, go, out, codes, removes = args.worker
        worker(url, coder, Path(go), Path(out), int(codes), int(removes))
        return
    sizes = [int(n) for n in args.coders.split(",")]
    summary: dict[str, float | int | None] = {}
    lost_total = duplicated_total = broken_total = 0
    bench_started = time.perf_counter()
    print(
        f"{'backend':<11}{'coders':>7}{'action':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'actions/s':>11}{'lost':>6}{'dup':>5}{'undo ok':>9}"
    )
    with tempfile.TemporaryDirectory() as scratch, postgres_cluster() as admin:
        for backend in args.backends.split(","):
            if backend == "postgresql" and admin is None:
                print("postgresql: no PostgreSQL server binaries here; skipped")
                continue
            floor = None
            for size in sizes:
                folder = Path(scratch) / f"{backend}-{size}"
                folder.mkdir()
                if backend == "sqlite":
                    url = str(folder / "team.qcode")
                    coders = [f"coder{i + 1:02}" for i in range(size)]
                else:
                    url = _new_pg_database(admin, f"team_{size}")
                    coders = [f"coder{i + 1:02}_{size}" for i in range(size)]
                build_project(url, folder, coders, team=backend == "postgresql")
                wall, results = run_configuration(url, coders, args.codes, args.removes, folder)
                lost, duplicated, broken = check_state(url, coders, args.codes, args.removes)
                lost_total += lost
                duplicated_total += duplicated
                broken_total += broken
                actions = sum(len(v) for r in results for v in r["latencies"].values())
                every: list[float] = []
                for action in ("code", "remove", "undo"):
                    values = [x for r in results for x in r["latencies"][action]]
                    every += values
                    print(
                        f"{backend:<11}{size:>7}{action:>8}{percentile(values, 0.5):>9.1f}"
                        f"{percentile(values, 0.95):>9.1f}"
                    )
                p95 = percentile(every, 0.95)
                client_cpu = sum(r["cpu"] for r in results) / actions * 1000
                print(
                    f"{backend:<11}{size:>7}{'all':>8}{percentile(every, 0.5):>9.1f}"
                    f"{p95:>9.1f}{actions / wall:>11.0f}{lost:>6}{duplicated:>5}"
                    f"{'yes' if not broken else f'{broken} no':>9}"
                    f"   (coders' own processor time {client_cpu:.1f} ms per action)"
                )
                summary[f"{'pg' if backend == 'postgresql' else 'sqlite'}_p95_ms_{size}"] = round(
                    p95, 1
                )
                if floor is None:
                    floor = floor_ms(url)
                    key = "pg" if backend == "postgresql" else "sqlite"
                    summary[f"floor_ms_{key}"] = round(floor, 2)
                    print(
                        f"{backend}: floor (bare INSERT + COMMIT, one process) p50 "
                        f"{floor:.2f} ms; a coding at {size} coders is "
                        f"{percentile(every, 0.5) / floor:.1f}x that"
                    )
    pg16, sqlite4 = summary.get("pg_p95_ms_16"), summary.get("sqlite_p95_ms_4")
    print(
        f"targets: PostgreSQL 16 coders p95 {pg16} ms (<= {TARGET_PG_P95_MS_16:g}); "
        f"SQLite 4 coders p95 {sqlite4} ms (<= {TARGET_SQLITE_P95_MS_4:g}); "
        f"lost {lost_total}, duplicated {duplicated_total}, broken undo {broken_total}"
    )
    print(
        json.dumps(
            {
                "bench": "team",
                "seconds": round(time.perf_counter() - bench_started, 1),
                "lost": lost_total,
                "duplicated": duplicated_total,
                "undo_broken": broken_total,
                "pg_p95_ms_16": pg16,
                "sqlite_p95_ms_4": sqlite4,
                **{
                    k: v for k, v in summary.items() if k not in ("pg_p95_ms_16", "sqlite_p95_ms_4")
                },
            }
        )
    )


if __name__ == "__main__":
    main()
