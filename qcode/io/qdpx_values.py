"""REFI-QDA variables and cases as qcode document attributes.

A variable is an attribute name with a type; its values sit on sources or on cases (NVivo
and MAXQDA keep them on cases, which name their sources with ``SourceRef``). Text, integer,
float and date values keep their type (integers and floats become numbers); booleans become
the text ``true``/``false`` and date-times their date, each with a warning. Names are
made to fit qcode's attribute names (lower case, letters first) and the change reported.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from qcode.core.attributes import AttributeValue, check_name
from qcode.core.errors import UsageError
from qcode.core.exchange import Exchange, Source
from qcode.core.guids import guid_or_none
from qcode.io.qdc import local_name

_UNFIT = re.compile(r"[^\w .-]+")
_KINDS = {
    "text": "text",
    "integer": "integer",
    "float": "float",
    "date": "date",
    "datetime": "date",
    "boolean": "text",
}


@dataclass(frozen=True)
class Variable:
    name: str  # as a qcode attribute name
    kind: str  # text, integer, float or date


Variables = dict[str, Variable]  # variable GUID → variable


def read_variables(element: ET.Element, exchange: Exchange, warnings: list[str]) -> Variables:
    found: Variables = {}
    for child in element:
        if local_name(child.tag) != "Variable":
            continue
        guid = guid_or_none(child.get("guid"))
        if guid is None:
            warnings.append(f"variable {child.get('name')!r} has no valid GUID; left out")
            continue
        raw_name = (child.get("name") or "").strip()
        name = attribute_name(raw_name)
        if name != raw_name:
            warnings.append(f"variable {raw_name!r} is the attribute {name!r}")
        kind = _KINDS.get((child.get("typeOfVariable") or "text").strip().lower(), "text")
        found[guid] = Variable(name, kind)
        exchange.variable_types.setdefault(name, kind)
    return found


def attribute_name(raw: str) -> str:
    """``raw`` as a valid attribute name ("Country/Region" → "country region")."""
    cleaned = " ".join(_UNFIT.sub(" ", raw).split())[:63]
    if not cleaned or not cleaned[0].isalpha():
        cleaned = f"v {cleaned}"[:63].strip()
    try:
        return check_name(cleaned)
    except UsageError:
        return "variable"


def read_values(element: ET.Element, variables: Variables, warnings: list[str]) -> list:
    """The ``VariableValue`` children of ``element`` as (attribute, value) pairs."""
    values: list[tuple[str, AttributeValue]] = []
    for holder in element:
        if local_name(holder.tag) != "VariableValue":
            continue
        reference, value = None, None
        for child in holder:
            tag = local_name(child.tag)
            if tag == "VariableRef":
                reference = child.get("targetGUID") or ""
            elif tag.endswith("Value"):
                value = _typed(tag, (child.text or "").strip(), warnings)
        variable = variables.get(guid_or_none(reference) or "")
        if variable is None or value is None or value == "":
            continue
        values.append((variable.name, value))
    return values


def read_cases(
    element: ET.Element, variables: Variables, sources: dict[str, Source], warnings: list[str]
) -> None:
    """Give every source a case names the case's values."""
    for case in element:
        if local_name(case.tag) != "Case":
            continue
        values = read_values(case, variables, warnings)
        for child in case:
            if local_name(child.tag) != "SourceRef":
                continue
            source = sources.get(guid_or_none(child.get("targetGUID")) or "")
            if source is not None:
                source.attributes += [v for v in values if v not in source.attributes]


def _typed(tag: str, text: str, warnings: list[str]) -> AttributeValue | None:
    try:
        if tag in ("IntegerValue", "FloatValue"):
            return float(text)
        if tag == "DateValue":
            return dt.date.fromisoformat(text[:10])
        if tag == "DateTimeValue":
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        warnings.append(f"{tag} {text!r} is not valid; kept as text")
        return text
    if tag == "BooleanValue":
        return "true" if text.lower() in ("true", "1") else "false"
    return text
