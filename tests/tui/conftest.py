"""What the app's tests share: the demo project, built fresh for each test."""

from __future__ import annotations

import pytest

from qcode.demo.build import build_demo


@pytest.fixture
def demo(tmp_path):
    project, _ = build_demo(tmp_path / "demo.qcode")
    yield project
    project.close()
