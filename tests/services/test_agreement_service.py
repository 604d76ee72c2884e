"""Agreement on real projects: built through the services, read back through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qcode.cli.main import main
from qcode.core.errors import UsageError
from qcode.services.agreement import AgreementRequest, agreement
from qcode.services.codebook_edits import add_code
from qcode.services.coding import code_span
from qcode.services.documents import document_rows, show_document
from qcode.services.importing import import_paths
from qcode.store.project import Project
from tests.factories import ris_record, write_ris

# Krippendorff (2011), section C: four observers, twelve units, values 1–5, "." missing.
OBSERVERS = {
    "A": "1 2 3 3 2 1 4 1 2 . . .",
    "B": "1 2 3 3 2 2 4 1 2 5 . 3",
    "C": ". 3 3 3 2 3 4 2 2 5 1 .",
    "D": "1 2 3 3 2 4 4 1 2 5 1 .",
}
WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split()


def krippendorff_project(project: Project, tmp_path: Path) -> Project:
    records = [
        ris_record(f"The {word} report on shelters", f"Unit {word}: a report on shelters.")
        for word in WORDS
    ]
    import_paths(project, [write_ris(tmp_path / "units.ris", records)], coder="editor")
    for value in range(1, 6):
        add_code(project, f"v{value}", coder="editor")
    rows = document_rows(project)
    for coder, values in OBSERVERS.items():
        for row, value in zip(rows, values.split(), strict=True):
            if value != ".":
                length = len(show_document(project, str(row.id)).text)
                code_span(project, str(row.id), f"v{value}", 0, length, coder=coder)
    return project


def run_json(capsys, *argv: str):
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_the_cli_reproduces_krippendorffs_example(
    sqlite_project: Project, tmp_path: Path, capsys, level: str, published: float
):
    krippendorff_project(sqlite_project, tmp_path)
    path = str(sqlite_project.location.path)
    codes = "v1,v2,v3,v4,v5"
    args = ("--unit", "document", "--codes", codes, "--categories", "--level", level)
    result = run_json(capsys, "agreement", path, *args, "--json")
    assert result["unit"] == "document" and result["level"] == level
    assert result["coders"] == ["A", "B", "C", "D"]
    (row,) = result["rows"]
    assert row["variable"] == "categories"
    assert round(row["krippendorff_alpha"], 3) == published
    assert row["units"] == 12 and row["pairable"] == 40
    assert row["cohen_kappa"] is None and row["kappa_ci"] is not None
    assert row["alpha_ci"][0] < row["krippendorff_alpha"] < row["alpha_ci"][1]
    # Gwet's handbook figures on the same data (unweighted, whatever the level).
    assert round(row["gwet_ac1"], 5) == 0.77544
    assert round(row["fleiss_kappa"], 5) == 0.76117


def test_a_unit_given_two_listed_codes_is_left_out_and_counted(
    sqlite_project: Project, tmp_path: Path
):
    krippendorff_project(sqlite_project, tmp_path)
    first = document_rows(sqlite_project)[0].id
    code_span(sqlite_project, str(first), "v2", 0, 5, coder="A")  # A now gave it v1 and v2
    request = AgreementRequest(
        unit="document", codes=[f"v{i}" for i in range(1, 6)], categories=True
    )
    result = agreement(sqlite_project, request)
    assert result.left_out == 1
    (row,) = result.rows
    assert row.measures.units == 11
    assert "1 unit(s) left out" in row.measures.note


def test_per_code_rows_treat_a_coder_absent_from_a_document_as_missing(
    sqlite_project: Project, tmp_path: Path
):
    krippendorff_project(sqlite_project, tmp_path)
    result = agreement(sqlite_project, AgreementRequest(unit="document", coders=["A", "B"]))
    by_code = {row.variable: row.measures for row in result.rows}
    # A coded units 1–9, B units 1–10 and 12: nine units both reached.
    assert by_code["v1"].pairable == 9 * 2
    assert by_code["v1"].units == 11
    assert by_code["v5"].note  # only B used v5, where A was missing: one value among pairs


def test_character_units_give_a_row_per_document_and_the_length_weighted_kappa(
    sqlite_project: Project, tmp_path: Path
):
    krippendorff_project(sqlite_project, tmp_path)
    rows = document_rows(sqlite_project)
    # B codes half of the first document as v1 too: A and B now differ on its characters.
    code_span(sqlite_project, str(rows[1].id), "v1", 0, 10, coder="B")
    result = agreement(
        sqlite_project, AgreementRequest(unit="character", coders=["A", "B"], codes=["v1"])
    )
    pooled = [r for r in result.rows if r.document is None]
    per_document = [r for r in result.rows if r.document is not None]
    assert len(pooled) == 1 and len(per_document) == 11
    total = sum(len(show_document(sqlite_project, str(r.id)).text) for r in rows[:9])
    assert pooled[0].measures.pairable == 2 * total
    assert pooled[0].weighted_kappa is not None


def test_blind_projects_refuse_comparisons(sqlite_project: Project, tmp_path: Path, capsys):
    from qcode.services.settings import configure

    krippendorff_project(sqlite_project, tmp_path)
    configure(sqlite_project, ["blind=on"], coder="A")
    sqlite_project.viewer = "A"
    with pytest.raises(UsageError, match="blind coding is on"):
        agreement(sqlite_project, AgreementRequest(unit="document"))
    assert main(["agreement", str(sqlite_project.location.path)]) == 2
    assert "blind coding is on" in capsys.readouterr().err


def test_agreement_files_in_every_format(sqlite_project: Project, tmp_path: Path, capsys):
    krippendorff_project(sqlite_project, tmp_path)
    path = str(sqlite_project.location.path)
    for suffix in (".csv", ".xlsx", ".md", ".tex", ".docx"):
        out = tmp_path / f"agreement{suffix}"
        assert main(["agreement", path, "--unit", "document", str(out)]) == 0
        assert out.stat().st_size > 200
    assert "Krippendorff" in (tmp_path / "agreement.md").read_text(encoding="utf-8")
    assert "$\\alpha$" in (tmp_path / "agreement.tex").read_text(encoding="utf-8")
    lines = (tmp_path / "agreement.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Code,Document,Units") and len(lines) == 6


def test_units_cut_by_worker_processes_are_the_units_cut_here(monkeypatch):
    from qcode.core.agreement_units import text_units
    from qcode.services import agreement as service
    from qcode.services.agreement import PARALLEL_FROM, units_of

    monkeypatch.setattr(service, "worker_count", lambda: 2)

    texts = {
        d: f"Dokumen {d} membahas kerja sama. Dr. Sari menulis tentang U.S. policy. Ini akhir."
        for d in range(1, PARALLEL_FROM + 50)
    }
    expected = {d: text_units(t, "sentence") for d, t in texts.items()}
    assert units_of(texts, "sentence") == expected
