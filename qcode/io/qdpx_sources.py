"""The sources and notes of a REFI-QDA project: their texts, selections, codings and memos.

A text comes from the project XML (``PlainTextContent``) or from a file in the zip named by
``plainTextPath`` (``internal://name.txt`` is looked up in ``sources/`` or ``Sources/``). A
PDF source is read through the text representation its tool exported with it, and a PDF or
Word file exported without one through qcode's own readers; pictures, audio and video are
listed as skipped. Each selection is placed in the stored text by
:class:`qcode.core.text_positions.PositionMap`, in the unit chosen for the project or, when
``auto`` chose wrong for a source (every selection fits only the other way), the other.
"""

from __future__ import annotations

import codecs
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from qcode.core.errors import InputFileError
from qcode.core.exchange import Coding, Note, Source
from qcode.core.guids import guid_or_none
from qcode.core.text import normalise
from qcode.core.text_positions import PositionMap, Unit
from qcode.io.docx_in import read_docx
from qcode.io.pdf_in import read_pdf
from qcode.io.qdc import local_name
from qcode.io.qdpx_values import Variables, read_values


class SourceReader:
    """Collects sources and notes element by element; what it could not place is listed."""

    def __init__(
        self, path: Path, members: dict[str, bytes], unit: Unit, fixed: bool, variables: Variables
    ) -> None:
        self.path = path
        self.variables = variables
        self.members = members
        self.unit = unit
        self.fixed = fixed
        self._lower = {name.lower(): name for name in members}
        self.sources: list[Source] = []
        self.problems: list[str] = []
        self.skipped: list[str] = []
        self.warnings: list[str] = []
        self.note_targets: dict[str, str] = {}  # note GUID → GUID of what it is about
        self._notes: list[Note] = []

    def read(self, element: ET.Element) -> None:
        kind = local_name(element.tag)
        name = unicodedata.normalize("NFC", (element.get("name") or "").strip())
        name = name or f"unnamed {kind}"
        if kind == "TextSource":
            plain = element.get("plainTextPath") or _child(element, "PlainTextContent") is not None
            rich = element.get("richTextPath") or ""
            if plain or not self._from_file(element, rich, name):
                self._text_source(element, element, name)
        elif kind == "PDFSource":
            representation = _child(element, "Representation")
            areas = sum(1 for c in element if local_name(c.tag) == "PDFSelection")
            if areas:
                self.skipped.append(
                    f"{name}: {areas} PDF area selection(s) (qcode codes text, not page areas)"
                )
            if representation is not None:
                self._text_source(representation, element, name)
            elif not self._from_file(element, element.get("path") or "", name):
                self.skipped.append(
                    f"{name}: a PDF exported without its text or its file; import the PDF itself"
                )
        else:
            what = kind.removesuffix("Source").lower() or "unknown"
            article = "an" if what[0] in "aeiou" else "a"
            self.skipped.append(f"{name}: {article} {what} source (qcode codes text only)")

    def read_notes(self, notes: ET.Element) -> None:
        for element in notes:
            if local_name(element.tag) != "Note":
                continue
            guid = guid_or_none(element.get("guid"))
            name = (element.get("name") or "").strip()
            raw = self._raw_text(element, f"note {name!r}")
            if guid is None or raw is None:
                continue
            text = normalise(raw)
            user = guid_or_none(element.get("creatingUser")) or ""
            self._notes.append(Note(guid, name, text, user))

    def notes(self) -> list[Note]:
        """Every note, with what it is about (the project when nothing refers to it)."""
        return [
            Note(n.guid, n.name, n.text, n.user, self.note_targets.get(n.guid, ""))
            for n in self._notes
        ]

    def _text_source(self, element: ET.Element, owner: ET.Element, name: str) -> None:
        guid = guid_or_none(owner.get("guid"))
        if guid is None:
            self.problems.append(f"{self.path}: source {name!r} has no valid GUID")
            return
        raw = self._raw_text(element, f"source {name!r}")
        if raw is None:
            return
        positions = PositionMap.of(raw)
        source = Source(guid, name, positions.text)
        selections = [c for c in element if local_name(c.tag) == "PlainTextSelection"]
        unit = self._unit_for(positions, selections, name)
        for selection in selections:
            self._selection(source, selection, positions, unit)
        holders = [element] if owner is element else [element, owner]
        for holder in holders:
            for child in holder:
                tag = local_name(child.tag)
                if tag == "Coding":  # a code applied to the whole source
                    self._coding(source, child, guid, 0, len(source.text), "", "")
                elif tag == "NoteRef":
                    self.refer(child, guid)
            source.attributes += read_values(holder, self.variables, self.warnings)
        self.sources.append(source)

    def _from_file(self, element: ET.Element, reference: str, name: str) -> bool:
        """A source whose text the archive lacks but whose file (PDF, Word) it holds: the
        text read as ``qcode import`` reads such files. Only a coding of the whole source can
        be kept: selections counted in the other tool's text would not land on its words."""
        member = self._member(reference)
        suffix = member.lower().rsplit(".", 1)[-1] if member else ""
        if member is None or suffix not in ("pdf", "docx"):
            return False
        if any(local_name(c.tag) == "PlainTextSelection" for c in element):
            self.problems.append(
                f"{self.path}: source {name!r}: its selections count in a plain text the "
                "archive does not hold"
            )
            return True
        with tempfile.TemporaryDirectory(prefix="qcode-qdpx-") as folder:
            copy = Path(folder) / f"source.{suffix}"
            with zipfile.ZipFile(self.path) as archive, archive.open(member) as stream:
                copy.write_bytes(stream.read())
            try:
                text = (read_pdf if suffix == "pdf" else read_docx)(copy).text
            except InputFileError as exc:
                self.problems.append(f"{self.path}: source {name!r}: {exc.problem}")
                return True
        self._text_source(_text_holder(text), element, name)
        return True

    def _selection(
        self, source: Source, selection: ET.Element, positions: PositionMap, unit: Unit
    ) -> None:
        guid = guid_or_none(selection.get("guid")) or "?"
        where = f"{self.path}: source {source.name!r}, selection {guid}"
        try:
            start = int(selection.get("startPosition") or "")
            end = int(selection.get("endPosition") or "")
        except ValueError:
            self.problems.append(f"{where}: start or end position is not a whole number")
            return
        placed = positions.place(start, end, unit)
        if isinstance(placed, str):
            self.problems.append(f"{where}: {placed}")
            return
        memo = (_child_text(selection, "Description") or "").strip()
        user = guid_or_none(selection.get("creatingUser")) or ""
        codings = [c for c in selection if local_name(c.tag) == "Coding"]
        for coding in codings:
            self._coding(source, coding, guid, *placed, memo, user)
        if not codings:
            self.skipped.append(f"{where}: a selection with no code (qcode keeps coded spans)")
        for child in selection:
            if local_name(child.tag) == "NoteRef":
                self.refer(child, guid)

    def _coding(
        self,
        source: Source,
        coding: ET.Element,
        selection: str,
        start: int,
        end: int,
        memo: str,
        user: str,
    ) -> None:
        reference = _child(coding, "CodeRef")
        code = guid_or_none(reference.get("targetGUID") if reference is not None else None)
        if code is None:
            self.problems.append(
                f"{self.path}: source {source.name!r}, selection {selection}: a coding names "
                "no valid code"
            )
            return
        who = guid_or_none(coding.get("creatingUser")) or user
        source.codings.append(Coding(selection, code, start, end, who, memo))

    def refer(self, reference: ET.Element, target: str) -> None:
        note = guid_or_none(reference.get("targetGUID"))
        if note is not None:
            self.note_targets.setdefault(note, target)

    def _unit_for(self, positions: PositionMap, selections: list[ET.Element], name: str) -> Unit:
        if self.fixed or not selections:
            return self.unit
        other = Unit.CODEPOINTS if self.unit is Unit.UTF16 else Unit.UTF16

        def fits(unit: Unit) -> bool:
            for s in selections:
                try:
                    placed = positions.place(
                        int(s.get("startPosition") or ""), int(s.get("endPosition") or ""), unit
                    )
                except ValueError:
                    return False
                if isinstance(placed, str):
                    return False
            return True

        if not fits(self.unit) and fits(other):
            self.warnings.append(
                f"source {name!r}: its positions fit the text only counted in {other.value}; "
                "read so"
            )
            return other
        return self.unit

    def _raw_text(self, element: ET.Element, what: str) -> str | None:
        content = _child(element, "PlainTextContent")
        if content is not None:
            return content.text or ""
        reference = (element.get("plainTextPath") or "").strip()
        if not reference:
            self.problems.append(f"{self.path}: {what} has neither text nor a text file")
            return None
        member = self._member(reference)
        if member is None:
            self.problems.append(
                f"{self.path}: {what}: its text file {reference} is missing from the archive"
            )
            return None
        return self._decoded(self.members[member], what, member)

    def _member(self, reference: str) -> str | None:
        """The zip member a ``plainTextPath`` names, whatever the folder's case."""
        tail = reference.split("://", 1)[-1].replace("\\", "/").lstrip("/")
        base = tail.rsplit("/", 1)[-1]
        for candidate in (f"sources/{tail}", tail, f"sources/{base}"):
            found = self._lower.get(candidate.lower())
            if found is not None:
                return found
        return None

    def _decoded(self, data: bytes, what: str, member: str) -> str | None:
        try:
            if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return data.decode("utf-16")
            return data.decode("utf-8-sig")  # the byte-order mark is never counted
        except UnicodeDecodeError as exc:
            self.problems.append(
                f"{self.path}: {what}: {member} is not UTF-8 (byte {exc.start}); "
                "REFI-QDA texts are UTF-8"
            )
            return None


def _text_holder(text: str) -> ET.Element:
    """An element holding ``text`` as ``PlainTextContent``, read as any text source."""
    holder = ET.Element("Representation")
    ET.SubElement(holder, "PlainTextContent").text = text
    return holder


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if local_name(child.tag) == name:
            return child
    return None


def _child_text(element: ET.Element, name: str) -> str | None:
    child = _child(element, name)
    return None if child is None else child.text

