"""Agreement speed: every measure for every code, against the krippendorff package's α.

Builds, in bulk, a project of 10,000 generated abstracts (about ten sentences each), the
shipped codebook, and three coders with realistic overlapping coding: the first codes two to
five sentences of each abstract it reaches; the others code most of the same passages (some
with wider spans, some with a sibling code instead), miss some, add their own, and leave one
abstract in twenty uncoded (so they are missing there). Then, in one run:
- qcode: ``qcode agreement --unit sentence`` through its service — the coded spans read from
  the project, sentences cut, and for every code of the codebook percent agreement, Cohen's
  and Fleiss' κ, Brennan–Prediger, Gwet's AC1 with their standard errors and intervals, and
  Krippendorff's α with a 1,000-resample bootstrap interval;
- the floor: ``krippendorff.alpha`` (nominal) over the very same reliability matrices (built
  beforehand, not timed), α alone, no interval.

Targets: qcode <= 2x the floor and <= 5 s.

    python bench/agreement_bench.py [--records N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import generate, write_ris

REPO = Path(__file__).resolve().parent.parent
TARGET_RATIO = 2.0
TARGET_SECONDS = 5.0
CODERS = ("ayu", "budi", "citra")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000


def code_three(project) -> int:
    """Insert the three coders' segments; return how many."""
    from sqlalchemy import select

    from qcode.core.segmenter import sentences
    from qcode.store.bulk import insert_rows
    from qcode.store.events import coder_id
    from qcode.store.models import CodeRow, Document, Segment

    rng = random.Random(12)
    now = dt.datetime.now(dt.UTC)
    with project.writing() as session:
        codes = list(session.execute(select(CodeRow.id, CodeRow.parent_id)))
        leaves = [c for c, parent in codes if parent is not None]
        siblings = {c: [o for o, p in codes if p == parent and o != c] for c, parent in codes}
        who = [coder_id(session, name) for name in CODERS]
        rows = []
        for document, text in session.execute(select(Document.id, Document.text)):
            units = [(s.start, s.end) for s in sentences(text)]
            first = [
                (rng.choice(units), rng.choice(leaves))
                for _ in range(rng.randint(2, min(5, len(units))))
            ]
            for index, coder in enumerate(who):
                if index and rng.random() < 0.05:
                    continue  # this coder has not reached the document
                for (start, end), code in first:
                    roll = rng.random()
                    if index and roll < 0.12:
                        continue
                    if index and roll < 0.22 and siblings[code]:
                        code = rng.choice(siblings[code])
                    if index and 0.22 <= roll < 0.3:
                        end = min(len(text), end + 40)
                    rows.append((document, code, coder, start, end))
                if index and rng.random() < 0.3:
                    start, end = rng.choice(units)
                    rows.append((document, rng.choice(leaves), coder, start, end))
        insert_rows(
            session,
            Segment.__table__,
            ["document_id", "code_id", "coder_id", "start_offset", "end_offset"],
            list(dict.fromkeys(rows)),
            {"memo": "", "origin": "manual", "created_at": now, "updated_at": now},
        )
        return len(set(rows))


def matrices(project):
    """The per-code reliability matrices qcode builds, for the floor (coders × units)."""
    from qcode.core.agreement_units import CodedSpans, UnitTable, binary_variables, text_units
    from qcode.services.agreement import rolls_into
    from qcode.store.codebooks import read_codebook
    from qcode.store.coded_spans import code_ids, coded_spans, document_texts
    from qcode.store.events import find_coder

    with project.reading() as session:
        ids = [find_coder(session, name) for name in CODERS]
        column = {ident: i for i, ident in enumerate(ids)}
        rows = [(d, c, column[who], s, e) for d, c, who, s, e in coded_spans(session, ids)]
        spans = CodedSpans.from_rows(rows)
        codebook = read_codebook(session)
        codes = code_ids(session)
        texts = document_texts(session, sorted(set(spans.document.tolist())))
    units = {d: text_units(t, "sentence") for d, t in texts.items()}
    table = UnitTable(units, spans.present(), len(CODERS))
    variables = [codes[c.guid] for c in codebook.codes]
    found = binary_variables(table, spans, variables, rolls_into(codebook, codes))
    return found, len(table.spans)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()

    import krippendorff
    import numpy as np

    from qcode.services.agreement import AgreementRequest, agreement
    from qcode.services.codebooks import load_codebook
    from qcode.services.importing import import_paths
    from qcode.services.projects import init_project

    with tempfile.TemporaryDirectory(prefix="qcode-bench-") as scratch:
        folder = Path(scratch)
        write_ris(generate(args.records), folder / "corpus.ris")
        project = init_project(folder / "bench.qcode")
        import_paths(project, [folder / "corpus.ris"], coder="bench")
        load_codebook(project, REPO / "codebooks" / "trafficking-cooperation.yaml", coder="bench")
        segments = code_three(project)

        by_code, units = matrices(project)
        started = time.perf_counter()
        floor_alphas = []
        for values in by_code.values():
            data = values.T.astype(float)
            data[data < 0] = np.nan
            try:
                floor_alphas.append(krippendorff.alpha(reliability_data=data, value_domain=[0, 1]))
            except ValueError:  # one value only: the package refuses
                floor_alphas.append(None)
        floor_seconds = time.perf_counter() - started

        started = time.perf_counter()
        result = agreement(project, AgreementRequest(unit="sentence", resamples=1000))
        seconds = time.perf_counter() - started
        project.close()

    ours = [row.measures.krippendorff_alpha for row in result.rows]
    same = all(
        (a is None and (b is None or np.isnan(b))) or (a is not None and abs(a - b) < 1e-9)
        for a, b in zip(ours, floor_alphas, strict=True)
    )
    ratio = seconds / floor_seconds
    print(
        f"{args.records:,} abstracts, {units:,} sentences, {segments:,} segments, "
        f"{len(CODERS)} coders, {len(result.rows)} codes"
    )
    print(f"qcode agreement (all measures, α bootstrap 1,000): {seconds:8.3f} s")
    print(f"floor: krippendorff.alpha alone, same matrices:   {floor_seconds:8.3f} s")
    print(
        f"ratio {ratio:.2f} (target <= {TARGET_RATIO}); seconds target <= {TARGET_SECONDS}; "
        f"same α as the floor: {same}"
    )
    print(
        json.dumps(
            {
                "bench": "agreement",
                "seconds": round(seconds, 3),
                "floor_seconds": round(floor_seconds, 3),
                "ratio": round(ratio, 2),
                "target_ratio": TARGET_RATIO,
                "target_seconds": TARGET_SECONDS,
                "same_alpha": same,
                "peak_mb": round(peak_mb(), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
