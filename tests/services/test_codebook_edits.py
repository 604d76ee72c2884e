"""Moving codes in the tree: reorder among siblings, indent under another code, undo."""

from __future__ import annotations

import pytest

from qcode.core.errors import UsageError
from qcode.services.codebook_edits import add_code, move_code
from qcode.services.codebooks import project_codebook
from qcode.services.undo import redo, undo
from tests.coding_factories import coded_project


@pytest.fixture
def coded(project, tmp_path):
    return coded_project(project, tmp_path)


def names(project, parent_name=None):
    codebook, _ = project_codebook(project)
    parent = next((c.guid for c in codebook.codes if c.name == parent_name), None)
    return [c.name for c in codebook.children(parent)]


def test_moving_up_among_siblings_renumbers_them_and_undoes(coded):
    before = names(coded, "Obstacles")
    assert before[:2] == ["Slow government response", "Limited budget and resources"]
    move_code(coded, "Limited budget and resources", coder="ayu", position=0)
    after = names(coded, "Obstacles")
    assert after[:2] == ["Limited budget and resources", "Slow government response"]
    assert sorted(after) == sorted(before)
    undo(coded, coder="ayu")
    assert names(coded, "Obstacles") == before
    redo(coded, coder="ayu")
    assert names(coded, "Obstacles") == after


def test_moving_under_another_code_and_back_to_the_top(coded):
    path = move_code(coded, "Rotation of officials", coder="ayu", parent="Legitimacy")
    assert path == "Legitimacy > Rotation of officials"
    assert names(coded, "Legitimacy")[-1] == "Rotation of officials"
    assert "Rotation of officials" not in names(coded, "Obstacles")
    path = move_code(coded, "Rotation of officials", coder="ayu", to_top_level=True, position=1)
    assert path == "Rotation of officials"
    assert names(coded)[:2] == ["Obstacles", "Rotation of officials"]


def test_a_code_cannot_move_under_itself_or_beside_a_namesake(coded):
    with pytest.raises(UsageError, match="under itself"):
        move_code(coded, "Obstacles", coder="ayu", parent="Slow government response")
    add_code(coded, "Slow government response", coder="ayu", parent="Legitimacy")
    with pytest.raises(UsageError, match="already exists"):
        move_code(coded, "Obstacles > Slow government response", coder="ayu", parent="Legitimacy")
