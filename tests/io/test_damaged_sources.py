"""Crafted source files that were imported wrongly or crashed: each is now refused or read
whole, with what could not be read said in one line."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest

from qcode.core.errors import InputFileError
from qcode.core.text import escape_undecodable, restore_undecodable
from qcode.io.docx_in import read_docx
from qcode.io.encoding import detect_encoding
from qcode.io.formats import ImportOptions, read_file
from tests.cli.runner import qcode
from tests.factories import write_bib, write_docx

TEXT = "Kerja sama pemerintah dan LSM dalam penanganan perdagangan orang."


def _docx_bytes(paragraph: str = TEXT) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(target: Path, data: bytes, change=None, extra=()) -> Path:
    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            content = source.read(member.filename)
            if change is not None:
                content = change(member.filename, content)
            archive.writestr(member.filename, content)
        for name, content in extra:
            archive.writestr(name, content)
    return target


def _understate(path: Path, member: str, claimed: int) -> None:
    """Rewrite the zip headers of ``member`` so that they claim ``claimed`` bytes."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + length] == name:
            data[at + 24 : at + 28] = struct.pack("<I", claimed)
            local = struct.unpack("<I", data[at + 42 : at + 46])[0]
            data[local + 22 : local + 26] = struct.pack("<I", claimed)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_a_member_whose_headers_understate_its_size_is_refused(tmp_path):
    extra = [("word/media/a.bin", b"\0" * 8_000_000)]
    path = _rezip(tmp_path / "lie.docx", _docx_bytes(), extra=extra)
    _understate(path, "word/media/a.bin", 1000)
    with pytest.raises(InputFileError, match="not what its headers say"):
        read_docx(path)


def test_many_small_pictures_adding_up_to_a_bomb_are_refused(tmp_path):
    blob = b"\0" * 5_000_000  # each well under the per-member limit
    extra = [(f"word/media/image{n}.png", blob) for n in range(30)]
    path = _rezip(tmp_path / "many.docx", _docx_bytes(), extra=extra)
    assert path.stat().st_size < 1_000_000
    with pytest.raises(InputFileError, match="unpack over 200× the file's size"):
        read_docx(path)


def test_pictures_are_not_held_in_memory_when_reading_text(tmp_path):
    import tracemalloc

    pictures = [(f"word/media/image{n}.png", os.urandom(3_000_000)) for n in range(10)]
    path = _rezip(tmp_path / "photos.docx", _docx_bytes(), extra=pictures)
    tracemalloc.start()
    record = read_docx(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert record.text == TEXT
    assert peak < 15_000_000  # 30 MB of pictures; before, all of them were loaded


def test_an_entity_in_a_word_document_is_refused_not_skipped(tmp_path):
    def with_entity(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        content = content.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY x "lost">]>', 1)
        return content.replace(b"pemerintah", b"&x; pemerintah")

    path = _rezip(tmp_path / "entity.docx", _docx_bytes(), change=with_entity)
    with pytest.raises(InputFileError, match="word/document.xml declares a DOCTYPE"):
        read_docx(path)


def test_a_sound_word_document_still_reads(tmp_path):
    path = write_docx(tmp_path / "ok.docx", [TEXT], table=[["a", "b"], ["c", "d"]])
    assert read_docx(path).text.startswith(TEXT)


STRAY = """@article{ayu2020,
  title = {Kerja sama pemerintah dan LSM},
  author = {Lestari, Ayu},
  journal = {Jurnal Hubungan Internasional}},
  abstract = {Abstrak tentang kerja sama penanganan perdagangan orang.},
  year = {2020}
}

@article{budi2021,
  title = {Legitimasi LSM},
  abstract = {Abstrak kedua tentang legitimasi.},
  year = {2021}
}
"""


def test_a_bibtex_entry_cut_short_by_a_stray_brace_is_a_broken_record(tmp_path):
    result = read_file(write_bib(tmp_path / "stray.bib", STRAY), ImportOptions())
    assert [r.title for r in result.records] == ["Legitimasi LSM"]
    [problem] = result.problems
    assert "ayu2020" in problem.label
    assert "stray '}' at line 4: abstract, year not read" in problem.problem


def test_control_characters_are_dropped_and_counted(tmp_path):
    records = "".join(
        f"TY  - JOUR\nTI  - Judul {n}\nAB  - Abstrak kerja sama nomor {n} yang panjang.\nER  - \n\n"
        for n in range(1500)
    )  # past the first 64 KB, where NUL would mark the file as binary
    late = "TY  - JOUR\nTI  - Judul\x00 dengan NUL\nAB  - Abstrak kerja\x01 sama.\nER  - \n"
    path = tmp_path / "late.ris"
    path.write_text(records + late, encoding="utf-8")
    result = read_file(path, ImportOptions())
    assert result.records[-1].title == "Judul dengan NUL"
    assert result.records[-1].text == "Abstrak kerja sama."
    assert any("2 control character(s)" in w for w in result.warnings)


def test_forced_encoding_reads_the_file_or_names_the_line(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Caf\u00e9 kerja sama\n".encode() + "\u00e9t\u00e9\n".encode("cp1252"))
    with pytest.raises(InputFileError, match="line 2, byte 17"):
        detect_encoding(path)
    options = ImportOptions(encoding="cp1252")
    [record] = read_file(path, options).records
    assert record.text == "CafÃ© kerja sama\nété"  # what the user asked for, exactly
    with pytest.raises(InputFileError, match="not valid utf-8 at line 2, byte 17"):
        detect_encoding(path, "utf-8")


def test_undecodable_file_names_round_trip():
    for raw in (
        b"laporan-\xe9t\xe9.txt",
        b"a\\b-\xff.txt",
        b"plain.txt",
        b"C:\\x86\\n.txt",
        b"C:\\x86.txt",
    ):
        name = os.fsdecode(raw)
        stored = escape_undecodable(name)
        stored.encode("utf-8")  # storable in any database
        assert os.fsencode(restore_undecodable(stored)) == raw


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_is_imported_with_escapes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(str(folder)) + b"/laporan-\xe9t\xe9.txt"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write(TEXT)
    project = tmp_path / "p.qcode"
    assert qcode("init", project).code == 0
    run = qcode("import", project, folder, "--json")
    assert run.code == 0, run.err
    [doc] = qcode("docs", project, "--json").json()
    assert doc["title"] == "laporan \\xe9t\\xe9"
    shown = qcode("show", project, str(doc["id"]), "--json").json()
    assert os.fsencode(restore_undecodable(shown["source_path"])) == raw
    assert run.json()["files"] == [shown["source_path"]]
