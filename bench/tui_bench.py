"""The coding app's speed as a user feels it: the real ``qcode PROJECT`` in a pseudo-terminal.

No Pilot: the bench starts the app as a process on a pty of 120×40, writes the bytes a key
sends, and times until the screen output has been quiet for a while (the latency is the time
of the last byte written before the quiet, so the quiet itself is not counted). Measured:

- process start → settled first screen, the median of three starts (target <= 1,000 ms)
- on (a) a 1 MB report of ~8,700 lines with ~13,000 segments, after 100 PageDowns so the
  cursor is deep in the document, and (b) a 100 KB document that is one long line:
  PageDown, Down, ``s`` (sentence), a digit (code it), ``n`` (next segment), ``u`` (undo),
  each p95 <= 50 ms
- opening Suggestions with 20,000 pending (target <= 300 ms)

The floor is a minimal Textual app in the same harness, importing SQLAlchemy as qcode does,
that repaints one line per key: what any program on this stack costs to start and to answer a
key on this machine.

    python bench/tui_bench.py [--quick]
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import pty
import random
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CODEBOOK = REPO / "codebooks" / "trafficking-cooperation.yaml"
KEYS = {
    "pagedown": b"\x1b[6~",
    "pageup": b"\x1b[5~",
    "down": b"\x1b[B",
    "ctrl+end": b"\x1b[1;5F",
    "escape": b"\x1b",
}
QUIET_S = 0.25
FLOOR_APP = """
import sqlalchemy, sqlalchemy.orm  # the same stack qcode starts with
from textual.app import App
from textual.widgets import Static
class Floor(App):
    def compose(self):
        yield Static("0", id="n")
    def on_key(self, event):
        self.n = getattr(self, "n", 0) + 1
        self.query_one(Static).update(str(self.n))
        if event.key == "q":
            self.exit()
Floor().run()
"""

WORDS = (
    "kerja sama koordinasi pemerintah legitimasi hambatan perdagangan orang korban gugus "
    "tugas the cooperation of agencies with NGOs shelters victims U.S. Department of State "
    "report recruitment online anggaran birokrasi"
).split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randrange(8, 22))).capitalize() + "."


def report_text(chars: int) -> str:
    """A long NGO-style report: short paragraphs of sentences, one paragraph a line."""
    rng = random.Random(7)
    lines, size = [], 0
    while size < chars:
        line = " ".join(sentence(rng) for _ in range(rng.randrange(1, 3)))
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)[:chars].rstrip() + "."


def one_line(chars: int) -> str:
    rng = random.Random(9)
    parts, size = [], 0
    while size < chars:
        parts.append(sentence(rng))
        size += len(parts[-1]) + 1
    return " ".join(parts)[:chars].rstrip() + "."


def seed_segments(project, count: int) -> None:
    from sqlalchemy import select as sql_select

    from qcode.store.bulk import insert_rows
    from qcode.store.events import coder_id
    from qcode.store.models import CodeRow, Document, Segment

    rng = random.Random(11)
    now = dt.datetime.now(dt.UTC)
    with project.writing() as session:
        who = coder_id(session, "other")
        doc_id, length = session.execute(sql_select(Document.id, Document.char_count)).first()
        codes = list(session.scalars(sql_select(CodeRow.id).where(CodeRow.codable)))
        rows = []
        for _ in range(count):
            start = rng.randrange(0, length - 200)
            end = start + rng.randrange(5, 200)
            rows.append((doc_id, rng.choice(codes), who, start, end, "", "manual", now, now))
        columns = ("document_id", "code_id", "coder_id", "start_offset", "end_offset", "memo",
                   "origin", "created_at", "updated_at")
        insert_rows(session, Segment.__table__, columns, rows)


def seed_suggestions(project, count: int) -> None:
    from sqlalchemy import select as sql_select

    from qcode.store.bulk import insert_rows
    from qcode.store.models import CodeRow, Document, Suggestion

    rng = random.Random(13)
    now = dt.datetime.now(dt.UTC)
    with project.writing() as session:
        doc_id, length = session.execute(sql_select(Document.id, Document.char_count)).first()
        codes = list(session.scalars(sql_select(CodeRow.id).where(CodeRow.codable)))
        rows, seen = [], set()
        while len(rows) < count:
            start = rng.randrange(0, length - 200)
            code = rng.choice(codes)
            if (code, start) in seen:
                continue
            seen.add((code, start))
            rows.append((doc_id, code, start, start + 120, 90.0, "kerja sama",
                         "kerja sama", "pending", now))
        columns = ("document_id", "code_id", "start_offset", "end_offset", "score", "keyword",
                   "matched", "status", "created_at")
        insert_rows(session, Suggestion.__table__, columns, rows)


def build(folder: Path, name: str, text: str, segments: int, suggestions: int) -> Path:
    from qcode.services.codebooks import load_codebook
    from qcode.services.importing import import_paths
    from qcode.services.projects import init_project

    source = folder / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    path = folder / f"{name}.qcode"
    project = init_project(path)
    import_paths(project, [source], coder="bench")
    load_codebook(project, CODEBOOK, coder="bench")
    if segments:
        seed_segments(project, segments)
    if suggestions:
        seed_suggestions(project, suggestions)
    project.close()
    return path


class Terminal:
    """A program on a pseudo-terminal of 120×40, read until its output settles."""

    def __init__(self, argv: list[str], cwd: Path) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the program itself
            os.chdir(cwd)
            os.environ.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
            os.execv(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.output = bytearray()

    def settle(self, began: float, quiet: float = QUIET_S, limit: float = 300.0) -> float:
        """Milliseconds from ``began`` to the last output before ``quiet`` seconds of none."""
        last = None
        while True:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            now = time.perf_counter()
            if not ready:
                if last is not None or now - began > limit:
                    return ((last or now) - began) * 1000
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return ((last or now) - began) * 1000
            self.output += chunk[-4096:]
            last = now

    def key(self, data: bytes) -> float:
        began = time.perf_counter()
        os.write(self.fd, data)
        return self.settle(began)

    def close(self) -> None:
        os.kill(self.pid, signal.SIGTERM)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def first_screen(argv: list[str], cwd: Path, runs: int = 3) -> float:
    """Median of ``runs`` starts: process start to the settled first screen."""
    times = []
    for _ in range(runs):
        term = Terminal(argv, cwd)
        times.append(term.settle(term.started, quiet=1.0, limit=120))
        term.close()
    return statistics.median(times)


def measure_document(path: Path, deep: int, repeat: int) -> dict[str, float]:
    qcode = [sys.executable, "-m", "qcode", str(path)]
    first = first_screen(qcode, REPO)
    term = Terminal(qcode, REPO)
    term.settle(term.started, quiet=1.0, limit=120)
    figures: dict[str, list[float]] = {k: [] for k in ("pagedown", "down", "s", "digit", "n",
                                                         "u")}
    for _ in range(deep):
        figures["pagedown"].append(term.key(KEYS["pagedown"]))
    for _ in range(repeat):
        figures["down"].append(term.key(KEYS["down"]))
        figures["s"].append(term.key(b"s"))
        figures["digit"].append(term.key(b"3"))
        figures["n"].append(term.key(b"n"))
        figures["u"].append(term.key(b"u"))
        term.key(KEYS["pagedown"])
    term.close()
    result = {"first_paint_ms": first}
    for name, values in figures.items():
        result[f"{name}_p95_ms"] = p95(values)
        result[f"{name}_median_ms"] = statistics.median(values)
    return result


def measure_suggestions(path: Path, repeat: int) -> float:
    term = Terminal([sys.executable, "-m", "qcode", str(path)], REPO)
    term.settle(term.started, quiet=1.0, limit=120)
    times = []
    for _ in range(repeat):
        times.append(term.key(b"a"))
        term.key(KEYS["escape"])
    term.close()
    return statistics.median(times)


def measure_floor(folder: Path, repeat: int) -> tuple[float, float]:
    """(first screen, key p95) of the minimal app."""
    script = folder / "floor.py"
    script.write_text(FLOOR_APP)
    first = first_screen([sys.executable, str(script)], folder)
    term = Terminal([sys.executable, str(script)], folder)
    term.settle(term.started, quiet=1.0, limit=60)
    times = [term.key(b"x") for _ in range(repeat)]
    term.close()
    return first, p95(times)


def startup_ms() -> float:
    times = []
    for _ in range(5):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "qcode", "--version"], check=True,
                       capture_output=True)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    quick = "--quick" in sys.argv
    repeat = 8 if quick else 20
    with tempfile.TemporaryDirectory(prefix="qcode-tui-bench-") as scratch:
        folder = Path(scratch)
        began = time.perf_counter()
        report = build(folder, "report", report_text(1_000_000), 13_000, 20_000)
        line = build(folder, "line", one_line(100_000), 1_000, 0)
        print(f"built the projects in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        floor_first, floor = measure_floor(folder, repeat)
        long_report = measure_document(report, deep=30 if quick else 100, repeat=repeat)
        single_line = measure_document(line, deep=10, repeat=repeat)
        suggestions = measure_suggestions(report, 3 if quick else 5)
    startup = startup_ms()

    rows = [
        ("floor: a minimal Textual app, first screen", floor_first, None),
        ("floor: a minimal Textual app, key p95", floor, None),
    ]
    for label, figures in (("1 MB report", long_report), ("100 KB line", single_line)):
        rows.append((f"{label}: first screen", figures["first_paint_ms"], 1000))
        for key in ("pagedown", "down", "s", "digit", "n", "u"):
            rows.append((f"{label}: {key} p95 (median {figures[key + '_median_ms']:.0f})",
                         figures[f"{key}_p95_ms"], 50))
    rows.append(("open Suggestions, 20,000 pending", suggestions, 300))
    rows.append(("qcode --version", startup, 200))
    for label, value, target in rows:
        verdict = "" if target is None else ("met" if value <= target else "MISSED")
        limit = "" if target is None else f"target <= {target} ms"
        print(f"{label:48} {value:8.1f} ms  {limit:18} {verdict}")
    worst = max(long_report[f"{k}_p95_ms"] for k in ("pagedown", "down", "s", "digit", "n", "u"))
    line_worst = max(single_line[f"{k}_p95_ms"] for k in ("pagedown", "down", "s", "digit", "n",
                                                          "u"))
    print(json.dumps({
        "bench": "tui",
        "first_paint_ms": round(long_report["first_paint_ms"], 1),
        "key_p95_ms": {k: round(long_report[f"{k}_p95_ms"], 1)
                       for k in ("pagedown", "down", "s", "digit", "n", "u")},
        "line_key_p95_ms": {k: round(single_line[f"{k}_p95_ms"], 1)
                            for k in ("pagedown", "down", "s", "digit", "n", "u")},
        "line_first_paint_ms": round(single_line["first_paint_ms"], 1),
        "suggestions_open_ms": round(suggestions, 1),
        "floor_key_p95_ms": round(floor, 1),
        "floor_first_paint_ms": round(floor_first, 1),
        "ratio": round(max(worst, line_worst) / floor, 2) if floor else None,
        "startup_ms": round(startup, 1),
    }))


if __name__ == "__main__":
    main()
