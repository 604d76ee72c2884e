"""REFI-QDA codebook exchange (``.qdc``): strict when writing, lenient when reading.

Written files validate against the official schema: hierarchy, GUIDs (the same every time),
``#RRGGBB`` colours and descriptions. Fields REFI-QDA has no slot for are written into the
description as tagged lines (see :mod:`qcode.io.qdc_description`), so other tools show them
and qcode reads them back losslessly. Reading accepts what real tools write: namespace
variants, upper-case or braced GUIDs, a byte-order mark, ``#RGB`` colours, empty containers.
XML is parsed with defusedxml: entity declarations and external references are refused.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from qcode import __version__
from qcode.core.codebook import Code, Codebook
from qcode.core.codebook_checks import Problem
from qcode.core.colours import parse_colour
from qcode.core.errors import InputFileError, UsageError
from qcode.core.guids import normalise_guid
from qcode.io.qdc_description import compose_description, parse_description

NAMESPACE = "urn:QDA-XML:codebook:1.0"
_ACCEPTED_NAMESPACE = re.compile(r"^urn:QDA-XML:codebook:\d+[.:]\d+$")
MAX_BYTES = 20_000_000
_SPLIT_NAMESPACE = uuid.UUID("0b9f3f2e-55c1-4c1a-8d55-3c4c2f8e9e41")


def codebook_to_qdc(codebook: Codebook) -> bytes:
    """The ``.qdc`` document for ``codebook`` (UTF-8 bytes with an XML declaration)."""
    if not codebook.codes:
        raise UsageError("the codebook has no codes; REFI-QDA needs at least one")
    q = f"{{{NAMESPACE}}}"
    root = ET.Element(f"{q}CodeBook", {"origin": f"qcode {__version__}"})
    code_elements(ET.SubElement(root, f"{q}Codes"), codebook, q)
    ET.register_namespace("", NAMESPACE)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def code_elements(codes: ET.Element, codebook: Codebook, q: str) -> dict[str, ET.Element]:
    """Add ``codebook``'s tree under ``codes`` as REFI-QDA ``Code`` elements (``q`` is the
    namespace in braces); returns each code's element by GUID."""
    elements: dict[str, ET.Element] = {}

    def add(parent: ET.Element, code: Code) -> None:
        attributes = {
            "guid": code.guid,
            "name": code.name,
            "isCodable": "true" if code.codable else "false",
        }
        if code.colour:
            attributes["color"] = code.colour
        element = elements[code.guid] = ET.SubElement(parent, f"{q}Code", attributes)
        description = compose_description(code)
        if description:
            ET.SubElement(element, f"{q}Description").text = description
        for child in codebook.children(code.guid):
            add(element, child)

    for top in codebook.children(None):
        add(codes, top)
    return elements


def write_qdc(codebook: Codebook, path: Path) -> None:
    path.write_bytes(codebook_to_qdc(codebook))


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


MAX_CODE_DEPTH = 100  # levels of codes: far past any codebook, short of Python's stack


def read_qdc(path: Path, split_on: str | None = None) -> tuple[Codebook, list[Problem]]:
    """The codebook in a ``.qdc`` file and warnings about what could not be kept."""
    if path.stat().st_size > MAX_BYTES:
        raise InputFileError(str(path), "codebook file over 20 MB; refused")
    data = path.read_bytes()
    if not data.strip():
        raise InputFileError(str(path), "file is empty")
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputFileError(
            str(path),
            f"refused: the XML declares entities or external references ({type(exc).__name__})",
        ) from None
    except ET.ParseError as exc:
        raise InputFileError(str(path), f"not well-formed XML ({exc})") from None
    namespace, name = _local(root.tag)
    if name == "Project":
        raise InputFileError(str(path), "a REFI-QDA project, not a codebook (export a .qdc)")
    if name != "CodeBook":
        raise InputFileError(str(path), f"not a REFI-QDA codebook (root element {name!r})")
    if not _ACCEPTED_NAMESPACE.match(namespace):
        shown = namespace or "no namespace"
        raise InputFileError(
            str(path), f"namespace {shown!r} is not the REFI-QDA codebook namespace ({NAMESPACE})"
        )
    reader = _QdcReader(path)
    for child in root:
        kind = _local(child.tag)[1]
        if kind == "Codes":
            for code in child:
                if local_name(code.tag) == "Code":
                    reader.read(code, None)
        elif kind == "Sets" and len(child):
            reader.warn(f"{len(child)} code set(s) (groups) are not imported; qcode has no sets")
    if not reader.codes:
        raise InputFileError(str(path), "the codebook has no codes")
    codebook = Codebook(title=path.stem, codes=tuple(reader.codes))
    if split_on:
        codebook = split_names(codebook, split_on)
    return codebook.in_tree_order(), reader.problems


def read_codes(codes: ET.Element, path: Path) -> tuple[list[Code], list[Problem]]:
    """The codes under a REFI-QDA ``Codes`` element (of a ``.qdc`` or a project)."""
    reader = _QdcReader(path)
    for code in codes:
        if local_name(code.tag) == "Code":
            reader.read(code, None)
    return reader.codes, reader.problems


def local_name(tag: str) -> str:
    """An element's name without its namespace (REFI-QDA namespaces vary by tool)."""
    return _local(tag)[1]


class _QdcReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes: list[Code] = []
        self.problems: list[Problem] = []
        self.seen: set[str] = set()

    def warn(self, message: str) -> None:
        self.problems.append(Problem(message, error=False))

    def read(self, element: ET.Element, parent: str | None, depth: int = 1) -> None:
        name = (element.get("name") or "").strip()
        if depth > MAX_CODE_DEPTH:
            raise InputFileError(
                str(self.path), f"codes nested more than {MAX_CODE_DEPTH} levels deep; refused"
            )
        raw_guid = element.get("guid") or ""
        try:
            guid = normalise_guid(raw_guid)
        except ValueError:
            guid = str(uuid.uuid5(_SPLIT_NAMESPACE, f"{parent}/{name}"))
            self.warn(f"code {name!r}: GUID {raw_guid!r} is not valid; a new one was made")
        if guid in self.seen:
            raise InputFileError(
                str(self.path),
                f"code {name!r} repeats the GUID {guid} of another code; each code needs its own",
            )
        self.seen.add(guid)
        colour = None
        if element.get("color"):
            try:
                colour = parse_colour(element.get("color", ""))
            except ValueError:
                self.warn(f"code {name!r}: colour {element.get('color')!r} ignored")
        codable = (element.get("isCodable") or "true").strip().lower() not in {"false", "0"}
        description = ""
        children: list[ET.Element] = []
        for child in element:
            kind = _local(child.tag)[1]
            if kind == "Description":
                description = child.text or ""
            elif kind == "Code":
                children.append(child)
        fields = parse_description(description)
        self.codes.append(
            Code(
                guid=guid,
                name=name,
                parent=parent,
                colour=colour,
                codable=codable,
                description=fields.description,
                inclusion=fields.inclusion,
                exclusion=fields.exclusion,
                examples=fields.examples,
                keywords=fields.keywords,
                exclude=fields.exclude,
                shortcut=fields.shortcut,
                retired=fields.retired,
            )
        )
        for child in children:
            self.read(child, guid, depth + 1)


def split_names(codebook: Codebook, separator: str) -> Codebook:
    """Nest flat codes whose names encode a hierarchy ("parent.child" with ``.``).

    Missing intermediate codes are created as grouping codes (not codable), with GUIDs
    derived from their path so that splitting the same file twice gives the same codes.
    """
    # A top-level code named like a prefix ("interesting") becomes the parent it names.
    by_path: dict[str, str] = {}
    codes: list[Code] = []
    for code in codebook.codes:
        if code.parent is None:
            by_path.setdefault(code.name, code.guid)
    for code in codebook.codes:
        if code.parent is not None or separator not in code.name:
            codes.append(code)
            continue
        parts = [p.strip() for p in code.name.split(separator) if p.strip()]
        parent: str | None = None
        for depth in range(1, len(parts)):
            prefix = separator.join(parts[:depth])
            if prefix not in by_path:
                guid = str(uuid.uuid5(_SPLIT_NAMESPACE, prefix))
                codes.append(Code(guid=guid, name=parts[depth - 1], parent=parent, codable=False))
                by_path[prefix] = guid
            parent = by_path[prefix]
        codes.append(replace(code, name=parts[-1], parent=parent))
        by_path[separator.join(parts)] = code.guid
    return replace(codebook, codes=tuple(codes))
