"""Loading a codebook over the one a project already has, without losing any coding.

Codes of the incoming codebook that match existing ones (see :func:`match_codes`) keep the
existing GUID, so their coded segments stay attached through renames and moves. Existing codes
missing from the incoming codebook are retired (kept, hidden from new coding); with ``prune``
those with no segments, and no kept descendants, are deleted instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from qcode.core.codebook import Code, Codebook
from qcode.core.codebook_diff import CodebookDiff, diff_codebooks


@dataclass(frozen=True)
class LoadPlan:
    result: Codebook
    diff: CodebookDiff
    retired: tuple[Code, ...]
    deleted: tuple[Code, ...]

    @property
    def delete_guids(self) -> list[str]:
        return [code.guid for code in self.deleted]


def plan_load(
    current: Codebook, incoming: Codebook, usage: Mapping[str, int], prune: bool = False
) -> LoadPlan:
    """The codebook the project will hold after loading ``incoming``, and what goes away."""
    diff = diff_codebooks(current, incoming)
    final_guid = {p.new.guid: p.old.guid for p in diff.pairs}
    codes: list[Code] = []
    for code in incoming.codes:
        parent = final_guid.get(code.parent, code.parent) if code.parent else None
        codes.append(replace(code, guid=final_guid.get(code.guid, code.guid), parent=parent))
    removed = {code.guid: code for code in diff.removed}
    deletable = _deletable(current, removed, usage) if prune else set()
    kept_guids = {code.guid for code in codes}
    retired: list[Code] = []
    for code in current.codes:  # tree order, so a kept parent comes before its children
        if code.guid not in removed or code.guid in deletable:
            continue
        parent = code.parent if code.parent in kept_guids else None
        kept = replace(code, parent=parent, retired=True, shortcut=None)
        retired.append(kept)
        codes.append(kept)
        kept_guids.add(code.guid)
    deleted = tuple(code for code in current.codes if code.guid in deletable)
    result = replace(incoming, codes=tuple(codes), conflicts=()).in_tree_order()
    return LoadPlan(result, diff, tuple(retired), deleted)


def _deletable(
    current: Codebook, removed: Mapping[str, Code], usage: Mapping[str, int]
) -> set[str]:
    """Removed codes with no segments whose descendants can all be deleted too."""
    deletable: set[str] = set()
    for _, code in reversed(list(current.walk())):  # children before parents
        if code.guid not in removed or usage.get(code.guid, 0):
            continue
        if all(child.guid in deletable for child in current.children(code.guid)):
            deletable.add(code.guid)
    return deletable
