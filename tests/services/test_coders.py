"""Who the current coder is: --coder, then QCODE_CODER, then the config file, then login."""

from __future__ import annotations

from qcode.services.coders import config_path, current_coder


def test_explicit_then_environment_then_config_file(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.delenv("QCODE_CODER", raising=False)
    path = config_path()
    assert str(path).startswith(str(tmp_path / "cfg"))
    path.parent.mkdir(parents=True)
    path.write_text('coder = "Ayu  Lestari"\n', encoding="utf-8")
    assert current_coder() == "Ayu Lestari"
    monkeypatch.setenv("QCODE_CODER", "Budi")
    assert current_coder() == "Budi"
    assert current_coder("Citra") == "Citra"


def test_a_broken_config_file_falls_back_to_the_login_name(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.delenv("QCODE_CODER", raising=False)
    config_path().parent.mkdir(parents=True)
    config_path().write_text("coder = [not toml", encoding="utf-8")
    assert current_coder()
