"""Codebook files built to hurt: refused in one line, quickly, with nothing loaded."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from qcode.cli.main import main

NAMESPACE = "urn:QDA-XML:codebook:1.0"


def billion_laughs(path: Path) -> Path:
    """Ten levels of nine aliases each: a few hundred bytes that would expand to 9^10 strings."""
    lines = ["title: Laughs", "codes:", "  - name: a", '    description: &a ["lol", "lol"]']
    previous = "a"
    for level in range(1, 10):
        name = chr(ord("a") + level)
        refs = ", ".join([f"*{previous}"] * 9)
        lines += [f"  - name: {name}", f"    description: &{name} [{refs}]"]
        previous = name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def deep_yaml(path: Path, levels: int = 1000) -> Path:
    lines, indent = ["title: Deep", "codes:"], "  "
    for level in range(levels):
        lines += [f"{indent}- name: level{level}", f"{indent}  codes:"]
        indent += "    "
    lines.append(f"{indent}- name: bottom")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def qdc(path: Path, body: str) -> Path:
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="{NAMESPACE}"><Codes>{body}'
        "</Codes></CodeBook>",
        encoding="utf-8",
    )
    return path


def repeated_guid(path: Path) -> Path:
    guid = str(uuid.uuid4())
    return qdc(
        path,
        f'<Code guid="{guid}" name="Obstacles" isCodable="true">'
        f'<Code guid="{guid}" name="Again" isCodable="true"/></Code>',
    )


def deep_qdc(path: Path, levels: int = 1000) -> Path:
    opening = "".join(
        f'<Code guid="{uuid.uuid4()}" name="c{i}" isCodable="true">' for i in range(levels)
    )
    return qdc(path, opening + "</Code>" * levels)


def deep_csv(path: Path, levels: int = 1000) -> Path:
    names = ["level0"]
    for n in range(1, levels):
        names.append(f"{names[-1]} > level{n}")
    path.write_text("code,description\n" + "".join(f'"{n}",d\n' for n in names))
    return path


def many_codes_csv(path: Path, count: int = 200_000) -> Path:
    path.write_text("code,description\n" + "".join(f"Again{n},d\n" for n in range(count)))
    return path


def parent_chain_yaml(path: Path, levels: int = 500) -> Path:
    lines = ["title: chain", "codes:"]
    for n in range(levels):
        lines.append(f"  - name: level{n}")
        if n:
            lines.append(f"    parent: level{n - 1}")
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize(
    ("build", "name", "said"),
    [
        (deep_csv, "deep.csv", "a code 101 levels deep"),
        (many_codes_csv, "many.csv", "more than 10,000 codes"),
        (parent_chain_yaml, "chain.yaml", "nested 500 levels deep, over the limit of 100"),
        (billion_laughs, "laughs.yaml", "aliases (*name) are not allowed"),
        (deep_yaml, "deep.yaml", "nested more than 200 levels deep"),
        (repeated_guid, "repeated.qdc", "repeats the GUID"),
        (deep_qdc, "deep.qdc", "nested more than 100 levels deep"),
    ],
)
def test_hostile_codebooks_are_refused_in_one_line(tmp_path, capsys, build, name, said):
    project = str(tmp_path / "review.qcode")
    assert main(["init", project]) == 0
    capsys.readouterr()
    path = build(tmp_path / name)
    started = time.perf_counter()
    assert main(["codebook", "load", project, str(path)]) == 3
    assert time.perf_counter() - started < 10
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert name in error and said in error and "unexpected" not in error
    assert main(["codebook", "show", project, "--json"]) in (0, 2)
    shown = capsys.readouterr().out
    assert "level1" not in shown and "Again" not in shown


def test_a_code_listed_twice_in_a_table_is_an_error_not_lost(tmp_path):
    from qcode.core.codebook_checks import errors
    from qcode.io.codebook_table import read_codebook_csv

    path = tmp_path / "twice.csv"
    path.write_text("code,description\nHambatan,first\nLegitimasi,x\nHambatan,second\n")
    _, problems = read_codebook_csv(path)
    [problem] = errors(problems)
    assert problem.line == 4 and "listed twice (first on line 2)" in problem.message
