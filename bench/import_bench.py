"""Import speed and memory: 10,000 RIS records against a bare sqlite3 floor.

Generates a deterministic RIS file (10,000 records, ~1,500-character abstracts in Indonesian
and English), imports it with qcode into a fresh project, and in the same run measures the
floor: the same document and attribute rows inserted with plain ``sqlite3.executemany`` in one
transaction into a fresh project of the same schema. Each side runs in its own process so its
memory growth is its own.

Target: import <= 2.5x the floor, under 60 MB of memory growth.

    python bench/import_bench.py [--records N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

TARGET_RATIO = 2.5
TARGET_MB = 60.0
SEED = 20261122

ID_WORDS = (
    "kerja sama pemerintah organisasi internasional perdagangan orang korban perlindungan "
    "koordinasi lembaga daerah pusat kebijakan hambatan legitimasi akses penelitian ini "
    "menunjukkan bahwa yang dan di dalam untuk dengan pada tidak oleh sebagai juga akan "
    "tetapi namun sehingga karena terhadap antara perekrutan daring media sosial tumpang "
    "tindih tanggung jawab respons lamban anggaran pejabat gugus tugas pemulangan"
).split()
EN_WORDS = (
    "cooperation government international organisations trafficking victims protection "
    "coordination agencies local national policy obstacles legitimacy access this study "
    "shows that the and of in to for with on not by as also will however while because "
    "between recruitment online social media overlapping responsibilities slow response "
    "budget officials task force return shelters permits partners"
).split()


def synthetic_vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = "ba ka ta ra sa ma na la pa da ga ja wa ya ri ku se mo tu ne".split()
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def generate(records: int) -> list[dict]:
    """Deterministic reference data: what each RIS record holds."""
    rng = random.Random(SEED)
    rare = synthetic_vocabulary(rng, 6000)
    weights = [1 / (rank + 1) for rank in range(len(rare))]
    data = []
    for n in range(records):
        indonesian = n % 2 == 0
        common = ID_WORDS if indonesian else EN_WORDS
        title_words = rng.choices(rare, weights, k=4) + rng.sample(common, 5)
        rng.shuffle(title_words)
        sentences = []
        length = 0
        while length < 1500:
            words = rng.choices(common, k=rng.randint(12, 22)) + rng.choices(rare, weights, k=2)
            rng.shuffle(words)
            sentence = " ".join(words).capitalize() + "."
            sentences.append(sentence)
            length += len(sentence) + 1
        data.append(
            {
                "title": " ".join(title_words).capitalize() + f" {n}",
                "abstract": " ".join(sentences),
                "authors": [f"Author{n % 997}, A.", f"Writer{n % 389}, B."],
                "year": 2009 + n % 16,
                "journal": f"Journal of Studies {n % 40}",
                "doi": f"10.5555/bench.{n}",
                "keywords": rng.sample(common, 3),
                "country": ("Indonesia", "Thailand", "Philippines", "Vietnam")[n % 4],
            }
        )
    return data


def write_ris(data: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for item in data:
            out.write("TY  - JOUR\n")
            for author in item["authors"]:
                out.write(f"AU  - {author}\n")
            out.write(f"PY  - {item['year']}\nTI  - {item['title']}\nJO  - {item['journal']}\n")
            out.write(f"AB  - {item['abstract']}\n")
            for keyword in item["keywords"]:
                out.write(f"KW  - {keyword}\n")
            out.write(f"N1  - Country: {item['country']}\nDO  - {item['doi']}\nER  - \n\n")


def floor_rows(data: list[dict]) -> tuple[list[tuple], list[tuple]]:
    now = dt.datetime.now(dt.UTC).isoformat()
    documents = []
    attributes = []
    for doc_id, item in enumerate(data, start=1):
        text = item["abstract"]
        documents.append(
            (
                doc_id,
                str(uuid.uuid4()),
                item["title"],
                text,
                len(text),
                hashlib.sha256(text.encode()).hexdigest(),
                "bench.ris",
                "ris",
                "en",
                "metadata",
                now,
            )
        )
        values = [("author", a) for a in item["authors"]]
        values += [("title", item["title"]), ("journal", item["journal"]), ("doi", item["doi"])]
        values += [("keyword", k) for k in item["keywords"]] + [("country", item["country"])]
        position: dict[str, int] = {}
        for name, value in values:
            attributes.append((doc_id, name, position.get(name, 0), "text", value, None))
            position[name] = position.get(name, 0) + 1
        attributes.append((doc_id, "year", 0, "number", None, float(item["year"])))
    return documents, attributes


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000


def run_import(ris: Path, project_path: Path) -> dict:
    from qcode.services.importing import import_paths
    from qcode.services.projects import init_project

    project = init_project(project_path)
    baseline = rss_mb()
    started = time.perf_counter()
    report = import_paths(project, [ris], coder="bench")
    seconds = time.perf_counter() - started
    project.close()
    return {
        "seconds": seconds,
        "imported": len(report.imported),
        "duplicates": len(report.duplicates),
        "growth_mb": peak_mb() - baseline,
    }


def run_floor(records: int, project_path: Path) -> dict:
    from qcode.services.projects import init_project

    init_project(project_path).close()
    data = generate(records)
    documents, attributes = floor_rows(data)
    del data
    baseline = rss_mb()
    connection = sqlite3.connect(project_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA foreign_keys=ON")
    started = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO documents (id, uuid, title, text, char_count, sha256, source_path,"
        " source_format, language, title_source, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        documents,
    )
    connection.executemany(
        "INSERT INTO document_attributes (document_id, name, position, value_type, text_value,"
        " number_value) VALUES (?,?,?,?,?,?)",
        attributes,
    )
    connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return {"seconds": seconds, "rows": len(documents), "growth_mb": peak_mb() - baseline}


def child(args: argparse.Namespace) -> None:
    if args.child == "import":
        result = run_import(Path(args.ris), Path(args.project))
    else:
        result = run_floor(args.records, Path(args.project))
    print(json.dumps(result))


def spawn(kind: str, records: int, ris: Path, project: Path) -> dict:
    output = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--records",
            str(records),
            "--ris",
            str(ris),
            "--project",
            str(project),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--child", choices=["import", "floor"])
    parser.add_argument("--ris")
    parser.add_argument("--project")
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    with tempfile.TemporaryDirectory(prefix="qcode-bench-") as scratch:
        folder = Path(scratch)
        ris = folder / "bench.ris"
        write_ris(generate(args.records), ris)
        size_mb = ris.stat().st_size / 1e6
        imported = spawn("import", args.records, ris, folder / "imported.qcode")
        floor = spawn("floor", args.records, ris, folder / "floor.qcode")
    ratio = imported["seconds"] / floor["seconds"]
    print(f"RIS file: {args.records} records, {size_mb:.1f} MB")
    print(f"{'':22}{'seconds':>10}{'memory growth MB':>20}")
    print(f"{'qcode import':22}{imported['seconds']:>10.3f}{imported['growth_mb']:>20.1f}")
    print(f"{'floor (executemany)':22}{floor['seconds']:>10.3f}{floor['growth_mb']:>20.1f}")
    print(
        f"ratio {ratio:.2f}x (target <= {TARGET_RATIO}x); memory growth "
        f"{imported['growth_mb']:.1f} MB (target < {TARGET_MB:.0f} MB); "
        f"imported {imported['imported']}, duplicates {imported['duplicates']}"
    )
    print(
        json.dumps(
            {
                "bench": "import",
                "records": args.records,
                "seconds": round(imported["seconds"], 3),
                "floor_seconds": round(floor["seconds"], 3),
                "ratio": round(ratio, 2),
                "target_ratio": TARGET_RATIO,
                "peak_mb": round(imported["growth_mb"], 1),
                "target_mb": TARGET_MB,
            }
        )
    )


if __name__ == "__main__":
    main()
