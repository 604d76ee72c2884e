"""A corpus of damaged files for every reader: sound seed files of each kind, written here,
and mutants of them made with a seeded random generator (bytes flipped, cut, repeated,
spliced with hostile fragments; the members of zip files damaged inside a sound zip)."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.factories import ABSTRACT_EN, ABSTRACT_ID, ris_record, write_docx, write_pdf

REPO = Path(__file__).resolve().parents[2]
SHIPPED_CODEBOOK = REPO / "codebooks" / "trafficking-cooperation.yaml"

# Fragments that have broken readers before, spliced into mutants.
HOSTILE = [
    b"\x00",
    b"\xff\xfe",
    b"\xe9",
    b"}",
    b"{",
    b"\r",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
    b"&a;",
    b"*anchor",
    b"&anchor [1, 2]",
    b"ER  - \n",
    b"TY  - JOUR\n",
    b"@article{",
    b'"',
    b"\n" * 50,
    "kerja sama — U.S. Café".encode(),
    b'=HYPERLINK("http://x")',
    b"\x1b[2J",
]

WOS = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Sari, D
AF Sari, Dewi
TI Kerja sama pemerintah dan organisasi internasional
SO JURNAL HUBUNGAN INTERNASIONAL
LA Indonesian
DT Article
AB {abstract}
PY 2021
DI 10.1234/jhi.2021.1
ER

PT J
AU Smith, J
TI Coordination obstacles against trafficking
SO JOURNAL OF SOUTHEAST ASIAN STUDIES
AB {english}
PY 2019
ER

EF
"""

BIB = """@article{{sari2021,
  title = {{Kerja sama pemerintah dan LSM}},
  author = {{Sari, Dewi and Lestari, Ayu}},
  journal = {{Jurnal Hubungan Internasional}},
  year = {{2021}},
  abstract = {{{abstract}}},
  country = {{Indonesia}}
}}

@inproceedings{{smith2019,
  title = {{Coordination obstacles}},
  author = {{Smith, John}},
  booktitle = {{Proceedings}},
  year = {{2019}},
  abstract = {{{english}}}
}}
"""


def _text(folder: Path) -> Path:
    path = folder / "laporan.txt"
    path.write_text(f"Laporan kerja sama\n\n{ABSTRACT_ID}\n\n{ABSTRACT_EN}\n", encoding="utf-8")
    return path


def _markdown(folder: Path) -> Path:
    path = folder / "catatan.md"
    path.write_text(f"# Catatan\n\n{ABSTRACT_ID}\n\n- {ABSTRACT_EN}\n", encoding="utf-8")
    return path


def _ris(folder: Path) -> Path:
    path = folder / "zotero.ris"
    records = [
        ris_record("Hambatan kerja sama", ABSTRACT_ID, country="Indonesia", doi="10.1/a"),
        ris_record("Coordination complexity", ABSTRACT_EN, keywords=["NGO", "trafficking"]),
    ]
    path.write_text("".join(records), encoding="utf-8")
    return path


def _wos(folder: Path) -> Path:
    path = folder / "savedrecs.txt"
    path.write_text(WOS.format(abstract=ABSTRACT_ID, english=ABSTRACT_EN), encoding="utf-8")
    return path


def _bib(folder: Path) -> Path:
    path = folder / "library.bib"
    path.write_text(BIB.format(abstract=ABSTRACT_ID, english=ABSTRACT_EN), encoding="utf-8")
    return path


def _csv(folder: Path) -> Path:
    path = folder / "sources.csv"
    path.write_text(
        "title,abstract,year,country\n"
        f'"Kerja sama","{ABSTRACT_ID}",2021,Indonesia\n'
        f'"Coordination","{ABSTRACT_EN}",2019,Thailand\n',
        encoding="utf-8",
    )
    return path


def _docx(folder: Path) -> Path:
    return write_docx(
        folder / "report.docx",
        [ABSTRACT_ID, ABSTRACT_EN],
        heading="Temuan",
        table=[["Mitra", "Peran"], ["IOM", "koordinasi"]],
    )


def _pdf(folder: Path) -> Path:
    return write_pdf(folder / "report.pdf", [ABSTRACT_ID, ABSTRACT_EN], title="Laporan")


def _yaml(folder: Path) -> Path:
    path = folder / "codebook.yaml"
    path.write_bytes(SHIPPED_CODEBOOK.read_bytes())
    return path


def _codebook_as(suffix: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        from qcode.io.codebook_files import write_codebook_file
        from qcode.io.codebook_yaml import read_codebook_yaml

        codebook, _ = read_codebook_yaml(SHIPPED_CODEBOOK)
        path = folder / f"codebook{suffix}"
        write_codebook_file(codebook, path)
        return path

    return write


# kind -> (seed writer, whether it is a source to import or a codebook to load)
SEEDS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "txt": (_text, "import"),
    "md": (_markdown, "import"),
    "ris": (_ris, "import"),
    "wos": (_wos, "import"),
    "bib": (_bib, "import"),
    "csv": (_csv, "import"),
    "docx": (_docx, "import"),
    "pdf": (_pdf, "import"),
    "codebook-yaml": (_yaml, "codebook"),
    "codebook-qdc": (_codebook_as(".qdc"), "codebook"),
    "codebook-csv": (_codebook_as(".csv"), "codebook"),
    "codebook-xlsx": (_codebook_as(".xlsx"), "codebook"),
}


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random damage to ``data``."""
    if not data:
        return rng.choice(HOSTILE)
    at = rng.randrange(len(data))
    choice = rng.randrange(7)
    if choice == 0:  # flip a few bytes
        buffer = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        return bytes(buffer)
    if choice == 1:  # cut short
        return data[:at]
    if choice == 2:  # a hostile fragment spliced in
        return data[:at] + rng.choice(HOSTILE) * rng.randint(1, 3) + data[at:]
    if choice == 3:  # a slice repeated many times (long lines, huge fields)
        piece = data[at : at + rng.randint(1, 200)]
        return data[:at] + piece * rng.randint(50, 2000) + data[at:]
    if choice == 4:  # a slice taken out
        return data[:at] + data[at + rng.randint(1, 500) :]
    if choice == 5:  # random bytes
        return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]
    return data[at:] + data[:at]  # rotated: the start is somewhere in the middle


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """A sound zip whose members are damaged, so that the XML inside is what fails."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    victims = set(rng.sample(names, k=min(len(names), rng.randint(1, 2))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            if name in victims and rng.random() < 0.2:
                continue  # a member left out
            content = source.read(name)
            archive.writestr(name, mutate(content, rng) if name in victims else content)
    return out.getvalue()


def corpus(folder: Path, per_kind: int, seed: int) -> list[tuple[str, str, Path]]:
    """(kind, action, path) for ``per_kind`` mutants of every kind's seed file."""
    rng = random.Random(seed)
    made: list[tuple[str, str, Path]] = []
    for kind, (write, action) in SEEDS.items():
        seeds = folder / "seeds" / kind
        seeds.mkdir(parents=True)
        original = write(seeds)
        data = original.read_bytes()
        out = folder / kind
        out.mkdir()
        for number in range(per_kind):
            if zipfile.is_zipfile(original) and number % 2 == 0:
                damaged = mutate_zip(data, rng)
            else:
                damaged = data
                for _ in range(rng.randint(1, 3)):
                    damaged = mutate(damaged, rng)
            path = out / f"{number:03d}-{original.name}"
            path.write_bytes(damaged)
            made.append((kind, action, path))
    return made
