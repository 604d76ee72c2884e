"""Fuzzy search finds spacing variants and denied words alike (search is not auto-coding)."""

from __future__ import annotations

from qcode.services.importing import import_paths
from qcode.services.search import search

TEXT = (
    "Pemerintah bekerja sama dengan IOM sejak 2015. "
    "Kerja sama antarlembaga masih lemah. "
    "Dinas sosial bekerja tanpa koordinasi dengan polisi. "
    "Kerjasama itu diperpanjang."
)


def test_fuzzy_search_finds_spacing_variants_and_negated_words(project, tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text(TEXT, encoding="utf-8")
    import_paths(project, [source], coder="ayu")
    found = {hit.hit for hit in search(project, "kerjasama", fuzzy=True).hits}
    assert found >= {"bekerja sama", "Kerja sama", "Kerjasama"}
    hits = search(project, "koordinasi", fuzzy=True).hits
    assert [h.hit for h in hits] == ["koordinasi"]
    assert hits[0].score == 100
