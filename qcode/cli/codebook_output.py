"""Printing codebooks, load reports and diffs, as text and as documented JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from qcode.core.codebook import Code, Codebook
from qcode.core.codebook_diff import CodebookDiff, word_diff

if TYPE_CHECKING:
    from qcode.services.codebooks import LoadReport


def code_json(codebook: Codebook, code: Code, usage: dict[str, int] | None = None) -> dict:
    data = {
        "guid": code.guid,
        "path": codebook.path(code.guid),
        "name": code.name,
        "parent": code.parent,
        "colour": code.colour,
        "shortcut": code.shortcut,
        "codable": code.codable,
        "retired": code.retired,
        "description": code.description,
        "inclusion": code.inclusion,
        "exclusion": code.exclusion,
        "examples": list(code.examples),
        "keywords": {lang: list(words) for lang, words in code.keywords.items()},
        "exclude": {lang: list(words) for lang, words in code.exclude.items()},
    }
    if usage is not None:
        data["segments"] = usage.get(code.guid, 0)
    return data


def print_tree(codebook: Codebook, usage: dict[str, int]) -> None:
    print(f"{codebook.title} (version {codebook.version})")
    for depth, code in codebook.walk():
        marks = []
        if code.shortcut is not None:
            marks.append(f"[{code.shortcut}]")
        if not code.codable:
            marks.append("(group)")
        if code.retired:
            marks.append("(retired)")
        count = usage.get(code.guid, 0)
        suffix = f"  {count} segment(s)" if count else ""
        extra = " " + " ".join(marks) if marks else ""
        print(f"{'  ' * depth}{code.colour or '       '} {code.name}{extra}{suffix}")


def _pair_paths(pairs, old_paths: dict[str, str], new_paths: dict[str, str]) -> list[dict]:
    return [{"from": old_paths[p.old.guid], "to": new_paths[p.new.guid]} for p in pairs]


def load_json(report: LoadReport) -> dict:
    plan, usage = report.plan, report.usage
    diff = plan.diff
    new_paths, old_paths = diff.new.paths(), diff.old.paths()
    return {
        "dry_run": report.dry_run,
        "added": [new_paths[c.guid] for c in diff.added],
        "updated": [
            {"code": new_paths[p.new.guid], "fields": fields} for p, fields in diff.updated()
        ],
        "renamed": _pair_paths(diff.renamed(), old_paths, new_paths),
        "moved": _pair_paths(diff.moved(), old_paths, new_paths),
        "retired": [
            {"code": old_paths[c.guid], "segments": usage.get(c.guid, 0)} for c in plan.retired
        ],
        "deleted": [old_paths[c.guid] for c in plan.deleted],
        "warnings": report.warnings,
    }


def print_load(report: LoadReport) -> None:
    data = load_json(report)
    for path in data["added"]:
        print(f"added:   {path}")
    for item in data["updated"]:
        print(f"updated: {item['code']} ({', '.join(item['fields'])})")
    for item in data["renamed"]:
        print(f"renamed: {item['from']} -> {item['to']}")
    for item in data["moved"]:
        print(f"moved:   {item['from']} -> {item['to']}")
    for item in data["retired"]:
        used = f", {item['segments']} segment(s) kept" if item["segments"] else ""
        print(f"retired: {item['code']} (not in the file{used})")
    for path in data["deleted"]:
        print(f"deleted: {path} (not in the file, no segments)")
    counts = ", ".join(
        f"{len(data[k])} {k}"
        for k in ("added", "updated", "renamed", "moved", "retired", "deleted")
    )
    prefix = "Dry run, nothing written: " if report.dry_run else "Loaded codebook: "
    print(prefix + counts)


def diff_json(diff: CodebookDiff) -> dict:
    old_paths, new_paths = diff.old.paths(), diff.new.paths()
    changes = []
    for pair, fields in diff.updated():
        change: dict = {"code": new_paths[pair.new.guid], "fields": fields}
        for name in ("description", "inclusion", "exclusion"):
            if name in fields:
                change[name] = word_diff(getattr(pair.old, name), getattr(pair.new, name))
        for name in ("keywords", "exclude"):
            if name in fields:
                change[name] = _keyword_changes(getattr(pair.old, name), getattr(pair.new, name))
        changes.append(change)
    return {
        "metadata": {k: {"a": a, "b": b} for k, (a, b) in diff.metadata_changes().items()},
        "added": [new_paths[c.guid] for c in diff.added],
        "removed": [old_paths[c.guid] for c in diff.removed],
        "renamed": _pair_paths(diff.renamed(), old_paths, new_paths),
        "moved": _pair_paths(diff.moved(), old_paths, new_paths),
        "changed": changes,
        "likely_duplicates": [
            {
                "a": old_paths[d.old.guid],
                "b": new_paths[d.new.guid],
                "score": round(d.score, 1),
                "by": d.reason,
            }
            for d in diff.likely_duplicates
        ],
    }


def _keyword_changes(old: Mapping, new: Mapping) -> dict:
    changes = {}
    for language in sorted(set(old) | set(new)):
        before, after = set(old.get(language, ())), set(new.get(language, ()))
        if before != after:
            changes[language] = {"added": sorted(after - before), "removed": sorted(before - after)}
    return changes


def print_diff(diff: CodebookDiff, first: str, second: str) -> None:
    data = diff_json(diff)
    print(f"--- {first}\n+++ {second}")
    for name, values in data["metadata"].items():
        print(f"codebook {name}: {values['a']!r} -> {values['b']!r}")
    for path in data["added"]:
        print(f"+ added:   {path}")
    for path in data["removed"]:
        print(f"- removed: {path}")
    for item in data["renamed"]:
        print(f"~ renamed: {item['from']} -> {item['to']}")
    for item in data["moved"]:
        print(f"~ moved:   {item['from']} -> {item['to']}")
    for change in data["changed"]:
        print(f"~ changed: {change['code']} ({', '.join(change['fields'])})")
        for name in ("description", "inclusion", "exclusion"):
            if name in change:
                print(f"    {name}: {change[name]}")
        for name in ("keywords", "exclude"):
            for language, words in change.get(name, {}).items():
                added = ", ".join(words["added"]) or "-"
                removed = ", ".join(words["removed"]) or "-"
                print(f"    {name} {language}: +[{added}] -[{removed}]")
    for item in data["likely_duplicates"]:
        print(
            f"? likely the same code: {item['a']} ~ {item['b']} ({item['score']}% by {item['by']})"
        )
    if diff.is_empty() and not data["likely_duplicates"] and not data["metadata"]:
        print("no differences")
