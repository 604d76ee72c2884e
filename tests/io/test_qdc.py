"""REFI-QDA codebook exchange: schema-valid export, lossless round trip, lenient import."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from qcode.core.errors import InputFileError
from qcode.io.codebook_yaml import read_codebook_yaml
from qcode.io.qdc import codebook_to_qdc, read_qdc
from tests.codebook_factories import SHIPPED, small_codebook


@pytest.fixture
def schema(shared_dir):
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(shared_dir / "refi-qda" / "Codebook.xsd")))


def assert_valid(schema, data: bytes) -> None:
    from lxml import etree

    assert schema.validate(etree.fromstring(data)), schema.error_log


def test_export_of_the_shipped_codebook_is_schema_valid_and_stable(schema):
    codebook, _ = read_codebook_yaml(SHIPPED)
    data = codebook_to_qdc(codebook)
    assert_valid(schema, data)
    assert data == codebook_to_qdc(codebook)  # the same GUIDs and bytes every time
    assert b"<Sets" not in data


def test_round_trip_keeps_every_field(tmp_path, schema):
    original = small_codebook()
    path = tmp_path / "small.qdc"
    path.write_bytes(codebook_to_qdc(original))
    assert_valid(schema, path.read_bytes())
    again, problems = read_qdc(path)
    assert problems == []
    assert again.codes == original.codes


def test_descriptions_keep_extra_fields_readable_for_other_tools(tmp_path):
    data = codebook_to_qdc(small_codebook()).decode()
    assert "[Inclusion] Sertakan jika" in data
    assert "[Keywords id] kerja sama; kerjasama" in data
    assert "&amp; &lt;tanda&gt;" in data


NVIVO_STYLE = (
    '\ufeff<?xml version="1.0" encoding="utf-8"?>\n'
    '<CodeBook xmlns="urn:QDA-XML:codebook:1:0" origin="NVivo 12 Mac">'
    "<Codes>"
    '<Code guid="{8F0A1C2E-3B4D-4E5F-8A9B-0C1D2E3F4A5B}" name="Obstacles.Slow response" '
    'isCodable="true" color="#f0a"/>'
    '<Code guid="8F0A1C2E-3B4D-4E5F-8A9B-0C1D2E3F4A5C" name="Legitimacy" isCodable="true"/>'
    '<Code guid="8F0A1C2E-3B4D-4E5F-8A9B-0C1D2E3F4A5D" name="Obstacles.Budget" isCodable="1"/>'
    "</Codes><Sets/></CodeBook>"
)


def test_a_flat_nvivo_style_codebook_loads_with_names_intact(tmp_path):
    path = tmp_path / "nvivo.qdc"
    path.write_bytes(NVIVO_STYLE.encode("utf-8"))
    codebook, problems = read_qdc(path)
    assert [c.name for c in codebook.codes] == [
        "Obstacles.Slow response",
        "Legitimacy",
        "Obstacles.Budget",
    ]
    assert codebook.codes[0].guid == "8f0a1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"
    assert codebook.codes[0].colour == "#FF00AA"
    assert problems == []


def test_split_on_nests_flat_names(tmp_path):
    path = tmp_path / "nvivo.qdc"
    path.write_bytes(NVIVO_STYLE.encode("utf-8"))
    codebook, _ = read_qdc(path, split_on=".")
    assert sorted(codebook.paths().values()) == [
        "Legitimacy",
        "Obstacles",
        "Obstacles > Budget",
        "Obstacles > Slow response",
    ]
    group = next(c for c in codebook.codes if c.name == "Obstacles")
    assert not group.codable


def test_real_taguette_and_atlas_ti_files_load(shared_dir):
    samples = shared_dir / "refi-qda" / "samples"
    taguette, problems = read_qdc(samples / "taguette-1.5.2-codebook.qdc")
    assert [c.name for c in taguette.codes] == ["interesting", "people", "interesting\\places"]
    assert problems == []
    atlas, problems = read_qdc(samples / "atlasti-23.4-codebook.qdc")
    (code,) = atlas.codes
    assert (code.name, code.colour, code.description) == ("code1", "#46AA00", "description")
    assert "code set(s)" in problems[0].message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '<CodeBook xmlns="urn:QDA-XML:project:1.0"><Codes/></CodeBook>',
            "namespace 'urn:QDA-XML:project:1.0' is not the REFI-QDA codebook namespace",
        ),
        ("<CodeBook><Codes/></CodeBook>", "namespace 'no namespace'"),
        ('<Project xmlns="urn:QDA-XML:project:1.0"/>', "a REFI-QDA project, not a codebook"),
        ("name,description\nA,b\n", "not well-formed XML"),
        (
            '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes></Codes></CodeBook>',
            "the codebook has no codes",
        ),
    ],
)
def test_wrong_files_are_refused_with_a_reason(tmp_path, content, message):
    path = tmp_path / "bad.qdc"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(
        InputFileError, match="bad.qdc: " + message.replace("(", r"\(").replace(")", r"\)")
    ):
        read_qdc(path)


def test_an_entity_bomb_is_refused_quickly(tmp_path):
    levels = "".join(
        f'<!ENTITY e{i} "{"&e" + str(i - 1) + ";" * 1}{("&e" + str(i - 1) + ";") * 9}">'
        for i in range(1, 10)
    )
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY e0 "ha">' + levels + "]>"
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="8f0a1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b" name="&e9;" isCodable="true"/>'
        "</Codes></CodeBook>"
    )
    path = tmp_path / "bomb.qdc"
    path.write_text(bomb)
    started = time.perf_counter()
    with pytest.raises(InputFileError, match="refused: the XML declares entities"):
        read_qdc(path)
    assert time.perf_counter() - started < 1.0


def test_an_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="8f0a1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b" name="&x;" isCodable="true"/>'
        "</Codes></CodeBook>"
    )
    path = tmp_path / "xxe.qdc"
    path.write_text(xml)
    with pytest.raises(InputFileError) as caught:
        read_qdc(path)
    assert "TOP-SECRET" not in str(caught.value)


def test_an_empty_codebook_cannot_be_exported():
    from qcode.core.codebook import Codebook
    from qcode.core.errors import UsageError

    with pytest.raises(UsageError, match="no codes"):
        codebook_to_qdc(Codebook())


def test_files_written_by_qcode_are_found_by_tests_as_real_files(tmp_path: Path):
    path = tmp_path / "shipped.qdc"
    path.write_bytes(codebook_to_qdc(read_codebook_yaml(SHIPPED)[0]))
    again, _ = read_qdc(path)
    assert len(again.codes) == 23
