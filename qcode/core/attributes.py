"""Document attributes: typed values (text, number, date) and the conditions that filter them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from qcode.core.errors import UsageError


class ValueType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"


AttributeValue = str | float | dt.date

# Names whose values are always lists in output, even when a document has only one.
MULTI_VALUED = frozenset({"author", "editor", "keyword"})

_NAME = re.compile(r"^[^\W\d][\w .-]{0,62}$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_name(name: str) -> str:
    """Return the attribute name, lower-cased and stripped, or raise for a malformed one."""
    clean = " ".join(name.split()).lower()
    if not _NAME.match(clean):
        raise UsageError(
            f"invalid attribute name {name!r}: use letters, digits, spaces, '.', '-' or '_', "
            "starting with a letter"
        )
    return clean


def infer_value(raw: str) -> tuple[ValueType, AttributeValue]:
    """Type a value written as text: a number, an ISO date (YYYY-MM-DD) or text."""
    s = raw.strip()
    if _NUMBER.match(s):
        return ValueType.NUMBER, float(s)
    if _ISO_DATE.match(s):
        try:
            return ValueType.DATE, dt.date.fromisoformat(s)
        except ValueError:
            pass
    return ValueType.TEXT, s


def format_value(value: AttributeValue) -> str:
    """Human form of a value: whole numbers without a decimal point, dates in ISO form."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def json_value(value: AttributeValue) -> str | int | float:
    """JSON form of a value: whole numbers as integers, dates as ISO strings."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class Assignment:
    """``NAME=VALUE`` from the command line; an empty value removes the attribute."""

    name: str
    raw_value: str

    @classmethod
    def parse(cls, expression: str) -> Assignment:
        name, sep, value = expression.partition("=")
        if not sep:
            raise UsageError(f"expected NAME=VALUE, got {expression!r}")
        return cls(check_name(name), value.strip())


_OPERATORS = ("!=", ">=", "<=", "~", "=", ">", "<")


@dataclass(frozen=True, slots=True)
class Condition:
    """One filter on a document attribute, such as ``year>=2015`` or ``country=Thailand``.

    ``=`` and ``!=`` compare numbers numerically, dates by day and text without regard to
    case; ``~`` matches text containing the value; ``<``, ``<=``, ``>``, ``>=`` compare numbers
    or dates. A document with several values for a name (authors, keywords) matches when any
    of them does; ``!=`` matches when none does.
    """

    name: str
    operator: str
    raw_value: str

    @classmethod
    def parse(cls, expression: str) -> Condition:
        best: tuple[int, str] | None = None
        for op in _OPERATORS:
            at = expression.find(op)
            if at > 0 and (best is None or at < best[0] or (at == best[0] and len(op) > 1)):
                best = (at, op)
        if best is None:
            raise UsageError(
                f"expected NAME=VALUE (or !=, ~, <, <=, >, >=) in --where, got {expression!r}"
            )
        at, op = best
        name = check_name(expression[:at])
        value = expression[at + len(op) :].strip()
        if op in {"<", "<=", ">", ">="} and infer_value(value)[0] is ValueType.TEXT:
            raise UsageError(f"{expression!r}: {op} needs a number or a date (YYYY-MM-DD)")
        return cls(name, op, value)

    @property
    def typed_value(self) -> tuple[ValueType, AttributeValue]:
        return infer_value(self.raw_value)
