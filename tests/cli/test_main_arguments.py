"""Where the command stands on the command line, past the global options."""

from __future__ import annotations

import pytest

from qcode.cli.main import _first_positional


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["review.qcode"], 0),
        (["--coder", "budi", "review.qcode"], 2),
        (["--coder=budi", "--debug", "agreement", "review.qcode"], 2),
        (["--version"], None),
        (["--coder", "budi"], None),
        ([], None),
    ],
)
def test_first_positional(argv, expected):
    assert _first_positional(argv) == expected
