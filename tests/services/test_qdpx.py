"""Whole projects to and from REFI-QDA (.qdpx): round trips, other tools' files, refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qcode.core.errors import InputFileError
from qcode.services.qdpx_export import export_qdpx
from qcode.services.qdpx_import import import_qdpx, merge_with_qdpx
from qcode.store.location import resolve
from qcode.store.models import Coder, CodeRow, Document, Memo, Segment
from qcode.store.project import Project
from qcode.store.settings import read_settings
from tests.qdpx_factories import NVIVO_WORDS, coded_exchange_project, nvivo_qdpx, snapshot


@pytest.fixture
def exported(sqlite_project: Project, tmp_path: Path) -> tuple[Project, Path]:
    coded_exchange_project(sqlite_project, tmp_path)
    out = tmp_path / "review.qdpx"
    export_qdpx(sqlite_project, out)
    return sqlite_project, out


def _new_project(path: Path) -> Project:
    return Project.create(resolve(path))


def test_round_trip_gives_back_documents_codes_segments_memos_and_attributes(exported, tmp_path):
    original, out = exported
    with _new_project(tmp_path / "back.qcode") as back:
        report = import_qdpx(back, out, coder="someone").merge
        assert report.documents_added == 2 and report.segments_added == 5
        before, after = snapshot(original), snapshot(back)
        for part in before:
            assert after[part] == before[part], part
        with back.reading() as session:
            assert read_settings(session)["description"] == "Kerja sama pemerintah dan LSM"
            texts = session.scalars(select(Document.text)).all()
        assert any("👩‍👩‍👧" in t and "\r" not in t for t in texts)
        assert any("café, naïve résumé, Ñusa" in t for t in texts)


def test_a_round_trip_from_either_database(project, tmp_path):
    coded_exchange_project(project, tmp_path)
    out = tmp_path / "review.qdpx"
    export_qdpx(project, out)
    with _new_project(tmp_path / "back.qcode") as back:
        import_qdpx(back, out, coder="someone")
        assert snapshot(back) == snapshot(project)
    (again,) = merge_with_qdpx(project, [out], coder="ayu")
    assert (again.merge.documents_added, again.merge.segments_added) == (0, 0)


def test_exporting_twice_gives_the_same_bytes_and_a_valid_project(exported, tmp_path, shared_dir):
    from lxml import etree

    project, out = exported
    again = tmp_path / "again.qdpx"
    export_qdpx(project, again)
    assert again.read_bytes() == out.read_bytes()
    with zipfile.ZipFile(out) as archive:
        qde = archive.read("project.qde")
        names = archive.namelist()
    schema = etree.XMLSchema(etree.parse(str(shared_dir / "refi-qda" / "Project.xsd")))
    assert schema.validate(etree.fromstring(qde)), schema.error_log
    assert sum(n.startswith("sources/") and n.endswith(".txt") for n in names) == 2


def test_selections_count_code_points_into_exactly_the_text_file_written(exported):
    from lxml import etree

    _, out = exported
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        files = {n: archive.read(n).decode("utf-8") for n in archive.namelist()}
    q = "{urn:QDA-XML:project:1.0}"
    found = []
    for source in root.iter(f"{q}TextSource"):
        text = files["sources/" + source.get("plainTextPath").removeprefix("internal://")]
        for selection in source.iter(f"{q}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            found.append(text[start:end])
    assert sorted(found) == sorted(
        [
            "terhambat oleh birokrasi",
            "diakui sebagai mitra resmi",
            "weak coordination",
            "jarang diadakan",
            "Legitimacy was granted",
        ]
    )


def test_an_independent_reader_finds_every_code_and_selection(exported, tmp_path):
    refi = pytest.importorskip("pyrefiqda.refiproject")
    project, out = exported
    loaded = refi.RefiProject.load(out, extract_dir=str(tmp_path / "extracted"))

    def codes(items):
        for code in items:
            yield code.guid
            yield from codes(code.code or [])

    with project.reading() as session:
        guids = set(session.scalars(select(CodeRow.guid)))
        segments = session.scalar(select(func.count()).select_from(Segment))
    assert set(codes(loaded.code_book.codes.code)) == guids
    selections = [s for t in loaded.sources.text_source for s in t.plain_text_selection]
    assert len(selections) == segments
    assert {u.name for u in loaded.users.user} == {"ayu", "budi"}


def test_importing_or_merging_the_same_file_again_adds_nothing(exported, tmp_path):
    original, out = exported
    with _new_project(tmp_path / "back.qcode") as back:
        import_qdpx(back, out, coder="someone")
        again = import_qdpx(back, out, coder="someone").merge
        assert (again.documents_added, again.segments_added, again.memos_added) == (0, 0, 0)
    (report,) = merge_with_qdpx(original, [out], coder="ayu")
    assert report.merge.documents_matched == 2
    assert (report.merge.segments_added, report.merge.segments_present) == (0, 5)


def test_nvivo_positions_land_on_the_same_words(sqlite_project, tmp_path):
    source = nvivo_qdpx(tmp_path / "nvivo.qdpx")
    result = import_qdpx(sqlite_project, source, coder="someone")
    assert result.problems == []
    with sqlite_project.reading() as session:
        text = session.scalar(select(Document.text))
        rows = session.execute(
            select(Segment.start_offset, Segment.end_offset, Coder.name, Document.uuid)
            .join(Coder, Coder.id == Segment.coder_id)
            .join(Document, Document.id == Segment.document_id)
            .order_by(Segment.start_offset)
        ).all()
    assert [text[s:e] for s, e, _, _ in rows] == NVIVO_WORDS
    assert {who for _, _, who, _ in rows} == {"Sari"}
    assert rows[0][3] == "abcdef01-2345-4678-9abc-def012345678"


def test_nvivo_positions_read_as_code_points_are_refused_not_misplaced(sqlite_project, tmp_path):
    source = nvivo_qdpx(tmp_path / "nvivo.qdpx")
    with pytest.raises(InputFileError) as raised:
        import_qdpx(sqlite_project, source, coder="someone", offsets="codepoints")
    # the last word ends past the text when emoji count one: placed nowhere, named
    assert "selection 00000003-aaaa-4bbb-8ccc-dddddddddddd" in str(raised.value)
    with sqlite_project.reading() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_the_spec_example_brings_its_codebook_and_users_only_when_told(sqlite_project, shared_dir):
    sample = shared_dir / "refi-qda" / "samples" / "spec-annex-example.qdpx"
    with pytest.raises(InputFileError) as raised:
        import_qdpx(sqlite_project, sample, coder="someone")
    message = str(raised.value)
    for name in ("Simon.docx", "Mabel.txt", "Mabêl 2ième.txt", "Kellogg's Passion"):
        assert name in message
    with sqlite_project.reading() as session:
        assert session.scalar(select(func.count()).select_from(CodeRow)) == 0
    result = import_qdpx(sqlite_project, sample, coder="someone", skip_bad=True)
    assert len(result.problems) == 8
    assert any("a picture source" in s for s in result.skipped)
    with sqlite_project.reading() as session:
        assert session.scalar(select(func.count()).select_from(CodeRow)) == 14
        names = set(session.scalars(select(Coder.name)))
        assert {"Friedrich Markgraf", "Sebastian Petrausch"} <= names
        (memo,) = session.scalars(select(Memo.text)).all()
    assert "Research Plan" in memo


def _zip(path: Path, members: dict[str, bytes], *, symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            archive.writestr(info, "/etc/passwd")
    return path


_QDE = b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>'
_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    b'<Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>'
)


@pytest.mark.parametrize(
    ("members", "symlink", "expected"),
    [
        ({"project.qde": _QDE, "../../evil.txt": b"x"}, None, "points outside"),
        ({"project.qde": _QDE, "/etc/evil.txt": b"x"}, None, "points outside"),
        ({"project.qde": _QDE}, "sources/link.txt", "symbolic link"),
        ({"project.qde": _BOMB}, None, "DOCTYPE"),
        ({"project.qde": _QDE, "sources/big.txt": b"\0" * 300_000_000}, None, "zip bomb"),
        ({"notes.txt": b"hello"}, None, "no project.qde"),
        ({"project.qde": b"<Project"}, None, "not well-formed"),
    ],
)
def test_hostile_files_are_refused_and_nothing_is_imported(
    sqlite_project, tmp_path, members, symlink, expected
):
    bad = _zip(tmp_path / "bad.qdpx", members, symlink=symlink)
    with pytest.raises(InputFileError) as raised:
        import_qdpx(sqlite_project, bad, coder="someone")
    assert expected in str(raised.value) and "bad.qdpx" in str(raised.value)
    with sqlite_project.reading() as session:
        assert session.scalar(select(func.count()).select_from(CodeRow)) == 0


def test_a_file_that_is_not_a_zip_is_refused(sqlite_project, tmp_path):
    bad = tmp_path / "broken.qdpx"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputFileError, match="broken.qdpx"):
        import_qdpx(sqlite_project, bad, coder="someone")


def test_a_pdf_source_without_its_text_is_read_from_the_pdf_inside(sqlite_project, tmp_path):
    from tests.factories import write_pdf

    words = "Laporan tahunan tentang kerja sama lintas instansi."
    pdf = write_pdf(tmp_path / "laporan.pdf", [words])
    code = "1898c291-2d95-4ab9-92a5-21e97d038c26"
    qde = (
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="ATLAS.ti 23">'
        f'<CodeBook><Codes><Code guid="{code}" name="Coordination" isCodable="true"/></Codes>'
        '</CodeBook><Sources><PDFSource guid="5d3a4f1c-0000-4000-8000-000000000001" '
        'name="Laporan" path="internal://5d3a4f1c-0000-4000-8000-000000000001.pdf">'
        f'<Coding guid="5d3a4f1c-0000-4000-8000-000000000002"><CodeRef targetGUID="{code}"/>'
        "</Coding></PDFSource></Sources></Project>"
    )
    path = _zip(
        tmp_path / "pdf.qdpx",
        {
            "project.qde": qde.encode(),
            "sources/5d3a4f1c-0000-4000-8000-000000000001.pdf": pdf.read_bytes(),
        },
    )
    result = import_qdpx(sqlite_project, path, coder="someone")
    assert result.problems == [] and result.merge.segments_added == 1
    with sqlite_project.reading() as session:
        text = session.scalar(select(Document.text))
        start, end = session.execute(select(Segment.start_offset, Segment.end_offset)).one()
    assert "kerja sama lintas instansi" in text
    assert (start, end) == (0, len(text))


def test_the_demo_project_round_trips_through_qdpx(tmp_path, shared_dir):
    from lxml import etree

    from qcode.demo.build import build_demo
    from qcode.services.memos import set_memo

    demo, _ = build_demo(tmp_path / "demo.qcode")
    with demo:
        set_memo(demo, "document", "1", "Catatan: kerja sama 🙂 dan café.", coder="ayu")
        out = tmp_path / "demo.qdpx"
        export_qdpx(demo, out)
        schema = etree.XMLSchema(etree.parse(str(shared_dir / "refi-qda" / "Project.xsd")))
        with zipfile.ZipFile(out) as archive:
            assert schema.validate(etree.fromstring(archive.read("project.qde")))
        with _new_project(tmp_path / "back.qcode") as back:
            import_qdpx(back, out, coder="someone")
            assert snapshot(back) == snapshot(demo)


@pytest.mark.parametrize("with_selection", [False, True])
def test_a_word_source_without_plain_text_is_read_from_the_docx_inside(
    sqlite_project, tmp_path, with_selection
):
    from tests.factories import write_docx

    docx = write_docx(tmp_path / "wawancara.docx", ["Wawancara tentang koordinasi antarinstansi."])
    code = "1898c291-2d95-4ab9-92a5-21e97d038c26"
    guid = "7e3a4f1c-0000-4000-8000-000000000001"
    selection = (
        f'<PlainTextSelection guid="{guid[:-1]}3" startPosition="0" endPosition="9">'
        f'<Coding guid="{guid[:-1]}4"><CodeRef targetGUID="{code}"/></Coding>'
        "</PlainTextSelection>"
    )
    qde = (
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p">'
        f'<CodeBook><Codes><Code guid="{code}" name="Coordination" isCodable="true"/></Codes>'
        f'</CodeBook><Sources><TextSource guid="{guid}" name="Wawancara" '
        f'richTextPath="internal://{guid}.docx">{selection if with_selection else ""}'
        f'<Coding guid="{guid[:-1]}2"><CodeRef targetGUID="{code}"/></Coding>'
        "</TextSource></Sources></Project>"
    )
    members = {"project.qde": qde.encode(), f"sources/{guid}.docx": docx.read_bytes()}
    path = _zip(tmp_path / "docx.qdpx", members)
    if with_selection:
        with pytest.raises(InputFileError, match="plain text the archive does not hold"):
            import_qdpx(sqlite_project, path, coder="someone")
        return
    result = import_qdpx(sqlite_project, path, coder="someone")
    assert result.merge.segments_added == 1
    with sqlite_project.reading() as session:
        assert "koordinasi antarinstansi" in session.scalar(select(Document.text))


def test_parts_that_cannot_be_placed_are_named_and_skip_bad_keeps_the_rest(
    sqlite_project, tmp_path
):
    code = "1898c291-2d95-4ab9-92a5-21e97d038c26"
    good, bad_text = "9a000000-0000-4000-8000-000000000001", "9a000000-0000-4000-8000-000000000002"

    def selection(number: int, start: str, end: str, target: str = code) -> str:
        return (
            f'<PlainTextSelection guid="9b000000-0000-4000-8000-00000000000{number}" '
            f'startPosition="{start}" endPosition="{end}"><Coding '
            f'guid="9c000000-0000-4000-8000-00000000000{number}"><CodeRef targetGUID="{target}"/>'
            "</Coding></PlainTextSelection>"
        )

    qde = (
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p">'
        f'<CodeBook><Codes><Code guid="{code}" name="Coordination" isCodable="true"/></Codes>'
        f'</CodeBook><Sources><TextSource guid="{good}" name="Baik" '
        f'plainTextPath="internal://{good}.txt">'
        + selection(1, "0", "9")
        + selection(2, "5", "x")
        + selection(3, "0", "9", "9d000000-0000-4000-8000-000000000009")
        + f'</TextSource><TextSource guid="{bad_text}" name="Rusak" '
        f'plainTextPath="internal://{bad_text}.txt"/></Sources></Project>'
    )
    members = {
        "project.qde": qde.encode(),
        f"sources/{good}.txt": b"Koordinasi lintas instansi lemah.",
        f"sources/{bad_text}.txt": b"Koordinasi \xff\xfe rusak",
    }
    path = _zip(tmp_path / "parts.qdpx", members)
    with pytest.raises(InputFileError) as raised:
        import_qdpx(sqlite_project, path, coder="someone")
    message = str(raised.value)
    assert "3 part(s) cannot be placed" in message
    assert "9b000000-0000-4000-8000-000000000002: start or end position is not a whole" in message
    assert "Rusak" in message and "not UTF-8" in message
    assert "coded with 9d000000-0000-4000-8000-000000000009" in message
    result = import_qdpx(sqlite_project, path, coder="someone", skip_bad=True)
    assert len(result.problems) == 3
    assert (result.merge.documents_added, result.merge.segments_added) == (1, 1)


def test_while_blind_each_coder_exports_only_their_own_coding(sqlite_project, tmp_path):
    from qcode.services.settings import configure

    coded_exchange_project(sqlite_project, tmp_path)
    configure(sqlite_project, ["blind=on"], coder="ayu")
    sqlite_project.viewer = "budi"
    summary = export_qdpx(sqlite_project, tmp_path / "budi.qdpx")
    assert (summary.selections, summary.users) == (2, 1)
    with zipfile.ZipFile(tmp_path / "budi.qdpx") as archive:
        qde = archive.read("project.qde").decode()
    assert 'name="budi"' in qde and 'name="ayu"' not in qde
    assert "Tinjauan literatur" not in qde  # ayu's project memo


def test_a_project_written_by_another_library_imports_onto_the_same_words(sqlite_project, tmp_path):
    pytest.importorskip("pyrefiqda")
    from pyrefiqda import models
    from pyrefiqda.refiproject import RefiProject

    folder = tmp_path / "sources"
    folder.mkdir()
    text = "Kerja sama lintas instansi 🙂 masih lemah.\nThe U.S. report notes weak coordination."
    (folder / "interview.txt").write_text(text, encoding="utf-8")
    user = models.UserType(guid="0f0f0f0f-1111-4222-8333-444444444444", name="Coder 1")
    code = models.ProjectCodeType(
        guid="0e0e0e0e-1111-4222-8333-444444444444", name="Coordination", is_codable=True
    )
    selections = []
    for number, words in enumerate(["weak coordination", "masih lemah"]):
        at = text.index(words)
        selections.append(
            models.PlainTextSelectionType(
                guid=f"0d0d0d0{number}-1111-4222-8333-444444444444",
                start_position=at,
                end_position=at + len(words),
                creating_user=user.guid,
                coding=[
                    models.CodingType(
                        guid=f"0c0c0c0{number}-1111-4222-8333-444444444444",
                        code_ref=models.CodeRefType(target_guid=code.guid),
                    )
                ],
            )
        )
    project = models.Project(
        name="Elsewhere",
        users=models.UsersType(user=[user]),
        code_book=models.ProjectCodeBookType(codes=models.ProjectCodesType(code=[code])),
        sources=models.SourcesType(
            text_source=[
                models.TextSourceType(
                    guid="0b0b0b0b-1111-4222-8333-444444444444",
                    name="Interview 1",
                    plain_text_path="internal://interview.txt",
                    plain_text_selection=selections,
                )
            ]
        ),
    )
    RefiProject.save(project, tmp_path / "elsewhere.qdpx", source_media_dir=folder)
    import_qdpx(sqlite_project, tmp_path / "elsewhere.qdpx", coder="someone")
    with sqlite_project.reading() as session:
        stored = session.scalar(select(Document.text))
        spans = session.execute(select(Segment.start_offset, Segment.end_offset)).all()
        coders = set(session.scalars(select(Coder.name).join(Segment)))
    assert sorted(stored[s:e] for s, e in spans) == ["masih lemah", "weak coordination"]
    assert coders == {"Coder 1"}
