"""Merging two researchers' codebooks: apply what is clear, mark what is not.

With a common ancestor (``base``, the codebook both started from) a field changed on one side
only is taken from that side, and a code deleted on one side and untouched on the other is
dropped. Without one, a field filled on one side and empty on the other is taken, and codes
found on one side only are kept. Anything else that differs is a :class:`Conflict`: our value
stays in place and both values are written beside it, for the user to choose. Codes with
different GUIDs that look alike are both kept and marked as possible duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from qcode.core.codebook import CODEBOOK_CONFLICTS, Code, Codebook, Conflict
from qcode.core.codebook_diff import (
    COMPARED_FIELDS,
    METADATA_FIELDS,
    Pair,
    likely_duplicates,
    match_codes,
)

_MERGED_FIELDS = ("name", "parent", *COMPARED_FIELDS)


@dataclass
class MergeResult:
    codebook: Codebook
    applied: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        return self.codebook.conflicts


def _empty(value: object) -> bool:
    return value in (None, "", (), [], {}) or value is False


class _Merge:
    def __init__(self, ours: Codebook, theirs: Codebook, base: Codebook | None) -> None:
        self.ours, self.theirs, self.base = ours, theirs, base
        self.applied: list[str] = []
        self.conflicts: list[Conflict] = []
        self.ours_paths = ours.paths()
        self.theirs_paths = theirs.paths()
        pairs = match_codes(ours, theirs)
        self.pairs = pairs
        self.theirs_to_ours = {p.new.guid: p.old.guid for p in pairs}
        self.base_for: dict[str, dict[str, Code]] = {"ours": {}, "theirs": {}}
        self.base_to_ours: dict[str, str] = {}
        if base is not None:
            base_ours = match_codes(base, ours)
            self.base_for["ours"] = {p.new.guid: p.old for p in base_ours}
            self.base_for["theirs"] = {p.new.guid: p.old for p in match_codes(base, theirs)}
            self.base_to_ours = {p.old.guid: p.new.guid for p in base_ours}

    def merged_parent(self, code: Code, side: str) -> str | None:
        if code.parent is None:
            return None
        return (
            self.theirs_to_ours.get(code.parent, code.parent) if side == "theirs" else code.parent
        )

    def field_of(self, code: Code, name: str, side: str) -> object:
        if name == "parent":
            return self.merged_parent(code, side)
        value = getattr(code, name)
        if name in ("keywords", "exclude"):
            return {lang: tuple(words) for lang, words in value.items() if words}
        return value

    def base_field(self, code: Code, name: str) -> object:
        # A base code's parent is compared as the GUID that parent has in ours.
        if name == "parent":
            if code.parent is None:
                return None
            return self.base_to_ours.get(code.parent, code.parent)
        return self.field_of(code, name, "base")

    def merge_pair(self, pair: Pair) -> Code:
        ours, theirs = pair.old, pair.new
        base = self.base_for["ours"].get(ours.guid) or self.base_for["theirs"].get(theirs.guid)
        changes: dict[str, object] = {}
        label = self.ours_paths[ours.guid]
        for name in _MERGED_FIELDS:
            mine = self.field_of(ours, name, "ours")
            other = self.field_of(theirs, name, "theirs")
            if mine == other:
                continue
            if base is not None:
                original = self.base_field(base, name)
                if mine == original:
                    changes[name] = other
                    self.applied.append(f"{label}: {name} taken from theirs")
                    continue
                if other == original:
                    continue
            elif _empty(mine) and not _empty(other):
                changes[name] = other
                self.applied.append(f"{label}: {name} filled from theirs")
                continue
            elif _empty(other):
                continue
            self.conflicts.append(
                Conflict(ours.guid, name, self.shown(mine, name), self.shown(other, name))
            )
        for name in ("keywords", "exclude"):
            if name in changes:
                changes[name] = dict(changes[name])  # type: ignore[arg-type]
        return replace(ours, **changes)  # type: ignore[arg-type]

    def shown(self, value: object, name: str) -> object:
        """A conflict value as a person reads it in YAML."""
        if name == "parent":
            return self.ours_paths.get(value) or self.theirs_paths.get(value) or value  # type: ignore[arg-type]
        if isinstance(value, tuple):
            return list(value)
        if isinstance(value, dict):
            return {k: list(v) for k, v in value.items()}
        return value

    def run(self) -> MergeResult:
        merged: dict[str, Code] = {}
        for pair in self.pairs:
            merged[pair.old.guid] = self.merge_pair(pair)
        matched_ours = {p.old.guid for p in self.pairs}
        matched_theirs = {p.new.guid for p in self.pairs}
        only_ours = [c for c in self.ours.codes if c.guid not in matched_ours]
        only_theirs = [c for c in self.theirs.codes if c.guid not in matched_theirs]
        result: list[Code] = []
        for code in self.ours.codes:
            if code.guid in merged:
                result.append(merged[code.guid])
            elif self.keep_one_sided(code, "ours"):
                result.append(code)
        for code in only_theirs:
            if self.keep_one_sided(code, "theirs"):
                parent = self.merged_parent(code, "theirs")
                result.append(replace(code, parent=parent))
                self.applied.append(f"{self.theirs_paths[code.guid]}: added from theirs")
        kept = {c.guid for c in result}
        for likely in likely_duplicates(only_ours, only_theirs):
            if likely.old.guid in kept and likely.new.guid in kept:
                self.conflicts.append(
                    Conflict(
                        likely.new.guid,
                        "duplicate",
                        self.ours_paths[likely.old.guid],
                        self.theirs_paths[likely.new.guid],
                        f"{likely.score:.0f}% similar {likely.reason}; keep one code and "
                        "delete the other",
                    )
                )
        metadata = self.merge_metadata()
        codebook = replace(
            self.ours, **metadata, codes=tuple(result), conflicts=tuple(self.conflicts)
        ).in_tree_order()
        return MergeResult(codebook, self.applied)

    def keep_one_sided(self, code: Code, side: str) -> bool:
        """Whether a code found on one side only stays in the merge."""
        base = self.base_for[side].get(code.guid)
        if base is None:
            return True  # added on that side
        unchanged = all(
            self.field_of(code, f, side) == self.base_field(base, f) for f in _MERGED_FIELDS
        )
        paths = self.ours_paths if side == "ours" else self.theirs_paths
        other = "theirs" if side == "ours" else "ours"
        if unchanged:
            self.applied.append(f"{paths[code.guid]}: deleted, as in {other}")
            return False
        self.conflicts.append(
            Conflict(code.guid, "deleted", f"kept and changed in {side}", f"deleted in {other}")
        )
        return True

    def merge_metadata(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for name in METADATA_FIELDS:
            mine, other = getattr(self.ours, name), getattr(self.theirs, name)
            if mine == other:
                continue
            original = getattr(self.base, name) if self.base is not None else None
            if self.base is not None and mine == original:
                values[name] = other
                self.applied.append(f"codebook {name} taken from theirs")
            elif (self.base is not None and other == original) or _empty(other):
                continue
            elif self.base is None and _empty(mine):
                values[name] = other
            else:
                self.conflicts.append(
                    Conflict(
                        CODEBOOK_CONFLICTS, name, self.shown(mine, name), self.shown(other, name)
                    )
                )
        return values


def merge_codebooks(ours: Codebook, theirs: Codebook, base: Codebook | None = None) -> MergeResult:
    """Merge ``theirs`` into ``ours`` (optionally against their common ``base``)."""
    return _Merge(ours, theirs, base).run()
