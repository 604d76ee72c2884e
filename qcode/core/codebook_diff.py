"""Comparing two codebooks: which codes are the same, and what changed between them.

Codes are matched by GUID first, then by their path, then by a name found once on each side
(so a codebook re-created in another tool, with new GUIDs, still matches). Unmatched codes
whose names or definitions are very close are flagged as likely duplicates.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from qcode.core.codebook import Code, Codebook

COMPARED_FIELDS = (
    "colour",
    "description",
    "inclusion",
    "exclusion",
    "examples",
    "keywords",
    "exclude",
    "shortcut",
    "codable",
    "retired",
)
METADATA_FIELDS = ("title", "version", "authors", "languages", "licence")
NAME_SIMILARITY = 85.0
DEFINITION_SIMILARITY = 90.0
_NON_WORD = re.compile(r"[\W_]+")


def fold_name(name: str) -> str:
    """Name reduced for comparison: "Coordination-Complexity" → "coordination complexity"."""
    return " ".join(_NON_WORD.sub(" ", name.casefold()).split())


@dataclass(frozen=True, slots=True)
class Pair:
    """A code of the first codebook (``old``) matched with one of the second (``new``)."""

    old: Code
    new: Code
    matched_by: str  # "guid", "path" or "name"


@dataclass(frozen=True, slots=True)
class Likely:
    """Two unmatched codes that look like the same code."""

    old: Code
    new: Code
    score: float
    reason: str  # "name" or "definition"


@dataclass
class CodebookDiff:
    old: Codebook
    new: Codebook
    pairs: list[Pair] = field(default_factory=list)
    added: list[Code] = field(default_factory=list)
    removed: list[Code] = field(default_factory=list)
    likely_duplicates: list[Likely] = field(default_factory=list)

    def renamed(self) -> list[Pair]:
        return [p for p in self.pairs if p.old.name != p.new.name]

    def moved(self) -> list[Pair]:
        new_to_old = {p.new.guid: p.old.guid for p in self.pairs}
        moved = []
        for pair in self.pairs:
            mapped_parent = (
                new_to_old.get(pair.new.parent, pair.new.parent) if pair.new.parent else None
            )
            if mapped_parent != pair.old.parent:
                moved.append(pair)
        return moved

    def changed_fields(self, pair: Pair) -> list[str]:
        return [f for f in COMPARED_FIELDS if _value(pair.old, f) != _value(pair.new, f)]

    def updated(self) -> list[tuple[Pair, list[str]]]:
        found = []
        for pair in self.pairs:
            if fields := self.changed_fields(pair):
                found.append((pair, fields))
        return found

    def metadata_changes(self) -> dict[str, tuple[object, object]]:
        return {
            f: (getattr(self.old, f), getattr(self.new, f))
            for f in METADATA_FIELDS
            if getattr(self.old, f) != getattr(self.new, f)
        }

    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.renamed() or self.moved() or self.updated())


def _value(code: Code, name: str) -> object:
    value = getattr(code, name)
    if name in ("keywords", "exclude"):
        return {lang: tuple(words) for lang, words in value.items() if words}
    return value


def match_codes(old: Codebook, new: Codebook) -> list[Pair]:
    """Pairs of the same code in ``old`` and ``new``: by GUID, then path, then unique name."""
    pairs: list[Pair] = []
    old_left = {code.guid: code for code in old.codes}
    new_left = {code.guid: code for code in new.codes}
    for guid in [g for g in new_left if g in old_left]:
        pairs.append(Pair(old_left.pop(guid), new_left.pop(guid), "guid"))
    old_paths, new_paths = old.paths(), new.paths()
    by_path = {fold_name_path(old_paths[g]): g for g in old_left}
    for guid in list(new_left):
        key = fold_name_path(new_paths[guid])
        if key in by_path and by_path[key] in old_left:
            pairs.append(Pair(old_left.pop(by_path[key]), new_left.pop(guid), "path"))
    old_names = _unique_names(old_left.values())
    new_names = _unique_names(new_left.values())
    for key, guid in new_names.items():
        if key in old_names and old_names[key] in old_left:
            pairs.append(Pair(old_left.pop(old_names[key]), new_left.pop(guid), "name"))
    order = {code.guid: i for i, code in enumerate(new.codes)}
    return sorted(pairs, key=lambda p: order[p.new.guid])


def fold_name_path(path: str) -> str:
    return " > ".join(fold_name(part) for part in path.split(" > "))


def _unique_names(codes) -> dict[str, str]:
    seen: dict[str, str | None] = {}
    for code in codes:
        key = fold_name(code.name)
        seen[key] = None if key in seen else code.guid
    return {k: g for k, g in seen.items() if g is not None}


def diff_codebooks(old: Codebook, new: Codebook) -> CodebookDiff:
    pairs = match_codes(old, new)
    matched_old = {p.old.guid for p in pairs}
    matched_new = {p.new.guid for p in pairs}
    added = [c for c in new.codes if c.guid not in matched_new]
    removed = [c for c in old.codes if c.guid not in matched_old]
    return CodebookDiff(old, new, pairs, added, removed, likely_duplicates(removed, added))


def likely_duplicates(first: list[Code], second: list[Code]) -> list[Likely]:
    """Pairs across the two lists whose names, or definitions, are nearly the same."""
    found: list[Likely] = []
    for a in first:
        for b in second:
            score = fuzz.ratio(fold_name(a.name), fold_name(b.name))
            if score >= NAME_SIMILARITY:
                found.append(Likely(a, b, score, "name"))
                continue
            if a.description and b.description:
                score = fuzz.token_sort_ratio(a.description, b.description)
                if score >= DEFINITION_SIMILARITY:
                    found.append(Likely(a, b, score, "definition"))
    return sorted(found, key=lambda item: -item.score)


def word_diff(before: str, after: str) -> str:
    """``before`` → ``after`` word by word: ``[-removed-]`` and ``{+added+}`` marked inline."""
    a, b = before.split(), after.split()
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(" ".join(a[i1:i2]))
            continue
        if op in {"delete", "replace"}:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in {"insert", "replace"}:
            parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(parts)
