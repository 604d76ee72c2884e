"""Auto-coding speed against an exact-lookup floor, plus search, bulk coding and learning times.

Builds the 10,000-abstract corpus of the import benchmark in a fresh project with the
shipped codebook, then measures in one run:
- auto-coding at the default threshold (sentences, fuzzy keyword matching, negation,
  exclusions, storing suggestions with their reasons)
- the floor: each sentence's word 1-4-grams looked up in a set of the keywords (exact,
  lower case), plus a bare executemany insert of as many suggestion rows as auto-coding
  stored, into a table of the same columns in a SQLite file of its own. The sentences are
  split before the clock starts. The former floor, one compiled regular expression of all
  keywords, is printed beside it.
- a phrase search with keyword-in-context lines (target <= 50 ms)
- accepting 100,000 suggestions in bulk as one undoable step (target <= 5 s)
- learned suggestions: training on 5,000 coded passages and suggesting over every sentence
  of the corpus (target <= 30 s)

Targets: auto-coding <= 2.5x the floor.

    python bench/autocode_bench.py [--records N]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import generate, write_ris

REPO = Path(__file__).resolve().parent.parent
CODEBOOK = REPO / "codebooks" / "trafficking-cooperation.yaml"
TARGET_RATIO = 2.5
TARGET_LEARNED_S = 30.0
LEARNED_EXAMPLES = 5000
TARGET_SEARCH_MS = 50.0
TARGET_BULK_S = 5.0
BULK = 100_000


_WORDS = re.compile(r"\w+")


def lookup_floor(spans, keywords: set[str]) -> tuple[float, int]:
    """Seconds to look up every sentence's word 1-4-grams in ``keywords``, and the hits."""
    started = time.perf_counter()
    hits = 0
    for text, units in spans:
        lowered = text.lower()
        for unit in units:
            words = _WORDS.findall(lowered, unit.start, unit.end)
            for size in (1, 2, 3, 4):
                for first in range(len(words) - size + 1):
                    if " ".join(words[first : first + size]) in keywords:
                        hits += 1
    return time.perf_counter() - started, hits


def insert_floor(folder: Path, rows: int) -> float:
    """Seconds for a bare executemany of ``rows`` suggestion-shaped rows, one transaction."""
    import sqlite3

    connection = sqlite3.connect(folder / "floor.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute(
        "CREATE TABLE suggestions (id INTEGER PRIMARY KEY, document_id INTEGER, code_id INTEGER,"
        " start_offset INTEGER, end_offset INTEGER, score REAL, keyword TEXT, matched TEXT,"
        " status TEXT, created_at TEXT, source TEXT, reason TEXT)"
    )
    connection.execute(
        "CREATE UNIQUE INDEX ix_span ON suggestions (document_id, code_id, start_offset, "
        "end_offset)"
    )
    data = [
        (n // 20, n % 20, n, n + 80, 100.0, "kerja sama", "kerja sama", "pending",
         "2026-12-06 00:00:00", "keyword", "keyword “kerja sama”")
        for n in range(rows)
    ]  # fmt: skip
    started = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO suggestions (document_id, code_id, start_offset, end_offset, score, "
        "keyword, matched, status, created_at, source, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        data,
    )
    connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return seconds


def learning_run(project, texts: list[str], codebook) -> tuple[float, int, int]:
    """Seconds to train on LEARNED_EXAMPLES coded passages and suggest over every sentence:
    the passages are the first sentences auto-coding suggested, coded with their codes."""
    from sqlalchemy import select

    from qcode.core.learning import CodeModels, Examples
    from qcode.core.segmenter import sentences
    from qcode.store.models import CodeRow, Document, Suggestion

    with project.reading() as session:
        rows = session.execute(
            select(Suggestion.document_id, Suggestion.code_id, Suggestion.start_offset,
                   Suggestion.end_offset)
            .order_by(Suggestion.id)
            .limit(LEARNED_EXAMPLES)
        ).all()  # fmt: skip
        by_id = dict(session.execute(select(Document.id, Document.text)).all())
        guid_of = dict(session.execute(select(CodeRow.id, CodeRow.guid)).all())
    started = time.perf_counter()
    examples = {c.guid: Examples(c.guid) for c in codebook.codes}
    for doc, code, start, end in rows:
        passage = by_id[doc][start:end]
        for guid, found in examples.items():
            (found.positive if guid == guid_of[code] else found.negative).append(passage)
    models = CodeModels(examples.values())
    proposed = 0
    for first in range(0, len(texts), 200):
        batch = [
            text[unit.start : unit.end]
            for text in texts[first : first + 200]
            for unit in sentences(text)
        ]
        proposed += sum(len(found) for found in models.propose(batch))
    return time.perf_counter() - started, len(models.codes), proposed


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()

    from sqlalchemy import select

    from qcode.core.segmenter import sentences
    from qcode.io.codebook_yaml import read_codebook_yaml
    from qcode.services.autocoding import autocode
    from qcode.services.codebooks import load_codebook
    from qcode.services.importing import import_paths
    from qcode.services.projects import init_project
    from qcode.services.search import search
    from qcode.services.suggestion_decisions import accept
    from qcode.services.undo import undo
    from qcode.store.models import Document, Suggestion

    with tempfile.TemporaryDirectory(prefix="qcode-bench-") as scratch:
        folder = Path(scratch)
        write_ris(generate(args.records), folder / "corpus.ris")
        project = init_project(folder / "bench.qcode")
        import_paths(project, [folder / "corpus.ris"], coder="bench")
        load_codebook(project, CODEBOOK, coder="bench")

        codebook, _ = read_codebook_yaml(CODEBOOK)
        keywords = sorted(
            {k for c in codebook.codes for k in c.all_keywords()}, key=len, reverse=True
        )
        floor_pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(k) for k in keywords) + r")\b", re.IGNORECASE
        )
        with project.reading() as session:
            texts = [t for (t,) in session.execute(select(Document.text))]
        started = time.perf_counter()
        spans = [(text, sentences(text)) for text in texts]
        split_seconds = time.perf_counter() - started
        sentence_count = sum(len(units) for _, units in spans)
        started = time.perf_counter()
        regex_hits = 0
        for text, units in spans:
            for unit in units:
                regex_hits += sum(1 for _ in floor_pattern.finditer(text, unit.start, unit.end))
        regex_seconds = time.perf_counter() - started
        lookup_seconds, floor_hits = lookup_floor(spans, {k.lower() for k in keywords})
        del spans

        started = time.perf_counter()
        report = autocode(project, coder="bench")
        seconds = time.perf_counter() - started
        insert_seconds = insert_floor(folder, report.added)
        floor_seconds = lookup_seconds + insert_seconds
        learned_seconds, learned_codes, learned_found = learning_run(project, texts, codebook)
        del texts

        search_times = []
        for _ in range(21):
            started = time.perf_counter()
            result = search(project, '"kerja sama"', limit=50)
            search_times.append((time.perf_counter() - started) * 1000)
        search_ms = statistics.median(search_times)

        with project.reading() as session:
            ids = list(session.scalars(select(Suggestion.id).order_by(Suggestion.id).limit(BULK)))
        started = time.perf_counter()
        accepted = accept(project, ids, coder="bench")
        bulk_seconds = time.perf_counter() - started
        started = time.perf_counter()
        undo(project, coder="bench")
        undo_seconds = time.perf_counter() - started
        project.close()

    ratio = seconds / floor_seconds
    print(
        f"corpus: {args.records} abstracts, {sentence_count} sentences (split in "
        f"{split_seconds:.2f} s); {report.keywords} keywords of {report.codes} codes"
    )
    print(f"{'':36}{'seconds':>10}{'found':>10}")
    print(f"{'auto-coding (fuzzy, stored)':36}{seconds:>10.2f}{report.found:>10}")
    print(f"{'floor: n-gram set lookup':36}{lookup_seconds:>10.2f}{floor_hits:>10}")
    print(f"{'floor: bare executemany insert':36}{insert_seconds:>10.2f}{report.added:>10}")
    print(f"{'floor in all':36}{floor_seconds:>10.2f}")
    print(f"{'former floor (one exact regex)':36}{regex_seconds:>10.2f}{regex_hits:>10}")
    print(
        f"ratio {ratio:.2f}x the floor (target <= {TARGET_RATIO}x; "
        f"{seconds / regex_seconds:.2f}x the regex); peak memory of the whole run "
        f"{peak_mb():.0f} MB"
    )
    print(
        f"learned: training on {LEARNED_EXAMPLES} coded passages ({learned_codes} codes) and "
        f"suggesting over {sentence_count} sentences: {learned_seconds:.1f} s, "
        f"{learned_found} proposals (target <= {TARGET_LEARNED_S:.0f} s)"
    )
    print(
        f"search '\"kerja sama\"': median {search_ms:.1f} ms over 21 runs, {result.total} hits "
        f"(target <= {TARGET_SEARCH_MS:.0f} ms)"
    )
    print(
        f"accepting {accepted} suggestions in bulk: {bulk_seconds:.2f} s "
        f"(target <= {TARGET_BULK_S:.0f} s); undoing that step: {undo_seconds:.2f} s"
    )
    print(
        json.dumps(
            {
                "bench": "autocode",
                "records": args.records,
                "seconds": round(seconds, 3),
                "floor_seconds": round(floor_seconds, 3),
                "floor_lookup_seconds": round(lookup_seconds, 3),
                "floor_insert_seconds": round(insert_seconds, 3),
                "regex_floor_seconds": round(regex_seconds, 3),
                "ratio": round(ratio, 2),
                "learned_seconds": round(learned_seconds, 2),
                "target_learned_seconds": TARGET_LEARNED_S,
                "target_ratio": TARGET_RATIO,
                "peak_mb": round(peak_mb(), 1),
                "suggestions": report.added,
                "search_ms": round(search_ms, 1),
                "bulk_accept": accepted,
                "bulk_seconds": round(bulk_seconds, 2),
                "bulk_undo_seconds": round(undo_seconds, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
