"""Validating a codebook: what would make it ambiguous or unusable, with where it is."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from qcode.core.codebook import Code, Codebook
from qcode.core.colours import is_colour


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    line: int | None = None
    error: bool = True

    def located(self, source: str) -> str:
        where = f"{source}:{self.line}" if self.line else source
        kind = "" if self.error else "warning: "
        return f"{where}: {kind}{self.message}"


def _label(codebook: Codebook, code: Code) -> str:
    return f"code {codebook.path(code.guid) or code.name or code.guid!r}"


def check_codebook(codebook: Codebook) -> list[Problem]:
    """Every problem of ``codebook``; errors first in file order, then warnings."""
    problems: list[Problem] = []
    index: dict[str, Code] = {}
    guid_counts = Counter(code.guid for code in codebook.codes)
    for code in codebook.codes:
        if not code.name.strip():
            problems.append(Problem(f"a code has no name (GUID {code.guid})", code.line))
        if guid_counts[code.guid] > 1 and code.guid in index:
            problems.append(
                Problem(
                    f"two codes share GUID {code.guid}: {index[code.guid].name!r} and "
                    f"{code.name!r}",
                    code.line,
                )
            )
        index.setdefault(code.guid, code)
    for code in codebook.codes:
        if code.parent is not None and code.parent not in index:
            problems.append(
                Problem(
                    f"{_label(codebook, code)}: parent {code.parent} is not in the codebook",
                    code.line,
                )
            )
        if code.colour is not None and not is_colour(code.colour):
            problems.append(
                Problem(
                    f"{_label(codebook, code)}: colour {code.colour!r} is not #RRGGBB", code.line
                )
            )
        if code.shortcut is not None and not 1 <= code.shortcut <= 9:
            problems.append(
                Problem(f"{_label(codebook, code)}: shortcut must be a digit 1-9", code.line)
            )
    for code in codebook.codes:
        if any(";" in word for word in code.all_keywords()):
            problems.append(
                Problem(
                    f"{_label(codebook, code)}: a keyword contains ';' (the list separator)",
                    code.line,
                )
            )
    problems += _cycles(codebook, index)
    problems += _sibling_names(codebook)
    problems += _shortcuts(codebook)
    for conflict in codebook.conflicts:
        code = index.get(conflict.guid)
        name = _label(codebook, code) if code else "the codebook"
        if conflict.field == "duplicate":
            advice = "keep one of the two codes, then delete the conflicts entry"
        else:
            advice = "keep one value, then delete the conflicts entry"
        problems.append(
            Problem(
                f"{name}: unresolved merge conflict on {conflict.field}; {advice}",
                code.line if code else None,
            )
        )
    known = set(codebook.languages)
    for code in codebook.codes:
        for language in code.keywords:
            if language not in known and language != "any":
                problems.append(
                    Problem(
                        f"{_label(codebook, code)}: keywords for language {language!r}, "
                        f"which the codebook does not list ({', '.join(codebook.languages)})",
                        code.line,
                        error=False,
                    )
                )
    return sorted(problems, key=lambda p: (not p.error, p.line or 0))


def _cycles(codebook: Codebook, index: dict[str, Code]) -> list[Problem]:
    problems: list[Problem] = []
    reported: set[str] = set()
    for code in codebook.codes:
        seen: list[str] = []
        current: str | None = code.guid
        while current is not None and current in index:
            if current in seen:
                loop = seen[seen.index(current) :]
                if not reported.intersection(loop):
                    names = " > ".join(index[g].name for g in [*loop, current])
                    problems.append(Problem(f"codes form a cycle of parents: {names}", code.line))
                    reported.update(loop)
                break
            seen.append(current)
            current = index[current].parent
    return problems


def _sibling_names(codebook: Codebook) -> list[Problem]:
    problems: list[Problem] = []
    by_parent: dict[str | None, dict[str, Code]] = defaultdict(dict)
    for code in codebook.codes:
        key = code.name.strip().casefold()
        siblings = by_parent[code.parent]
        if key and key in siblings:
            where = codebook.path(code.parent) if code.parent else "the top level"
            problems.append(Problem(f"two codes named {code.name!r} under {where}", code.line))
        siblings.setdefault(key, code)
    return problems


def _shortcuts(codebook: Codebook) -> list[Problem]:
    problems: list[Problem] = []
    taken: dict[int, Code] = {}
    for code in codebook.codes:
        if code.shortcut is None:
            continue
        if code.shortcut in taken:
            problems.append(
                Problem(
                    f"shortcut {code.shortcut} is given to both {taken[code.shortcut].name!r} "
                    f"and {code.name!r}",
                    code.line,
                )
            )
        taken.setdefault(code.shortcut, code)
    return problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.error]
