"""A small corpus and codebook for learned suggestions: passages to code, and new ones."""

from __future__ import annotations

from qcode.services.codebooks import load_codebook
from qcode.services.coding import code_span
from qcode.services.importing import import_paths

CODEBOOK = """\
qcode_codebook: 1
title: Learning
codes:
- name: Money
  keywords:
    en: [budget]
  children:
  - name: Shortage
- name: Meetings
  keywords:
    en: [meeting]
- name: Rare
"""
# Passages a coder would code "Money > Shortage": money running short, in many words.
SHORT = [
    "The shelter ran out of money in March.",
    "Funds for victim care were exhausted by mid-year.",
    "The district office had no money left for patrols.",
    "Grants were cut, so the outreach team was disbanded.",
    "Donor funds dried up before the second phase.",
    "The programme was underfunded from its first year.",
    "There was no money to pay the interpreters.",
    "Funding cuts closed two of the three shelters.",
    "The unit lacked the funds to buy a vehicle.",
    "Money for training was never released.",
    "The NGO could not pay its field staff after June.",
    "Financial shortfalls ended the hotline service.",
]
MEETINGS = [
    "Officials from five agencies met every month.",
    "The council gathered police, prosecutors and NGOs.",
    "Agencies sat together to review each case.",
    "The forum brought the ministries to one table.",
    "Representatives convened in the provincial capital.",
    "The working group met twice before the elections.",
    "Partners assembled weekly to plan raids.",
    "A joint session reviewed the referral backlog.",
    "Delegates from three districts came together in May.",
    "The committee convened to settle the dispute.",
    "Staff of all partners met at the governor's office.",
    "Officials gathered to agree on a shared calendar.",
]
NEW = [
    "Money for food in the shelter ran out in October.",  # like SHORT, no keyword
    "Funds to pay the counsellors were exhausted early.",  # like SHORT, no keyword
    "The river flooded the village in the rainy season.",  # like nothing coded
    "Money for the shelter's food ran out again in November.",  # like NEW[0]
]


def corpus(tmp_path):
    lines = SHORT + MEETINGS + NEW
    source = tmp_path / "notes.txt"
    source.write_text(" ".join(lines), encoding="utf-8")
    return source, " ".join(lines)


def prepared(project, tmp_path, coding: dict[str, list[str]]):
    """The corpus and codebook in ``project``, with ``coding`` (code → sentences) applied."""
    source, text = corpus(tmp_path)
    import_paths(project, [source], coder="ayu")
    book = tmp_path / "book.yaml"
    book.write_text(CODEBOOK, encoding="utf-8")
    load_codebook(project, book, coder="ayu")
    for code, sentences in coding.items():
        for sentence in sentences:
            start = text.index(sentence)
            code_span(project, "1", code, start, start + len(sentence), coder="ayu")
    return project
