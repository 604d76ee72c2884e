"""The codebook: a tree of codes with definitions, criteria, examples and keywords.

A :class:`Codebook` is an immutable value. Its ``codes`` are in tree order: every parent
before its children, siblings in their display order. Codes refer to their parent by GUID.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

PATH_SEPARATOR = " > "
FORMAT_VERSION = 1
CODEBOOK_CONFLICTS = "codebook"  # Conflict.guid of a conflict about the codebook's own fields


@dataclass(frozen=True)
class Code:
    guid: str
    name: str
    parent: str | None = None
    colour: str | None = None
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    examples: tuple[str, ...] = ()
    keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Exclusion keywords: a sentence holding one is not suggested for this code.
    exclude: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    shortcut: int | None = None
    codable: bool = True
    retired: bool = False
    line: int | None = field(default=None, compare=False)  # where it was read, for messages

    def all_keywords(self) -> list[str]:
        return [k for words in self.keywords.values() for k in words]

    def all_exclusions(self) -> list[str]:
        return [k for words in self.exclude.values() for k in words]


@dataclass(frozen=True)
class Conflict:
    """A choice a merge could not make: the two values of ``field`` for the code ``guid``.

    ``field`` is a code field name, or ``"duplicate"`` when two codes with different GUIDs
    look like the same code (then ``theirs`` names the other code).
    """

    guid: str
    field: str
    ours: Any
    theirs: Any
    note: str = ""


@dataclass(frozen=True)
class Codebook:
    title: str = "Untitled codebook"
    version: str = "1"
    authors: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("id", "en")
    licence: str = ""
    created: str = ""
    updated: str = ""
    codes: tuple[Code, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    # Indexes built once per codebook (it is frozen): a codebook of thousands of codes must
    # not be scanned whole for every code's children or path.
    @cached_property
    def _index(self) -> dict[str, Code]:
        return {code.guid: code for code in self.codes}

    @cached_property
    def _children(self) -> dict[str | None, list[Code]]:
        found: dict[str | None, list[Code]] = {}
        for code in self.codes:
            found.setdefault(code.parent, []).append(code)
        return found

    def by_guid(self) -> dict[str, Code]:
        return dict(self._index)

    def children(self, guid: str | None) -> list[Code]:
        return list(self._children.get(guid, ()))

    def path(self, guid: str) -> str:
        """``Parent > Child`` path of a code, its names from the root down."""
        index = self._index
        names: list[str] = []
        seen: set[str] = set()
        current: str | None = guid
        while current is not None and current in index and current not in seen:
            seen.add(current)
            names.append(index[current].name)
            current = index[current].parent
        return PATH_SEPARATOR.join(reversed(names))

    def descendants(self, guid: str) -> set[str]:
        """GUIDs of every code below ``guid``."""
        found: set[str] = set()
        stack = [guid]
        while stack:
            for child in self.children(stack.pop()):
                if child.guid not in found:
                    found.add(child.guid)
                    stack.append(child.guid)
        return found

    def paths(self) -> dict[str, str]:
        return {code.guid: self.path(code.guid) for code in self.codes}

    def depth(self, guid: str) -> int:
        return self.path(guid).count(PATH_SEPARATOR)

    def walk(self) -> Iterator[tuple[int, Code]]:
        """(depth, code) in tree order, from the roots."""

        # A stack, not recursion: a file may nest codes deeper than Python recurses.
        stack = [(0, code) for code in reversed(self._children.get(None, ()))]
        seen: set[str] = set()
        while stack:
            depth, code = stack.pop()
            if code.guid in seen:  # a parent cycle (a damaged file) is walked once
                continue
            seen.add(code.guid)
            yield depth, code
            stack += [(depth + 1, child) for child in reversed(self._children.get(code.guid, ()))]

    def in_tree_order(self) -> Codebook:
        """The same codebook with ``codes`` reordered parents-first (orphans at the end)."""
        ordered = [code for _, code in self.walk()]
        placed = {code.guid for code in ordered}
        ordered += [code for code in self.codes if code.guid not in placed]
        return replace(self, codes=tuple(ordered))


def split_path(path: str, separator: str = PATH_SEPARATOR) -> list[str]:
    """The names along a ``Parent > Child`` path.

    Only the separator with its spaces splits, so a name may itself contain ">".
    """
    return [part.strip() for part in path.split(separator) if part.strip()]
