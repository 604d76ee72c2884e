"""The native codebook file: YAML, easy to edit by hand and to read in ``git diff``.

Keys are written in a fixed order, one code per block, children nested under ``children``.
Reading keeps the line of every code so that problems point at the right place; unknown keys
are warned about, not fatal, so files from newer qcode versions still load.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from qcode.core.codebook import CODEBOOK_CONFLICTS, FORMAT_VERSION, Code, Codebook, Conflict
from qcode.core.codebook_checks import Problem
from qcode.core.colours import parse_colour
from qcode.core.errors import InputFileError
from qcode.core.guids import normalise_guid
from qcode.io.yaml_loading import LINE as _LINE
from qcode.io.yaml_loading import load_yaml

_TOP_KEYS = (
    "qcode_codebook",
    "title",
    "version",
    "authors",
    "languages",
    "licence",
    "created",
    "updated",
    "conflicts",
    "codes",
)
_CODE_KEYS = (
    "name",
    "guid",
    "colour",
    "shortcut",
    "codable",
    "retired",
    "description",
    "inclusion",
    "exclusion",
    "examples",
    "keywords",
    "exclude",
    "conflicts",
    "parent",
    "children",
)
# GUIDs made for hand-written codes that have none are derived from their path, so loading
# the same file twice gives the same codes.
_GUID_NAMESPACE = uuid.UUID("8a3c6f0e-4f7b-4d55-9a53-2f2d9f1c7a10")
MAX_BYTES = 20_000_000




def read_codebook_yaml(path: Path) -> tuple[Codebook, list[Problem]]:
    """The codebook in ``path`` and the problems met while reading it (not yet validated)."""
    if path.stat().st_size > MAX_BYTES:
        raise InputFileError(str(path), "codebook file over 20 MB; refused")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputFileError(str(path), "not UTF-8 text") from None
    return parse_codebook_yaml(text, str(path))


def parse_codebook_yaml(text: str, source: str) -> tuple[Codebook, list[Problem]]:
    data = load_yaml(text, source)
    if not isinstance(data, dict):
        raise InputFileError(source, "not a qcode codebook (expected keys such as title and codes)")
    return _Reader(data).codebook()


class _Reader:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.problems: list[Problem] = []
        self.codes: list[Code] = []
        self.conflicts: list[Conflict] = []
        # Codes that name their parent ("parent: <GUID or name>") instead of nesting.
        self.named_parents: dict[int, str] = {}

    def warn(self, message: str, line: int | None) -> None:
        self.problems.append(Problem(message, line, error=False))

    def fail(self, message: str, line: int | None) -> None:
        self.problems.append(Problem(message, line))

    def codebook(self) -> tuple[Codebook, list[Problem]]:
        data = self.data
        line = data.get(_LINE)
        for key in data:
            if key not in _TOP_KEYS and key != _LINE:
                self.warn(f"unknown key {key!r} ignored", line)
        version = data.get("qcode_codebook", FORMAT_VERSION)
        if isinstance(version, int) and version > FORMAT_VERSION:
            self.warn(f"written by a newer qcode (format {version}); some fields may be lost", line)
        title = _text(data.get("title")) or "Untitled codebook"
        codes = data.get("codes") or []
        if not isinstance(codes, list):
            self.fail("'codes' must be a list of codes", line)
            codes = []
        self._read_codes(codes, None, title, "")
        self._resolve_parents()
        self._read_conflicts(data.get("conflicts"), CODEBOOK_CONFLICTS, "the codebook", line)
        codebook = Codebook(
            title=title,
            version=_text(data.get("version")) or "1",
            authors=tuple(self._strings(data.get("authors"), "authors", line)),
            languages=tuple(self._strings(data.get("languages"), "languages", line))
            or ("id", "en"),
            licence=_text(data.get("licence")),
            created=_text(data.get("created")),
            updated=_text(data.get("updated")),
            codes=tuple(self.codes),
            conflicts=tuple(self.conflicts),
        )
        return codebook, self.problems

    def _strings(self, value: Any, key: str, line: int | None) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            return [value.strip()] if value.strip() else []
        if isinstance(value, list):
            return [_text(v) for v in value if _text(v)]
        self.fail(f"{key!r} must be a list of text", line)
        return []

    def _read_codes(self, items: list[Any], parent: str | None, title: str, path: str) -> None:
        for item in items:
            if not isinstance(item, dict):
                self.fail(f"a code must be a mapping with a name, got {item!r}", None)
                continue
            code = self._read_code(item, parent, title, path)
            if item.get("parent") not in (None, ""):
                if parent is not None:
                    self.fail(
                        f"code {code.name!r}: nested under a code and naming a parent", code.line
                    )
                else:
                    self.named_parents[len(self.codes)] = _text(item["parent"])
            self.codes.append(code)
            children = item.get("children") or []
            if not isinstance(children, list):
                self.fail(f"code {code.name!r}: 'children' must be a list", code.line)
                continue
            self._read_codes(children, code.guid, title, f"{path}/{code.name}")

    def _resolve_parents(self) -> None:
        by_guid = {code.guid: code.guid for code in self.codes}
        by_name: dict[str, list[str]] = {}
        for code in self.codes:
            by_name.setdefault(code.name.casefold(), []).append(code.guid)
        for index, reference in self.named_parents.items():
            code = self.codes[index]
            try:
                found = by_guid.get(normalise_guid(reference))
            except ValueError:
                matches = by_name.get(reference.casefold(), [])
                found = matches[0] if len(matches) == 1 else None
            if found is None:
                self.fail(
                    f"code {code.name!r}: parent {reference!r} is not a code of this file",
                    code.line,
                )
                continue
            self.codes[index] = replace(code, parent=found)

    def _read_code(self, item: dict[str, Any], parent: str | None, title: str, path: str) -> Code:
        line = item.get(_LINE)
        name = _text(item.get("name"))
        for key in item:
            if key not in _CODE_KEYS and key != _LINE:
                self.warn(f"code {name!r}: unknown key {key!r} ignored", line)
        guid = self._guid(item.get("guid"), name, line, f"{title}/{path}/{name}")
        colour = None
        if item.get("colour") not in (None, ""):
            try:
                colour = parse_colour(str(item["colour"]))
            except ValueError as exc:
                self.fail(f"code {name!r}: {exc}", line)
        shortcut = item.get("shortcut")
        if shortcut is not None and (isinstance(shortcut, bool) or not isinstance(shortcut, int)):
            self.fail(f"code {name!r}: shortcut must be a digit 1-9, got {shortcut!r}", line)
            shortcut = None
        code = Code(
            guid=guid,
            name=name,
            parent=parent,
            colour=colour,
            description=_text(item.get("description")),
            inclusion=_text(item.get("inclusion")),
            exclusion=_text(item.get("exclusion")),
            examples=tuple(self._strings(item.get("examples"), "examples", line)),
            keywords=self._keywords(item.get("keywords"), name, line),
            exclude=self._keywords(item.get("exclude"), name, line, "exclude"),
            shortcut=shortcut,
            codable=self._flag(item, "codable", True, name, line),
            retired=self._flag(item, "retired", False, name, line),
            line=line,
        )
        self._read_conflicts(item.get("conflicts"), code.guid, f"code {name!r}", line)
        return code

    def _guid(self, raw: Any, name: str, line: int | None, seed: str) -> str:
        if raw in (None, ""):
            return str(uuid.uuid5(_GUID_NAMESPACE, seed))
        try:
            return normalise_guid(str(raw))
        except ValueError:
            self.fail(f"code {name!r}: {raw!r} is not a GUID", line)
            return str(uuid.uuid5(_GUID_NAMESPACE, seed))

    def _flag(
        self, item: dict[str, Any], key: str, default: bool, name: str, line: int | None
    ) -> bool:
        value = item.get(key, default)
        if isinstance(value, bool):
            return value
        self.fail(f"code {name!r}: {key!r} must be true or false, got {value!r}", line)
        return default

    def _keywords(
        self, value: Any, name: str, line: int | None, key: str = "keywords"
    ) -> dict[str, tuple[str, ...]]:
        if value in (None, ""):
            return {}
        if isinstance(value, list):  # a plain list: keywords for any language
            return {"any": tuple(_text(v) for v in value if _text(v))}
        if not isinstance(value, dict):
            self.fail(f"code {name!r}: {key} must map a language to a list", line)
            return {}
        keywords: dict[str, tuple[str, ...]] = {}
        for language, words in value.items():
            if language == _LINE:
                continue
            listed = words if isinstance(words, list) else [words]
            keywords[str(language)] = tuple(_text(w) for w in listed if _text(w))
        return keywords

    def _read_conflicts(self, value: Any, guid: str, what: str, line: int | None) -> None:
        if not value:
            return
        if not isinstance(value, dict):
            self.fail(f"{what}: 'conflicts' must be a mapping", line)
            return
        for field_name, choice in value.items():
            if field_name == _LINE:
                continue
            choice = choice if isinstance(choice, dict) else {"ours": choice}
            self.conflicts.append(
                Conflict(
                    guid,
                    str(field_name),
                    _plain(choice.get("ours")),
                    _plain(choice.get("theirs")),
                    _text(choice.get("note")),
                )
            )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != _LINE}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Flow(list):
    """A short list written on one line: ``[kerja sama, kerjasama]``."""


class _Dumper(yaml.SafeDumper):
    pass


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(_Flow, _represent_flow)


def codebook_to_yaml(codebook: Codebook) -> str:
    """The YAML text of ``codebook``, keys in a fixed order, children nested."""
    conflicts: dict[str, list[Conflict]] = {}
    for conflict in codebook.conflicts:
        conflicts.setdefault(conflict.guid, []).append(conflict)

    def conflict_block(items: list[Conflict]) -> dict[str, Any]:
        return {
            c.field: {"ours": c.ours, "theirs": c.theirs, **({"note": c.note} if c.note else {})}
            for c in items
        }

    def code_block(code: Code) -> dict[str, Any]:
        block: dict[str, Any] = {"name": code.name, "guid": code.guid}
        if code.colour:
            block["colour"] = code.colour
        if code.shortcut is not None:
            block["shortcut"] = code.shortcut
        if not code.codable:
            block["codable"] = False
        if code.retired:
            block["retired"] = True
        for key in ("description", "inclusion", "exclusion"):
            if getattr(code, key):
                block[key] = getattr(code, key)
        if code.examples:
            block["examples"] = list(code.examples)
        if code.keywords:
            block["keywords"] = {lang: _Flow(words) for lang, words in code.keywords.items()}
        if code.exclude:
            block["exclude"] = {lang: _Flow(words) for lang, words in code.exclude.items()}
        if code.guid in conflicts:
            block["conflicts"] = {
                c.field: {
                    "ours": c.ours,
                    "theirs": c.theirs,
                    **({"note": c.note} if c.note else {}),
                }
                for c in conflicts[code.guid]
            }
        children = [code_block(child) for child in codebook.children(code.guid)]
        if children:
            block["children"] = children
        return block

    document: dict[str, Any] = {
        "qcode_codebook": FORMAT_VERSION,
        "title": codebook.title,
        "version": codebook.version,
        "authors": list(codebook.authors),
        "languages": _Flow(codebook.languages),
    }
    for key in ("licence", "created", "updated"):
        if getattr(codebook, key):
            document[key] = getattr(codebook, key)
    if CODEBOOK_CONFLICTS in conflicts:
        document["conflicts"] = conflict_block(conflicts[CODEBOOK_CONFLICTS])
    document["codes"] = [code_block(code) for code in codebook.children(None)]
    return yaml.dump(
        document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96, indent=2
    )


def write_codebook_yaml(codebook: Codebook, path: Path) -> None:
    path.write_text(codebook_to_yaml(codebook), encoding="utf-8")
