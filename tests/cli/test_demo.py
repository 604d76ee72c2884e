"""``qcode demo`` builds the demo project from the shipped, invented corpus."""

from __future__ import annotations

from tests.cli.runner import qcode


def test_demo_builds_projects_demo_qcode_in_the_current_folder(tmp_path):
    run = qcode("demo", cwd=tmp_path)
    assert run.code == 0, run.err
    assert (tmp_path / "projects" / "demo.qcode").is_file()
    assert "17 documents" in run.out
    assert "languages: en 9, id 8" in run.out
    assert "years:     2009–2024" in run.out
    assert "Indonesia 8" in run.out


def test_demo_rebuilds_from_scratch_and_reports_json(tmp_path):
    target = tmp_path / "d.qcode"
    assert qcode("demo", "--path", target).code == 0
    qcode("attr", target, "1", "extra=1")
    again = qcode("demo", "--path", target, "--json")
    overview = again.json()
    assert overview["documents"] == 17
    assert overview["formats"] == {"docx": 1, "ris": 16}
    assert "extra" not in overview["attributes"]
    docs = qcode("docs", target, "--where", "country=Thailand", "--json").json()
    assert [d["attributes"]["year"] for d in docs] == [2013, 2009]
    report = qcode("show", target, "Partners Under Pressure", "--json").json()
    assert report["language"] == "en" and report["chars"] > 7000
    assert "Kerja sama antara pemerintah" in report["text"]


def test_demo_is_partly_coded_and_writes_a_sample_report(tmp_path):
    run = qcode("demo", "--json", cwd=tmp_path)
    assert run.code == 0, run.err
    overview = run.json()
    assert overview["segments"] > 0 and overview["suggestions"] > 0
    sample = tmp_path / "projects" / "demo-sample-report.docx"
    assert overview["sample_report"] == str(sample) and sample.stat().st_size > 10_000
    again = qcode("report", tmp_path / "projects" / "demo.qcode", "-o", tmp_path / "r.docx")
    assert again.code == 0, again.err
