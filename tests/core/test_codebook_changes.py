"""Matching, diffing, merging and load plans between codebooks."""

from dataclasses import replace

from qcode.core.codebook import Code, Codebook
from qcode.core.codebook_diff import diff_codebooks, word_diff
from qcode.core.codebook_load import plan_load
from qcode.core.codebook_merge import merge_codebooks

P = "00000000-0000-4000-8000-000000000001"
C1 = "00000000-0000-4000-8000-000000000002"
C2 = "00000000-0000-4000-8000-000000000003"
Q = "00000000-0000-4000-8000-000000000004"


def base() -> Codebook:
    return Codebook(
        title="Base",
        codes=(
            Code(P, "Obstacles", description="Things that block cooperation."),
            Code(C1, "Slow response", parent=P, description="Government is late."),
            Code(C2, "Budget", parent=P, keywords={"en": ("budget",)}),
            Code(Q, "Legitimacy"),
        ),
    )


def edit(book: Codebook, guid: str, **changes) -> Codebook:
    return replace(
        book, codes=tuple(replace(c, **changes) if c.guid == guid else c for c in book.codes)
    )


def test_codes_match_by_guid_then_path_then_name():
    new = Codebook(
        codes=(
            Code("10000000-0000-4000-8000-000000000001", "obstacles"),  # path match
            Code(
                "10000000-0000-4000-8000-000000000002",
                "Slow response",
                parent="10000000-0000-4000-8000-000000000001",
            ),
            Code(C2, "Budget", parent="10000000-0000-4000-8000-000000000001"),  # GUID
            Code("10000000-0000-4000-8000-000000000004", "LEGITIMACY"),
        )
    )
    diff = diff_codebooks(base(), new)
    assert sorted(p.matched_by for p in diff.pairs) == ["guid", "path", "path", "path"]
    assert diff.added == [] and diff.removed == []


def test_renames_moves_and_field_changes_are_reported():
    new = edit(base(), C1, name="Slow government response", parent=Q)
    new = edit(new, C2, keywords={"en": ("budget", "funding")})
    diff = diff_codebooks(base(), new)
    assert [p.new.name for p in diff.renamed()] == ["Slow government response"]
    assert [p.new.name for p in diff.moved()] == ["Slow government response"]
    assert [(p.new.name, f) for p, f in diff.updated()] == [("Budget", ["keywords"])]


def test_near_identical_names_are_flagged_as_likely_duplicates():
    old = Codebook(codes=(Code(P, "Coordination complexity"),))
    new = Codebook(codes=(Code(Q, "coordination-complexity "), Code(C1, "Legitimacy")))
    diff = diff_codebooks(old, new)
    # Folded paths are equal, so the two are matched rather than reported as two codes.
    assert [p.matched_by for p in diff.pairs] == ["path"]
    other = Codebook(codes=(Code(Q, "Coordination complexities"),))
    assert [d.new.name for d in diff_codebooks(old, other).likely_duplicates] == [
        "Coordination complexities"
    ]


def test_word_diff_marks_removed_and_added_words():
    assert word_diff("the government is late", "the government is very slow") == (
        "the government is [-late-] {+very slow+}"
    )


def test_merge_with_base_applies_one_sided_changes_and_marks_conflicts():
    ours = edit(base(), C1, description="Government acts late.")
    ours = edit(ours, Q, colour="#2E86C1")
    theirs = edit(base(), C1, description="Government is slow to act.")
    theirs = edit(theirs, C2, name="Limited budget")
    result = merge_codebooks(ours, theirs, base())
    merged = result.codebook.by_guid()
    assert merged[C2].name == "Limited budget"  # theirs only
    assert merged[Q].colour == "#2E86C1"  # ours only
    assert merged[C1].description == "Government acts late."  # conflict: ours kept
    assert [(c.guid, c.field, c.ours, c.theirs) for c in result.conflicts] == [
        (C1, "description", "Government acts late.", "Government is slow to act.")
    ]


def test_merge_with_base_drops_a_code_deleted_on_one_side_only_if_untouched():
    theirs = replace(base(), codes=tuple(c for c in base().codes if c.guid != Q))
    result = merge_codebooks(base(), theirs, base())
    assert Q not in result.codebook.by_guid() and not result.conflicts
    ours = edit(base(), Q, description="Changed here.")
    kept = merge_codebooks(ours, theirs, base())
    assert Q in kept.codebook.by_guid()
    assert [c.field for c in kept.conflicts] == ["deleted"]


def test_merge_without_base_fills_empty_fields_and_keeps_both_sides_codes():
    ours = edit(base(), C2, description="")
    theirs = edit(base(), C2, description="Money is short.")
    theirs = replace(
        theirs, codes=(*theirs.codes, Code("20000000-0000-4000-8000-000000000001", "Corruption"))
    )
    result = merge_codebooks(ours, theirs)
    assert result.codebook.by_guid()[C2].description == "Money is short."
    assert "Corruption" in [c.name for c in result.codebook.codes]
    assert not result.conflicts


def test_two_added_codes_that_look_alike_are_both_kept_and_marked():
    ours = replace(
        base(),
        codes=(
            *base().codes,
            Code(
                "30000000-0000-4000-8000-000000000001",
                "Corruption",
                description="Officials profit from trafficking.",
            ),
        ),
    )
    theirs = replace(
        base(),
        codes=(
            *base().codes,
            Code(
                "30000000-0000-4000-8000-000000000002",
                "Corrupt officials",
                description="Officials profit from trafficking.",
            ),
        ),
    )
    result = merge_codebooks(ours, theirs, base())
    assert {"Corruption", "Corrupt officials"} <= {c.name for c in result.codebook.codes}
    assert [c.field for c in result.conflicts] == ["duplicate"]


def test_load_plan_keeps_identity_retires_used_codes_and_prunes_unused():
    incoming = Codebook(
        title="Edited",
        codes=(
            Code("40000000-0000-4000-8000-000000000001", "Obstacles"),  # same path, new GUID
            Code(
                "40000000-0000-4000-8000-000000000002",
                "Corruption",
                parent="40000000-0000-4000-8000-000000000001",
            ),
        ),
    )
    usage = {C1: 3}
    plan = plan_load(base(), incoming, usage)
    result = plan.result.by_guid()
    assert P in result and result[P].name == "Obstacles"  # the existing GUID is kept
    assert result["40000000-0000-4000-8000-000000000002"].parent == P
    assert {c.guid for c in plan.retired} == {C1, C2, Q} and plan.deleted == ()
    assert all(result[g].retired for g in (C1, C2, Q))
    pruned = plan_load(base(), incoming, usage, prune=True)
    assert {c.guid for c in pruned.deleted} == {C2, Q}
    assert [c.guid for c in pruned.retired] == [C1]


def test_a_parent_with_a_used_child_is_not_pruned():
    incoming = Codebook(codes=(Code(Q, "Legitimacy"),))
    plan = plan_load(base(), incoming, {C1: 1}, prune=True)
    assert {c.guid for c in plan.deleted} == {C2}
    assert {c.guid for c in plan.retired} == {P, C1}
