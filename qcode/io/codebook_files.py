"""Which codebook format a file is in, by its extension, for reading and writing."""

from __future__ import annotations

from pathlib import Path

from qcode.core.codebook import Codebook
from qcode.core.codebook_checks import Problem
from qcode.core.errors import InputFileError, UsageError

READABLE = (".yaml", ".yml", ".qdc", ".csv", ".xlsx", ".qdpx")
WRITABLE = (".yaml", ".yml", ".qdc", ".csv", ".xlsx", ".docx")


MAX_CODES = 10_000
MAX_LEVELS = 100


def is_codebook_file(path: Path) -> bool:
    return path.suffix.lower() in READABLE


def read_codebook_file(path: Path, split_on: str | None = None) -> tuple[Codebook, list[Problem]]:
    """The codebook in ``path`` (.yaml, .qdc, .csv, .xlsx, or a .qdpx project's) and the
    problems met reading it."""
    codebook, problems = _read(path, split_on)
    check_limits(codebook, path)
    return codebook, problems


def check_limits(codebook: Codebook, path: Path) -> None:
    """Refuse a codebook past :data:`MAX_CODES` codes or :data:`MAX_LEVELS` levels: no
    researcher's codebook comes near, and checking one that does would take minutes."""
    if len(codebook.codes) > MAX_CODES:
        raise InputFileError(
            str(path), f"{len(codebook.codes):,} codes, over the limit of {MAX_CODES:,}; refused"
        )
    deepest = max((depth for depth, _ in codebook.walk()), default=0) + 1
    if deepest > MAX_LEVELS:
        raise InputFileError(
            str(path), f"codes nested {deepest:,} levels deep, over the limit of {MAX_LEVELS}"
        )


def _read(path: Path, split_on: str | None) -> tuple[Codebook, list[Problem]]:
    if not path.exists():
        raise InputFileError(str(path), "no such file")
    if not path.is_file():
        raise InputFileError(str(path), "not a regular file")
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        from qcode.io.codebook_yaml import read_codebook_yaml

        return read_codebook_yaml(path)
    if suffix == ".qdc":
        from qcode.io.qdc import read_qdc

        return read_qdc(path, split_on)
    if suffix == ".qdpx":  # a whole project: its codebook only
        from qcode.io.qdc import split_names
        from qcode.io.qdpx_read import read_qdpx

        contents = read_qdpx(path)
        codebook = contents.exchange.codebook
        if split_on:
            codebook = split_names(codebook, split_on).in_tree_order()
        return codebook, [Problem(w, error=False) for w in contents.warnings]
    if suffix == ".csv":
        from qcode.io.codebook_table import read_codebook_csv

        return read_codebook_csv(path)
    if suffix == ".xlsx":
        from qcode.io.codebook_xlsx import read_codebook_xlsx

        return read_codebook_xlsx(path)
    raise InputFileError(
        str(path), f"not a codebook file type ({path.suffix or 'none'}); use {' '.join(READABLE)}"
    )


def write_codebook_file(codebook: Codebook, path: Path, lang: str = "en") -> None:
    """Write ``codebook`` in the format ``path``'s extension names."""
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        from qcode.io.codebook_yaml import write_codebook_yaml

        write_codebook_yaml(codebook, path)
    elif suffix == ".qdc":
        from qcode.io.qdc import write_qdc

        write_qdc(codebook, path)
    elif suffix == ".csv":
        from qcode.io.codebook_table import write_codebook_csv

        write_codebook_csv(codebook, path)
    elif suffix == ".xlsx":
        from qcode.io.codebook_xlsx import write_codebook_xlsx

        write_codebook_xlsx(codebook, path)
    elif suffix == ".docx":
        from qcode.io.codebook_docx import write_codebook_docx

        write_codebook_docx(codebook, path, lang)
    else:
        raise UsageError(
            f"{path}: cannot tell the format from {path.suffix or 'no extension'!r}; "
            f"use {' '.join(WRITABLE)}"
        )
