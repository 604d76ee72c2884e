"""Splitting tagged reference files (RIS, Web of Science) into records, finding broken ones.

Reference parsers tend to be forgiving in ways that lose data: a record without its end tag
is silently merged into the next one, or dropped at the end of the file. Here every record is
delimited first, and one that is not closed, or text outside any record, is reported with its
line number, so the user can fix it or skip it while the others import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawRecord:
    number: int  # 1-based position in the file
    line: int  # 1-based line where the record starts
    lines: list[str]
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class TagSyntax:
    start_tag: str
    end_tag: str
    tag_line: re.Pattern[str]
    ignored_outside: frozenset[str] = frozenset()

    def tag_of(self, line: str) -> str | None:
        match = self.tag_line.match(line)
        return match.group(1) if match else None


RIS = TagSyntax("TY", "ER", re.compile(r"^([A-Z][A-Z0-9])  -(?: |$)"))
WOS = TagSyntax("PT", "ER", re.compile(r"^([A-Z][A-Z0-9])(?: |$)"), frozenset({"FN", "VR", "EF"}))


def split_records(lines: Iterable[str], syntax: TagSyntax) -> Iterator[RawRecord]:
    """Yield every record between a start tag and an end tag, and every broken one."""
    current: list[str] | None = None
    start_line = 0
    number = 0
    stray_line = 0
    for line_no, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n").lstrip("\ufeff")
        tag = syntax.tag_of(line)
        if current is None:
            if tag == syntax.start_tag:
                current, start_line, stray_line = [line], line_no, 0
                number += 1
            elif tag is not None and tag not in syntax.ignored_outside and not stray_line:
                # Untagged text between records ("1.", blank lines) is what exporters write;
                # a tagged line there means a record lost its start tag.
                stray_line = line_no
                number += 1
                yield RawRecord(
                    number, line_no, [], f"{tag} line outside any record (no {syntax.start_tag})"
                )
            continue
        if tag == syntax.start_tag:
            yield RawRecord(
                number,
                start_line,
                current,
                f"no {syntax.end_tag} line before the next {syntax.start_tag} (line {line_no})",
            )
            current, start_line = [line], line_no
            number += 1
            continue
        current.append(line)
        if tag == syntax.end_tag:
            yield RawRecord(number, start_line, current)
            current = None
    if current is not None:
        yield RawRecord(number, start_line, current, f"file ends before its {syntax.end_tag} line")
