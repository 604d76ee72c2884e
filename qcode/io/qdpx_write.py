"""Writing a REFI-QDA project (``.qdpx``): ``project.qde`` and ``sources/`` in a zip.

Each source's text goes in as ``sources/<guid>.txt`` (UTF-8, no byte-order mark, ``\\n`` line
ends): exactly the text qcode stores, so every ``PlainTextSelection`` counts code points into
the file it names, end exclusive. The XML is checked against the official ``Project.xsd``
before anything is written, and the zip is written whole or not at all. Nothing in it
depends on the time or the order rows came from the database: exporting the same project
twice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from decimal import Decimal
from importlib import resources
from pathlib import Path

from qcode import __version__
from qcode.core.errors import UsageError
from qcode.core.exchange import Exchange, Note, Source
from qcode.io.atomic import atomic_output
from qcode.io.qdc import code_elements

NAMESPACE = "urn:QDA-XML:project:1.0"
Q = f"{{{NAMESPACE}}}"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no real time: the same bytes each time
_GUIDS = uuid.UUID("6c1b2f4e-8a0d-4e57-9a43-2f1d8c5b7e10")


def derived_guid(*parts: object) -> str:
    """A GUID that is the same every time for the same parts (a case, a variable, a note)."""
    return str(uuid.uuid5(_GUIDS, "\x1f".join(str(p) for p in parts)))


def project_xml(exchange: Exchange) -> bytes:
    """``project.qde`` for ``exchange``, valid against ``Project.xsd``."""
    root = ET.Element(f"{Q}Project", {"name": exchange.name, "origin": f"qcode {__version__}"})
    notes_on = _notes_by_target(exchange.notes)
    if exchange.users:
        users = ET.SubElement(root, f"{Q}Users")
        for guid, name in sorted(exchange.users.items(), key=lambda item: item[1]):
            ET.SubElement(users, f"{Q}User", {"guid": guid, "name": name})
    if exchange.codebook.codes:
        codes = ET.SubElement(ET.SubElement(root, f"{Q}CodeBook"), f"{Q}Codes")
        for guid, element in code_elements(codes, exchange.codebook, Q).items():
            _note_refs(element, notes_on.get(guid, ()), after=("Description",))
    variables = _variables(root, exchange)
    _cases(root, exchange, variables)
    if exchange.sources:
        sources = ET.SubElement(root, f"{Q}Sources")
        for source in exchange.sources:
            _source(sources, source, notes_on)
    if exchange.notes:
        notes = ET.SubElement(root, f"{Q}Notes")
        for note in exchange.notes:
            element = ET.SubElement(
                notes, f"{Q}Note", {"guid": note.guid, "name": note.name, "creatingUser": note.user}
            )
            ET.SubElement(element, f"{Q}PlainTextContent").text = note.text
    if exchange.description:
        ET.SubElement(root, f"{Q}Description").text = exchange.description
    for note in notes_on.get("", ()):  # notes on the project as a whole come last
        ET.SubElement(root, f"{Q}NoteRef", {"targetGUID": note.guid})
    ET.register_namespace("", NAMESPACE)
    ET.indent(root, space="  ")
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    _validate(data)
    return data


def write_qdpx(exchange: Exchange, path: Path) -> None:
    """Write the project file, checked against the schema first, atomically."""
    data = project_xml(exchange)
    with atomic_output(path) as scratch, zipfile.ZipFile(scratch, "w") as archive:
        _add(archive, "project.qde", data)
        for source in exchange.sources:
            _add(archive, f"sources/{source.guid}.txt", source.text.encode("utf-8"))


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, _FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _notes_by_target(notes: list[Note]) -> dict[str, list[Note]]:
    found: dict[str, list[Note]] = defaultdict(list)
    for note in notes:
        found[note.target].append(note)
    return found


def _note_refs(element: ET.Element, notes, after: tuple[str, ...] = ()) -> None:
    """NoteRef children, placed after the children named in ``after`` (the schema's order)."""
    at = sum(1 for child in element if child.tag.removeprefix(Q) in after)
    for offset, note in enumerate(notes):
        ref = ET.Element(f"{Q}NoteRef", {"targetGUID": note.guid})
        element.insert(at + offset, ref)


def _source(parent: ET.Element, source: Source, notes_on: dict[str, list[Note]]) -> None:
    element = ET.SubElement(
        parent,
        f"{Q}TextSource",
        {
            "guid": source.guid,
            "name": source.name,
            "plainTextPath": f"internal://{source.guid}.txt",
        },
    )
    for coding in source.codings:
        selection = ET.SubElement(
            element,
            f"{Q}PlainTextSelection",
            {
                "guid": coding.guid,
                "name": _label(source.text[coding.start : coding.end]),
                "startPosition": str(coding.start),
                "endPosition": str(coding.end),
                "creatingUser": coding.user,
            },
        )
        applied = ET.SubElement(
            selection,
            f"{Q}Coding",
            {"guid": derived_guid("coding", coding.guid), "creatingUser": coding.user},
        )
        ET.SubElement(applied, f"{Q}CodeRef", {"targetGUID": coding.code})
        _note_refs(selection, notes_on.get(coding.guid, ()), after=("Description", "Coding"))
    _note_refs(element, notes_on.get(source.guid, ()), after=("PlainTextSelection",))


def _label(text: str) -> str:
    """A selection's name: its first words, as other tools show a quotation."""
    words = " ".join(text.split())
    return words if len(words) <= 60 else words[:59].rstrip() + "…"


_TYPES = {"text": "Text", "integer": "Integer", "float": "Float", "date": "Date"}


def _variables(root: ET.Element, exchange: Exchange) -> dict[str, str]:
    """Variable elements (one per attribute name); returns each name's GUID."""
    names = sorted(exchange.variable_types)
    if not names:
        return {}
    element = ET.SubElement(root, f"{Q}Variables")
    guids = {}
    for name in names:
        guids[name] = derived_guid("variable", name)
        ET.SubElement(
            element,
            f"{Q}Variable",
            {
                "guid": guids[name],
                "name": name,
                "typeOfVariable": _TYPES[exchange.variable_types[name]],
            },
        )
    return guids


def _cases(root: ET.Element, exchange: Exchange, variables: dict[str, str]) -> None:
    """One case per source that has attributes, holding its values (as NVivo keeps them)."""
    described = [s for s in exchange.sources if s.attributes]
    if not described:
        return
    cases = ET.SubElement(root, f"{Q}Cases")
    for source in described:
        case = ET.SubElement(
            cases, f"{Q}Case", {"guid": derived_guid("case", source.guid), "name": source.name}
        )
        for name, value in source.attributes:
            kind = exchange.variable_types[name]
            holder = ET.SubElement(case, f"{Q}VariableValue")
            ET.SubElement(holder, f"{Q}VariableRef", {"targetGUID": variables[name]})
            tag, shown = _typed(kind, value)
            ET.SubElement(holder, f"{Q}{tag}").text = shown
        ET.SubElement(case, f"{Q}SourceRef", {"targetGUID": source.guid})


def _typed(kind: str, value) -> tuple[str, str]:
    if kind == "integer":
        return "IntegerValue", str(int(value))
    if kind == "float":
        return "FloatValue", format(Decimal(repr(float(value))), "f")  # xsd:decimal: no 1e-05
    if kind == "date" and isinstance(value, dt.date):
        return "DateValue", value.isoformat()
    return "TextValue", str(value)


def _validate(data: bytes) -> None:
    from lxml import etree

    schema_file = resources.files("qcode.io") / "schemas" / "Project.xsd"
    schema = etree.XMLSchema(etree.fromstring(schema_file.read_bytes()))
    document = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
    if not schema.validate(document):
        first = schema.error_log[0]
        raise UsageError(
            f"the project could not be written as valid REFI-QDA (line {first.line}: "
            f"{first.message}); nothing was written"
        )
