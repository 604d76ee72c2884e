"""``qcode codebook …`` end to end, including every bad input the format can meet."""

from __future__ import annotations

import re

import pytest

from tests.cli.runner import qcode
from tests.codebook_factories import SHIPPED


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.qcode"
    assert qcode("init", path).code == 0
    assert qcode("codebook", "load", path, SHIPPED).code == 0
    return path


def codes_of(project):
    run = qcode("codebook", "show", project, "--json")
    assert run.code == 0, run.err
    return run.json()["codes"]


def test_validate_the_shipped_codebook():
    run = qcode("codebook", "validate", SHIPPED)
    assert run.code == 0 and "valid, 23 codes" in run.out


def test_show_export_and_reload(project, tmp_path):
    codes = codes_of(project)
    assert codes[0]["path"] == "Obstacles" and codes[0]["shortcut"] == 1
    assert codes[1]["path"] == "Obstacles > Slow government response"
    assert set(codes[0]) >= {
        "guid",
        "colour",
        "description",
        "inclusion",
        "exclusion",
        "examples",
        "keywords",
        "segments",
        "codable",
        "retired",
    }
    for suffix in (".qdc", ".csv", ".xlsx", ".yaml"):
        out = tmp_path / f"out{suffix}"
        assert qcode("codebook", "export", project, out).code == 0
        again = qcode("codebook", "load", project, out, "--json")
        assert again.code == 0, again.err
        report = again.json()
        assert (report["added"], report["renamed"], report["moved"], report["retired"]) == (
            [],
            [],
            [],
            [],
        )
    docx = qcode("codebook", "export", project, tmp_path / "book.docx", "--lang", "id")
    assert docx.code == 0 and (tmp_path / "book.docx").exists()


def test_load_dry_run_lists_changes_and_writes_nothing(project, tmp_path):
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        SHIPPED.read_text(encoding="utf-8").replace(
            "name: Rotation of officials", "name: Staff rotation"
        ),
        encoding="utf-8",
    )
    run = qcode("codebook", "load", project, edited, "--dry-run")
    assert run.code == 0
    assert "renamed: Obstacles > Rotation of officials -> Obstacles > Staff rotation" in run.out
    assert run.out.strip().endswith(
        "Dry run, nothing written: 0 added, 0 updated, 1 renamed, 0 moved, 0 retired, 0 deleted"
    )
    assert "Rotation of officials" in [c["name"] for c in codes_of(project)]


def test_diff_and_merge_two_edited_copies(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    ayu = tmp_path / "ayu.yaml"
    budi = tmp_path / "budi.yaml"
    ayu.write_text(
        text.replace(
            "Delays by government bodies in", "Delays by government bodies and officials in"
        ).replace("name: Number of actors", "name: Number of actors involved"),
        "utf-8",
    )
    budi.write_text(
        text.replace("Delays by government bodies in", "Slowness of government bodies in").replace(
            "- name: Mistrust between partners",
            "- name: Corruption\n    description: Officials"
            " protect traffickers.\n  - name: Mistrust between partners",
        ),
        "utf-8",
    )
    diff = qcode("codebook", "diff", ayu, budi, "--json").json()
    assert diff["added"] == ["Obstacles > Corruption"]
    assert diff["renamed"] == [
        {
            "from": "Coordination complexity > Number of actors involved",
            "to": "Coordination complexity > Number of actors",
        }
    ]
    change = next(c for c in diff["changed"] if c["code"] == "Obstacles > Slow government response")
    assert change["description"].startswith(
        "[-Delays by-] {+Slowness of+} government bodies [-and officials-]"
    )
    out = tmp_path / "merged.yaml"
    merged = qcode("codebook", "merge", ayu, budi, "--base", SHIPPED, "-o", out, "--json")
    assert merged.code == 0, merged.err
    result = merged.json()
    assert [(c["code"], c["field"]) for c in result["conflicts"]] == [
        ("Obstacles > Slow government response", "description")
    ]
    assert "Obstacles > Corruption: added from theirs" in result["applied"]
    check = qcode("codebook", "validate", out)
    assert check.code != 0 and "unresolved merge conflict on description" in check.out
    assert "theirs: Slowness of government bodies" in out.read_text(encoding="utf-8")


def test_merge_with_conflicts_needs_a_yaml_output(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    version = re.compile(r"^version: .*$", re.MULTILINE)
    a.write_text(version.sub("version: '1.5'", text), "utf-8")
    b.write_text(version.sub("version: '2.0'", text), "utf-8")
    run = qcode("codebook", "merge", a, b, "-o", tmp_path / "m.qdc")
    assert run.code != 0 and "write the merge to a .yaml file" in run.err
    assert not (tmp_path / "m.qdc").exists()


def test_new_writes_a_starter_that_validates(tmp_path):
    path = tmp_path / "mine.yaml"
    assert qcode("codebook", "new", path).code == 0
    assert qcode("codebook", "validate", path).code == 0
    assert qcode("codebook", "new", path).code != 0


CYCLE = "title: T\ncodes:\n- name: A\n  parent: B\n- name: B\n  parent: A\n"
SAME_GUID = (
    "title: T\ncodes:\n- name: A\n  guid: 8f0a1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\n"
    "- name: B\n  guid: 8F0A1C2E-3B4D-4E5F-8A9B-0C1D2E3F4A5B\n"
)
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="8f0a1c2e-3b4d-4e5f-8a9b-'
    '0c1d2e3f4a5b" name="&c;" isCodable="true"/></Codes></CodeBook>'
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="8f0a1c2e-3b4d-4e5f-8a9b-'
    '0c1d2e3f4a5b" name="&x;" isCodable="true"/></Codes></CodeBook>'
)
BAD_CODEBOOKS = [
    (
        "broken.yaml",
        "title: T\ncodes:\n\t- name: A\n",
        "broken.yaml: line 3, column 1: malformed YAML",
    ),
    ("cycle.yaml", CYCLE, "cycle.yaml:3: codes form a cycle of parents: A > B > A"),
    (
        "twice.yaml",
        SAME_GUID,
        "twice.yaml:5: two codes share GUID 8f0a1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
    ),
    (
        "project.qdc",
        '<CodeBook xmlns="urn:QDA-XML:project:1.0"><Codes/></CodeBook>',
        "project.qdc: namespace",
    ),
    ("notxml.qdc", "this is not xml", "notxml.qdc: not well-formed XML"),
    ("bomb.qdc", BOMB, "bomb.qdc: refused: the XML declares entities"),
    ("external.qdc", EXTERNAL, "external.qdc: refused: the XML declares entities"),
    ("nocode.csv", "description,colour\nx,#fff\n", "nocode.csv: no code name column"),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), BAD_CODEBOOKS, ids=[b[0] for b in BAD_CODEBOOKS]
)
def test_bad_codebooks_are_refused_and_the_project_is_unchanged(
    project, tmp_path, name, content, message
):
    before = codes_of(project)
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    run = qcode("codebook", "load", project, path)
    assert run.code != 0
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"qcode: error: {tmp_path}/{message}"), run.err
    assert "root:" not in run.err
    assert codes_of(project) == before


def test_export_to_a_missing_folder_leaves_nothing(project, tmp_path):
    run = qcode("codebook", "export", project, tmp_path / "nowhere" / "book.qdc")
    assert run.code != 0 and "folder" in run.err and "does not exist" in run.err
