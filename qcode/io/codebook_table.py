"""Codebooks as tables (CSV here, XLSX in codebook_xlsx): one row per code.

The columns are those Taguette and MAXQDA users exchange — code path (``Parent > Child``),
description, inclusion, exclusion, example, keywords, colour — plus qcode's own (keywords
per language, exclusion keywords per language — ``exclude``, ``exclude id`` —, shortcut,
codable, retired, guid) so a round trip loses nothing. Reading
accepts common alternative headings (``name``, ``tag``, ``definition``, ``kode``, ``color``…).
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import replace
from pathlib import Path

from qcode.core.codebook import PATH_SEPARATOR, Code, Codebook, split_path
from qcode.core.codebook_checks import Problem
from qcode.core.colours import parse_colour
from qcode.core.errors import InputFileError
from qcode.core.guids import normalise_guid
from qcode.core.spreadsheet_cells import neutralised, restored
from qcode.io.csv_in import guess_delimiter
from qcode.io.encoding import detect_encoding, read_text

_ALIASES = {
    "code": ("code", "code path", "path", "name", "code name", "tag", "kode", "nama kode"),
    "description": ("description", "definition", "definisi", "deskripsi", "memo"),
    "inclusion": ("inclusion", "inclusion criteria", "kriteria inklusi", "inklusi"),
    "exclusion": ("exclusion", "exclusion criteria", "kriteria eksklusi", "eksklusi"),
    "example": ("example", "examples", "contoh", "anchor example"),
    "keywords": ("keywords", "keyword", "kata kunci"),
    "exclude": ("exclude", "exclusion keywords", "kata pengecualian"),
    "colour": ("colour", "color", "warna"),
    "shortcut": ("shortcut",),
    "codable": ("codable",),
    "retired": ("retired",),
    "guid": ("guid", "id"),
}
_KEYWORD_PREFIXES = {
    "keywords": ("keywords ", "kata kunci "),
    "exclude": ("exclude ", "exclusion keywords ", "kata pengecualian "),
}
_PATH_NAMESPACE = uuid.UUID("5a0f3c1e-7d62-4f0b-9a8e-1b2c3d4e5f60")
MAX_BYTES = 20_000_000
MAX_PATH_LEVELS = 100
MAX_ROWS = 10_000


def codebook_rows(codebook: Codebook) -> tuple[list[str], list[list[str]]]:
    """Header and rows of ``codebook``, parents before children."""
    languages = list(codebook.languages)
    for code in codebook.codes:
        languages += [lang for lang in code.keywords if lang not in languages and lang != "any"]
    header = ["code", "description", "inclusion", "exclusion", "example", "keywords"]
    header += [f"keywords {lang}" for lang in languages]
    excluding = any(code.exclude for code in codebook.codes)
    if excluding:
        header += ["exclude", *(f"exclude {lang}" for lang in languages)]
    header += ["colour", "shortcut", "codable", "retired", "guid"]
    rows = []
    for _, code in codebook.walk():
        row = [
            codebook.path(code.guid),
            code.description,
            code.inclusion,
            code.exclusion,
            "\n".join(code.examples),
            "; ".join(code.keywords.get("any", ())),
        ]
        row += ["; ".join(code.keywords.get(lang, ())) for lang in languages]
        if excluding:
            row += ["; ".join(code.exclude.get(lang, ())) for lang in ("any", *languages)]
        row += [
            code.colour or "",
            str(code.shortcut) if code.shortcut is not None else "",
            "yes" if code.codable else "no",
            "yes" if code.retired else "no",
            code.guid,
        ]
        rows.append(row)
    return header, rows


def codebook_to_csv(codebook: Codebook) -> str:
    header, rows = codebook_rows(codebook)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([neutralised(v) for v in row] for row in rows)
    return out.getvalue()


def write_codebook_csv(codebook: Codebook, path: Path) -> None:
    # utf-8-sig: Excel opens a CSV with a byte-order mark in UTF-8 instead of guessing.
    path.write_text(codebook_to_csv(codebook), encoding="utf-8-sig")


def read_codebook_csv(path: Path) -> tuple[Codebook, list[Problem]]:
    if path.stat().st_size > MAX_BYTES:
        raise InputFileError(str(path), "codebook file over 20 MB; refused")
    if path.stat().st_size == 0:
        raise InputFileError(str(path), "file is empty")
    encoding = detect_encoding(path)
    text = read_text(path, encoding)
    reader = csv.reader(io.StringIO(text), delimiter=guess_delimiter(text))
    try:
        table = [[restored(cell) for cell in row] for row in reader]
    except csv.Error as exc:
        raise InputFileError(str(path), f"malformed CSV at line {reader.line_num}: {exc}") from None
    codebook, problems = codebook_from_rows(table, str(path))
    if encoding.warning:
        problems.insert(0, Problem(encoding.warning, error=False))
    return codebook, problems


def _column_map(header: list[str], source: str) -> tuple[dict[str, int], dict[str, int]]:
    lowered = [h.strip().casefold() for h in header]
    columns: dict[str, int] = {}
    for key, aliases in _ALIASES.items():
        for alias in aliases:
            if alias in lowered:
                columns[key] = lowered.index(alias)
                break
    keyword_columns: dict[tuple[str, str], int] = {}  # (keywords or exclude, language) → column
    for i, h in enumerate(lowered):
        for field, prefixes in _KEYWORD_PREFIXES.items():
            for prefix in prefixes:
                if h.startswith(prefix) and h[len(prefix) :].strip():
                    keyword_columns[field, h[len(prefix) :].strip()] = i
    if "code" not in columns:
        expected = ", ".join(_ALIASES["code"])
        raise InputFileError(source, f"no code name column (expected one of: {expected})")
    return columns, keyword_columns  # type: ignore[return-value]


def codebook_from_rows(table: list[list[str]], source: str) -> tuple[Codebook, list[Problem]]:
    """A codebook from a header row and one row per code (rows of any length)."""
    rows = [r for r in table if any(str(c).strip() for c in r)]
    if not rows:
        raise InputFileError(source, "no rows")
    columns, keyword_columns = _column_map([str(h) for h in rows[0]], source)
    problems: list[Problem] = []
    codes: list[Code] = []
    by_path: dict[str, str] = {}
    row_lines: dict[str, int] = {}  # the line of each code's own row

    def cell(row: list[str], key: str) -> str:
        i = columns.get(key)
        return str(row[i]).strip() if i is not None and i < len(row) and row[i] is not None else ""

    for line, row in enumerate(rows[1:], start=2):
        parts = split_path(cell(row, "code"))
        if not parts:
            problems.append(Problem("a row has no code name", line))
            continue
        if len(parts) > MAX_PATH_LEVELS:  # before building its paths, which grow with depth
            raise InputFileError(
                source, f"line {line}: a code {len(parts):,} levels deep; refused"
            )
        if len(codes) > MAX_ROWS:
            raise InputFileError(source, f"more than {MAX_ROWS:,} codes; refused")
        parent: str | None = None
        for depth in range(1, len(parts)):
            prefix = PATH_SEPARATOR.join(parts[:depth])
            if prefix not in by_path:
                guid = str(uuid.uuid5(_PATH_NAMESPACE, prefix))
                codes.append(
                    Code(guid=guid, name=parts[depth - 1], parent=parent, codable=False, line=line)
                )
                by_path[prefix] = guid
            parent = by_path[prefix]
        path = PATH_SEPARATOR.join(parts)
        if path in row_lines:  # a second row would silently replace or be lost
            problems.append(
                Problem(f"code {path!r} is listed twice (first on line {row_lines[path]})", line)
            )
            continue
        row_lines[path] = line
        code = _row_code(row, cell, keyword_columns, parts[-1], parent, path, line, problems)
        if path in by_path and by_path[path] != code.guid:
            # The row of a code that an earlier child row already created: fill that code in.
            index = next(i for i, c in enumerate(codes) if c.guid == by_path[path])
            codes[index] = replace(code, guid=codes[index].guid)
            continue
        by_path[path] = code.guid
        codes.append(code)
    return Codebook(title=Path(source).stem, codes=tuple(codes)).in_tree_order(), problems


def _row_code(row, cell, keyword_columns, name, parent, path, line, problems) -> Code:
    guid = str(uuid.uuid5(_PATH_NAMESPACE, path))
    if cell(row, "guid"):
        try:
            guid = normalise_guid(cell(row, "guid"))
        except ValueError:
            problems.append(
                Problem(f"code {name!r}: {cell(row, 'guid')!r} is not a GUID", line, False)
            )
    colour = None
    if cell(row, "colour"):
        try:
            colour = parse_colour(cell(row, "colour"))
        except ValueError as exc:
            problems.append(Problem(f"code {name!r}: {exc}", line))
    shortcut = None
    if cell(row, "shortcut"):
        if cell(row, "shortcut").isdigit():
            shortcut = int(cell(row, "shortcut"))
        else:
            problems.append(Problem(f"code {name!r}: shortcut must be a digit 1-9", line))
    lists: dict[str, dict[str, tuple[str, ...]]] = {"keywords": {}, "exclude": {}}
    for field in lists:
        if cell(row, field):
            lists[field]["any"] = _split_keywords(cell(row, field))
    for (field, language), i in keyword_columns.items():
        value = str(row[i]).strip() if i < len(row) and row[i] is not None else ""
        if value:
            lists[field][language] = _split_keywords(value)
    examples = tuple(e.strip() for e in cell(row, "example").split("\n") if e.strip())
    return Code(
        guid=guid,
        name=name,
        parent=parent,
        colour=colour,
        description=cell(row, "description"),
        inclusion=cell(row, "inclusion"),
        exclusion=cell(row, "exclusion"),
        examples=examples,
        keywords=lists["keywords"],
        exclude=lists["exclude"],
        shortcut=shortcut,
        codable=cell(row, "codable").lower() not in {"no", "false", "0"},
        retired=cell(row, "retired").lower() in {"yes", "true", "1"},
        line=line,
    )


def _split_keywords(value: str) -> tuple[str, ...]:
    separator = ";" if ";" in value else ","
    return tuple(w.strip() for w in value.split(separator) if w.strip())
