"""A database URL's password never shows: not in error lines, the error log, the recent
projects list, nor the app's notifications."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy.engine import make_url

from qcode.cli.main import main
from qcode.core.redaction import hide_passwords
from qcode.io.error_log import log_unexpected
from qcode.services.recent import recent_projects, remember_project

SECRET = "Sup3r-s3cret-pw"


@pytest.mark.parametrize(
    "text",
    [
        f"postgresql+psycopg://ayu:{SECRET}@db.example:5432/review",
        f"cannot use postgresql://ayu:{SECRET}@127.0.0.1:1/x: refused",
        f"host=db user=ayu password={SECRET} sslmode=require",
        f"ALTER ROLE ayu PASSWORD '{SECRET}'",
    ],
)
def test_passwords_are_masked_wherever_they_stand(text):
    assert SECRET not in hide_passwords(text)


def test_an_unreachable_server_error_names_it_without_its_password(capsys):
    url = f"postgresql+psycopg://ayu:{SECRET}@127.0.0.1:1/review"
    assert main(["docs", url]) == 4
    captured = capsys.readouterr()
    assert "cannot use PostgreSQL at postgresql+psycopg://ayu:***@127.0.0.1:1/review" in (
        captured.err
    )
    assert SECRET not in captured.out + captured.err


def test_the_url_in_qcode_db_and_debug_output_keep_it_hidden(tmp_path, monkeypatch):
    url = f"postgresql+psycopg://ayu:{SECRET}@127.0.0.1:1/review?sslmode=disable"
    monkeypatch.setenv("QCODE_DB", url)
    for args in (["docs"], ["--debug", "docs"], ["segments", "--json"]):
        done = subprocess.run(
            [sys.executable, "-m", "qcode", *args], capture_output=True, text=True, timeout=60
        )
        assert done.returncode != 0
        assert SECRET not in done.stdout + done.stderr, args


def test_the_error_log_and_the_recent_list_never_keep_a_password(tmp_path):
    url = f"postgresql+psycopg://ayu:{SECRET}@db.example/review"
    try:
        raise RuntimeError(f"connection to {url} failed")
    except RuntimeError as exc:
        path = log_unexpected(exc, ["docs", url])
    assert path is not None and SECRET not in path.read_text()
    remember_project(url)
    assert recent_projects()[0] == "postgresql+psycopg://ayu@db.example/review"
    stored = json.dumps(recent_projects())
    assert SECRET not in stored
    assert make_url(recent_projects()[0]).password is None
