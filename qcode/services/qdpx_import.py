"""Bringing a REFI-QDA project (``.qdpx``) into a qcode project: import and merge.

The file is read whole first (see :mod:`qcode.io.qdpx_read`). Anything that cannot be placed
stops it, naming file, source and selection, unless ``skip_bad``. What can be kept is written
into a scratch project exactly as qcode keeps it — sources as documents (their GUIDs as the
documents' uuids), codings as segments of their users, notes as memos, variables as
attributes — and that project is merged into the target with the merge's own rules (see
:mod:`qcode.services.merging`): one transaction, one undo step, and importing the same file
again adds nothing. Import brings the file's codebook in too; merge only when asked.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qcode.core.errors import InputFileError
from qcode.core.exchange import Exchange, Note
from qcode.core.language import detect_language
from qcode.core.records import DocumentRecord
from qcode.io.qdpx_read import QdpxContents, read_qdpx
from qcode.services.importing import Progress
from qcode.services.merging import MergeReport, merge_projects
from qcode.store.bulk import insert_rows
from qcode.store.codebooks import write_codebook
from qcode.store.documents import insert_documents
from qcode.store.events import coder_id
from qcode.store.location import resolve
from qcode.store.models import CodeRow, Memo, Segment
from qcode.store.project import Project
from qcode.store.settings import read_settings, write_setting

_SHOWN_PROBLEMS = 10


@dataclass
class QdpxImport:
    """What importing or merging a ``.qdpx`` did."""

    merge: MergeReport
    origin: str
    sources_read: int
    problems: list[str] = field(default_factory=list)  # left out with --skip-bad
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "origin": self.origin,
            "sources_read": self.sources_read,
            **self.merge.as_json(),
            "problems": self.problems,
            "skipped": self.skipped,
            "warnings": self.warnings,
        }


def import_qdpx(
    project: Project,
    path: Path,
    *,
    coder: str,
    offsets: str = "auto",
    skip_bad: bool = False,
    codebook: bool = True,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> QdpxImport:
    """Bring the project in ``path`` into ``project``; all of it, or (on a problem) nothing."""
    (found,) = merge_with_qdpx(
        project,
        [path],
        coder=coder,
        offsets=offsets,
        skip_bad=skip_bad,
        codebook=codebook,
        dry_run=dry_run,
        progress=progress,
    )
    assert isinstance(found, QdpxImport)
    return found


def merge_with_qdpx(
    project: Project,
    sources: Sequence[str | os.PathLike[str]],
    *,
    coder: str,
    offsets: str = "auto",
    skip_bad: bool = False,
    codebook: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> list[QdpxImport | MergeReport]:
    """``qcode merge`` with ``.qdpx`` sources among the projects: each file is read and
    staged first, then everything is merged in one transaction."""
    read: dict[int, QdpxContents] = {}
    for number, source in enumerate(sources):
        if is_qdpx(source):
            contents = read[number] = read_qdpx(Path(source), offsets, progress)
            if contents.problems and not skip_bad:
                raise InputFileError(str(source), _refusal(contents))
    described = [c.exchange.description for c in read.values() if c.exchange.description]

    def describe(session: Session) -> None:
        if described and not read_settings(session)["description"]:
            write_setting(session, "description", described[0])

    with tempfile.TemporaryDirectory(prefix="qcode-qdpx-") as folder:
        staged: list[str | os.PathLike[str]] = list(sources)
        for number, contents in read.items():
            staged[number] = Path(folder) / f"incoming-{number}.qcode"
            with Project.create(resolve(staged[number])) as scratch:
                _fill(scratch, contents.exchange, coder, Path(sources[number]))
        if progress is not None:
            progress(0, 0, "merging")
        reports = merge_projects(
            project,
            staged,
            coder=coder,
            dry_run=dry_run,
            codebook=codebook,
            labels=[str(s) if n in read else "" for n, s in enumerate(sources)],
            also=describe,
        )
    return [
        QdpxImport(
            report,
            read[n].exchange.origin,
            len(read[n].exchange.sources),
            read[n].problems,
            read[n].skipped,
            read[n].warnings,
        )
        if n in read
        else report
        for n, report in enumerate(reports)
    ]


def is_qdpx(reference: str | os.PathLike[str]) -> bool:
    return str(reference).lower().endswith(".qdpx")


def _refusal(contents: QdpxContents) -> str:
    problems = contents.problems
    shown = "; ".join(p.split(": ", 1)[-1] for p in problems[:_SHOWN_PROBLEMS])
    more = f" and {len(problems) - _SHOWN_PROBLEMS} more" if len(problems) > _SHOWN_PROBLEMS else ""
    return (
        f"{len(problems)} part(s) cannot be placed: {shown}{more}; nothing was imported "
        "(--skip-bad imports the rest and lists what was left out)"
    )


def _fill(scratch: Project, exchange: Exchange, coder: str, path: Path) -> None:
    """Write ``exchange`` into the empty scratch project as qcode keeps it."""
    with scratch.writing() as session:
        if exchange.codebook.codes:
            write_codebook(session, exchange.codebook)
        users = {guid: coder_id(session, name) for guid, name in exchange.users.items()}
        importer = coder_id(session, coder)
        records = [
            DocumentRecord(
                title=source.name,
                text=source.text,
                source_path=f"{path.name}:{source.name}",
                source_format="qdpx",
                language=detect_language(source.text),
                attributes=source.attributes,
                uuid=source.guid,
            )
            for source in exchange.sources
        ]
        ids = insert_documents(session, records, dt.datetime.now(dt.UTC))
        documents = {s.guid: i for s, i in zip(exchange.sources, ids, strict=True)}
        codes = dict(session.execute(select(CodeRow.guid, CodeRow.id)).all())
        selections = {c.guid for s in exchange.sources for c in s.codings}
        on_selection: dict[str, list[str]] = {}
        others = []
        for note in exchange.notes:  # a note on a selection is the memo of its segments
            if note.target in selections:
                on_selection.setdefault(note.target, []).append(note.text)
            else:
                others.append(note)
        _segments(session, exchange, documents, codes, users, importer, on_selection)
        _memos(session, others, documents, codes, users, importer)


def _segments(session, exchange, documents, codes, users, importer, on_selection) -> None:
    """Every coding as a segment (a repeat of the same span, code and coder once), in bulk."""
    seen: set[tuple] = set()
    rows = []
    for source in exchange.sources:
        document = documents[source.guid]
        for coding in source.codings:
            who = users.get(coding.user, importer)
            key = (document, coding.code, who, coding.start, coding.end)
            if key in seen:
                continue
            seen.add(key)
            memo = _joined([coding.memo, *on_selection.get(coding.guid, ())])
            rows.append(
                (document, codes[coding.code], who, coding.start, coding.end, memo, "imported")
            )
    now = dt.datetime.now(dt.UTC)
    insert_rows(
        session, Segment.__table__, _SEGMENT_COLUMNS, rows, {"created_at": now, "updated_at": now}
    )


_SEGMENT_COLUMNS = (
    "document_id",
    "code_id",
    "coder_id",
    "start_offset",
    "end_offset",
    "memo",
    "origin",
)


def _memos(session, notes: list[Note], documents, codes, users, importer) -> None:
    """Notes as memos; several notes on one thing become one memo, each under its name."""
    gathered: dict[tuple[str, int], list[Note]] = {}
    for note in notes:
        if note.target in documents:
            key = ("document", documents[note.target])
        elif note.target in codes:
            key = ("code", codes[note.target])
        else:  # the project, or a selection left out
            key = ("project", 0)
        gathered.setdefault(key, []).append(note)
    for (kind, ident), found in gathered.items():
        if len(found) == 1:
            text = found[0].text
        else:
            text = _joined([f"{n.name}\n{n.text}" if n.name else n.text for n in found])
        who = users.get(found[0].user, importer)
        session.add(Memo(target_type=kind, target_id=ident, text=text, coder_id=who))
    session.flush()


def _joined(parts: list[str]) -> str:
    return "\n\n".join(p.strip() for p in parts if p.strip())
