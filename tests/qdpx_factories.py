"""Projects and REFI-QDA files for the .qdpx tests: as qcode keeps them, as NVivo writes them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from sqlalchemy import select

from qcode.services.codebooks import load_codebook
from qcode.services.coding import code_span
from qcode.services.documents import set_attribute
from qcode.services.importing import import_paths
from qcode.services.memos import set_memo
from qcode.services.settings import configure
from qcode.store.codebooks import read_codebook
from qcode.store.models import Coder, CodeRow, Document, DocumentAttribute, Memo, Segment
from qcode.store.project import Project
from tests.codebook_factories import SHIPPED

ABSTRACT = (
    "Kerja sama antara IOM dan pemerintah 🙂 sering terhambat oleh birokrasi.\n"
    "Organisasi itu diakui sebagai mitra resmi; café, naïve résumé, Ñusa.\n"
    "The U.S. report notes weak coordination between agencies."
)
CRLF_SOURCE = "Rapat koordinasi 👩‍👩‍👧 jarang diadakan.\r\nLegitimacy was granted in 2019.\r\n"


def coded_exchange_project(project: Project, folder: Path) -> Project:
    """Two documents (one from a CRLF file), the shipped codebook, two coders' segments with
    memos, memos on the project, a document and a code, typed attributes and a description."""
    (folder / "abstract.txt").write_text(ABSTRACT, encoding="utf-8")
    (folder / "windows.txt").write_bytes(CRLF_SOURCE.encode("utf-8"))
    import_paths(project, [folder / "abstract.txt", folder / "windows.txt"], coder="ayu")
    load_codebook(project, SHIPPED, coder="ayu")
    with project.reading() as session:
        texts = dict(session.execute(select(Document.title, Document.text)).all())
    first, second = texts["abstract"], texts["windows"]
    spans = [
        ("abstract", first, "Obstacles", "terhambat oleh birokrasi", "ayu", "slow permits"),
        ("abstract", first, "Legitimacy", "diakui sebagai mitra resmi", "budi", ""),
        ("abstract", first, "Coordination complexity", "weak coordination", "ayu", ""),
        ("windows", second, "Coordination complexity", "jarang diadakan", "budi", "🙂 rare"),
        ("windows", second, "Legitimacy", "Legitimacy was granted", "ayu", ""),
    ]
    for title, text, code, words, coder, memo in spans:
        start = text.index(words)
        code_span(project, title, code, start, start + len(words), coder=coder, memo=memo)
    set_memo(project, "project", None, "Tinjauan literatur: kerja sama.", coder="ayu")
    set_memo(project, "document", "abstract", "Abstrak tesis; café.", coder="budi")
    set_memo(project, "code", "Legitimacy", "Pengakuan pemerintah.", coder="ayu")
    for expression in ("country=Indonesia", "year=2019", "score=2.5", "published=2020-05-01"):
        set_attribute(project, "abstract", expression, coder="ayu")
    set_attribute(project, "windows", "author=Ayu; Budi", coder="ayu")
    set_attribute(project, "windows", "year=2021", coder="ayu")
    configure(project, ["description=Kerja sama pemerintah dan LSM"], coder="ayu")
    return project


def snapshot(project: Project) -> dict:
    """What must survive a round trip, keyed by what other tools keep (uuids, GUIDs, names)."""
    with project.reading() as session:
        documents = {d.id: d for d in session.scalars(select(Document))}
        codes = {c.id: c.guid for c in session.scalars(select(CodeRow))}
        coders = dict(session.execute(select(Coder.id, Coder.name)).all())
        key = {
            "document": lambda i: documents[i].uuid,
            "code": lambda i: codes[i],
            "project": lambda i: "",
        }
        attributes: dict[str, list] = {}
        for a in session.scalars(select(DocumentAttribute).order_by(DocumentAttribute.position)):
            value = a.text_value if a.value_type == "text" else a.number_value or a.date_value
            attributes.setdefault(documents[a.document_id].uuid, []).append((a.name, value))
        codebook = read_codebook(session)
        return {
            "documents": sorted((d.uuid, d.title, d.text) for d in documents.values()),
            "codes": sorted(
                (
                    c.guid,
                    c.name,
                    c.parent,
                    c.colour,
                    c.description,
                    c.inclusion,
                    c.exclusion,
                    tuple(c.examples),
                    repr(c.keywords),
                    repr(c.exclude),
                    c.codable,
                )
                for c in codebook.codes
            ),
            "segments": sorted(
                (
                    documents[s.document_id].uuid,
                    codes[s.code_id],
                    coders[s.coder_id],
                    s.start_offset,
                    s.end_offset,
                    s.memo,
                )
                for s in session.scalars(select(Segment))
            ),
            "memos": sorted(
                (m.target_type, key[m.target_type](m.target_id), m.text, coders[m.coder_id])
                for m in session.scalars(select(Memo))
            ),
            "attributes": {k: sorted(v, key=str) for k, v in attributes.items()},
        }


NVIVO_TEXT = "\ufeffKerja sama 🙂 terhambat.\r\nMitra resmi 👍 diakui pemerintah.\r\nAkhir."
NVIVO_WORDS = ["terhambat", "Mitra resmi", "diakui pemerintah", "Akhir"]
OBSTACLES = "{198B3CCD-7B3F-40E1-BE32-62753E64BD3F}"
LEGITIMACY = "{A6F158EE-B9F0-44C3-AF74-057A12EF7739}"


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def nvivo_qdpx(path: Path) -> Path:
    """A project written the way NVivo writes: UTF-16 positions, CRLF counted as two, a BOM,
    the ``project:1:0`` namespace, braced upper-case GUIDs, ``Sources/``, ``<Name>.qde``."""
    body = NVIVO_TEXT[1:]
    selections = []
    for number, (word, code) in enumerate(
        zip(NVIVO_WORDS, [OBSTACLES, LEGITIMACY] * 2, strict=True)
    ):
        at = body.index(word)
        selections.append(
            f'<PlainTextSelection guid="{{0000000{number}-AAAA-4BBB-8CCC-DDDDDDDDDDDD}}" '
            f'startPosition="{_utf16(body, at)}" endPosition="{_utf16(body, at + len(word))}" '
            f'creatingUser="{{11111111-2222-4333-8444-555555555555}}">'
            f'<Coding guid="{{1000000{number}-AAAA-4BBB-8CCC-DDDDDDDDDDDD}}">'
            f'<CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
        )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1:0" name="Studi NVivo" origin="NVivo 14">'
        '<Users><User guid="{11111111-2222-4333-8444-555555555555}" name="Sari"/></Users>'
        f'<CodeBook><Codes><Code guid="{OBSTACLES}" name="Obstacles" isCodable="true" '
        f'color="#C03"/><Code guid="{LEGITIMACY}" name="Legitimacy" isCodable="true"/>'
        "</Codes></CodeBook><Sources>"
        '<TextSource guid="{ABCDEF01-2345-4678-9ABC-DEF012345678}" name="Wawancara 1" '
        'plainTextPath="internal://ABCDEF01-2345-4678-9ABC-DEF012345678.txt">'
        + "".join(selections)
        + "</TextSource></Sources></Project>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Studi NVivo.qde", qde.encode("utf-8"))
        archive.writestr(
            "Sources/ABCDEF01-2345-4678-9ABC-DEF012345678.txt", NVIVO_TEXT.encode("utf-8")
        )
    return path
