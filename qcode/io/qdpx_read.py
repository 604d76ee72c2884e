"""Reading a REFI-QDA project (``.qdpx``) as other tools write it: leniently.

Accepted as real files come: the project file as ``project.qde`` or ``<Name>.qde``; source
folders ``sources/`` or ``Sources/``; texts inside the project (``PlainTextContent``) or in the
zip (``internal://…``); namespaces by local name (``project:1:0``); GUIDs in any case or in
braces; ``#RGB`` colours; a byte-order mark and ``\\r\\n`` line ends in source files. Positions
count code points, or UTF-16 units for NVivo (see :mod:`qcode.core.text_positions`).

The zip is checked as every other archive is (bombs, DOCTYPEs; see :mod:`qcode.io.archives`)
and members that climb out of the archive or are symbolic links are refused. What cannot be
placed (a missing text file, a selection outside its text, a picture) is listed, never
guessed: the caller decides whether that stops the import.
"""

from __future__ import annotations

import stat
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from qcode.core.codebook import Codebook
from qcode.core.errors import InputFileError
from qcode.core.exchange import Exchange
from qcode.core.guids import guid_or_none
from qcode.core.text_positions import Unit
from qcode.io.archives import unpack_checked
from qcode.io.codebook_files import check_limits
from qcode.io.qdc import local_name, read_codes
from qcode.io.qdpx_sources import SourceReader
from qcode.io.qdpx_values import Variables, read_cases, read_variables

KIND = "REFI-QDA project"
OFFSET_CHOICES = ("auto", "codepoints", "utf16")


@dataclass
class QdpxContents:
    """A project read from a ``.qdpx``, and what of it could not be kept."""

    exchange: Exchange
    problems: list[str] = field(default_factory=list)  # could not be placed: stops the import
    skipped: list[str] = field(default_factory=list)  # not text (pictures, audio): left out
    warnings: list[str] = field(default_factory=list)


def read_qdpx(
    path: Path, offsets: str = "auto", progress: Callable[[int, int, str], None] | None = None
) -> QdpxContents:
    """Everything in the project file at ``path`` that qcode can hold; ``progress(done,
    total, what)`` is told of each source read."""
    if offsets not in OFFSET_CHOICES:
        raise InputFileError(str(path), f"--offsets must be one of {', '.join(OFFSET_CHOICES)}")
    _refuse_escaping_members(path)
    members = unpack_checked(path, KIND, "", keep=_wanted)
    root = _project_root(path, members)
    origin = root.get("origin") or ""
    exchange = Exchange(name=(root.get("name") or path.stem).strip() or path.stem, origin=origin)
    contents = QdpxContents(exchange)
    unit = None if offsets == "auto" else Unit(offsets)
    chosen_unit = unit or (Unit.UTF16 if "nvivo" in origin.lower() else Unit.CODEPOINTS)
    variables: Variables = {}
    for element in (c for c in root if local_name(c.tag) == "Variables"):
        variables |= read_variables(element, exchange, contents.warnings)
    sources = SourceReader(path, members, chosen_unit, unit is not None, variables)
    for child in root:
        kind = local_name(child.tag)
        if kind == "Users":
            for user in child:
                guid = guid_or_none(user.get("guid"))
                if local_name(user.tag) == "User" and guid:
                    exchange.users[guid] = (user.get("name") or user.get("id") or guid).strip()
        elif kind == "CodeBook":
            for codes in child:
                if local_name(codes.tag) == "Codes":
                    found, problems = read_codes(codes, path)
                    for code in codes.iter():  # notes on codes
                        if local_name(code.tag) == "Code":
                            for ref in code:
                                if local_name(ref.tag) == "NoteRef":
                                    sources.refer(ref, guid_or_none(code.get("guid")) or "")
                    exchange.codebook = Codebook(title=exchange.name, codes=tuple(found))
                    contents.warnings += [p.message for p in problems]
        elif kind == "Sources":
            for number, element in enumerate(child):
                if progress is not None:
                    progress(number, len(child), element.get("name") or "")
                sources.read(element)
        elif kind == "Notes":
            sources.read_notes(child)
        elif kind == "Description":
            exchange.description = (child.text or "").strip()
        elif kind == "NoteRef":
            sources.refer(child, "")
        elif kind == "Sets" and len(child):
            contents.warnings.append(f"{len(child)} set(s) are not imported; qcode has no sets")
        elif kind in ("Links", "Graphs") and len(child):
            contents.warnings.append(f"{kind.lower()} are not imported; qcode has none")
    for case in (c for c in root if local_name(c.tag) == "Cases"):
        read_cases(case, variables, {s.guid: s for s in sources.sources}, contents.warnings)
    exchange.codebook = exchange.codebook.in_tree_order()
    check_limits(exchange.codebook, path)
    exchange.sources = sources.sources
    exchange.notes = sources.notes()
    contents.problems += sources.problems + _unknown_codes(path, exchange)
    contents.skipped += sources.skipped
    contents.warnings += sources.warnings
    return contents


def _unknown_codes(path: Path, exchange: Exchange) -> list[str]:
    """Leave out codings of codes the codebook lacks, naming each."""
    known = {code.guid for code in exchange.codebook.codes}
    found = []
    for source in exchange.sources:
        for coding in source.codings:
            if coding.code not in known:
                found.append(
                    f"{path}: source {source.name!r}, selection {coding.guid}: coded with "
                    f"{coding.code}, which the project's codebook lacks"
                )
        source.codings = [c for c in source.codings if c.code in known]
    return found


def _wanted(name: str) -> bool:
    """Members read into memory: the project XML and plain texts (media are only counted)."""
    return name.lower().endswith((".qde", ".txt"))



def _refuse_escaping_members(path: Path) -> None:
    """Refuse members named outside the archive (``../``, absolute) or stored as symlinks."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # unpack_checked says what is wrong with it
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or (parts and parts[0].endswith(":")):
            raise InputFileError(str(path), f"refused: member {info.filename!r} points outside it")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise InputFileError(str(path), f"refused: member {info.filename!r} is a symbolic link")


def _project_root(path: Path, members: dict[str, bytes]) -> ET.Element:
    top = [name for name in members if "/" not in name and name.lower().endswith(".qde")]
    named = [name for name in top if name.lower() == "project.qde"]
    if not top:
        raise InputFileError(str(path), f"not a {KIND} (no project.qde inside)")
    if len(top) > 1 and not named:
        raise InputFileError(str(path), f"holds {len(top)} project files; expected one .qde")
    data = members[(named or top)[0]]
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputFileError(
            str(path), f"refused: its project XML declares entities ({type(exc).__name__})"
        ) from None
    except ET.ParseError as exc:
        raise InputFileError(str(path), f"its project XML is not well-formed ({exc})") from None
    namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    if local_name(root.tag) != "Project" or not namespace.startswith("urn:QDA-XML:project"):
        raise InputFileError(
            str(path), f"not a {KIND} (root element {local_name(root.tag)!r} in {namespace!r})"
        )
    return root
