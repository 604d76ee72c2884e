"""Auto-coding speed against an exact-match regex floor, plus search and bulk coding times.

Builds the 10,000-abstract corpus of the import benchmark in a fresh project with the
shipped codebook, then measures in one run:
- auto-coding at the default threshold (sentences, fuzzy keyword matching, storing suggestions)
- the floor: one compiled regular expression of all keywords, exact and case-insensitive, over
  the same sentences
- a phrase search with keyword-in-context lines (target <= 50 ms)
- accepting 100,000 suggestions in bulk as one undoable step (target <= 5 s)

Targets: auto-coding <= 3x the floor.

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
TARGET_RATIO = 3.0
TARGET_SEARCH_MS = 50.0
TARGET_BULK_S = 5.0
BULK = 100_000


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
        spans = [(text, sentences(text)) for text in texts]
        started = time.perf_counter()
        floor_hits = 0
        for text, units in spans:
            for unit in units:
                floor_hits += sum(1 for _ in floor_pattern.finditer(text, unit.start, unit.end))
        floor_seconds = time.perf_counter() - started
        del spans, texts

        started = time.perf_counter()
        report = autocode(project, coder="bench")
        seconds = time.perf_counter() - started

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
    print(f"corpus: {args.records} abstracts; {report.keywords} keywords of {report.codes} codes")
    print(f"{'':30}{'seconds':>10}{'found':>10}")
    print(f"{'auto-coding (fuzzy, stored)':30}{seconds:>10.2f}{report.found:>10}")
    print(f"{'floor (one exact regex)':30}{floor_seconds:>10.2f}{floor_hits:>10}")
    print(
        f"ratio {ratio:.2f}x (target <= {TARGET_RATIO}x); peak memory of the whole run "
        f"{peak_mb():.0f} MB"
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
                "ratio": round(ratio, 2),
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
