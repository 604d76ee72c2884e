"""Carrying qcode's extra code fields inside a REFI-QDA description, readably and losslessly.

REFI-QDA gives a code only a name, a colour and a description. qcode appends its other
fields to the description as tagged lines that people can read in any tool::

    Anything that slows or blocks cooperation.

    [Inclusion] Name a hindrance and its cause.
    [Exclusion] Problems of trafficking itself.
    [Example] Lambannya respons pemerintah ...
    [Keywords id] hambatan; kendala
    [Keywords en] obstacle; barrier
    [Exclude en] no obstacle
    [Shortcut] 1

A value may continue on following lines until the next tag. Text before the first tag is the
definition. Descriptions written by other tools have no tags and are read as definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qcode.core.codebook import Code

_TAG = re.compile(
    r"^\[(Inclusion|Exclusion|Example|Keywords(?: [\w-]+)?|Exclude(?: [\w-]+)?|Shortcut|Retired)\]"
    r" ?(.*)$"
)
KEYWORD_SEPARATOR = "; "


@dataclass
class DescriptionFields:
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    examples: tuple[str, ...] = ()
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)
    shortcut: int | None = None
    retired: bool = False


def compose_description(code: Code) -> str:
    """The description text for ``code``: its definition, then one tagged line per field."""
    lines: list[str] = []
    if code.inclusion:
        lines.append(f"[Inclusion] {code.inclusion}")
    if code.exclusion:
        lines.append(f"[Exclusion] {code.exclusion}")
    lines += [f"[Example] {example}" for example in code.examples]
    for language, words in code.keywords.items():
        if words:
            tag = "Keywords" if language == "any" else f"Keywords {language}"
            lines.append(f"[{tag}] {KEYWORD_SEPARATOR.join(words)}")
    for language, words in code.exclude.items():
        if words:
            tag = "Exclude" if language == "any" else f"Exclude {language}"
            lines.append(f"[{tag}] {KEYWORD_SEPARATOR.join(words)}")
    if code.shortcut is not None:
        lines.append(f"[Shortcut] {code.shortcut}")
    if code.retired:
        lines.append("[Retired] yes")
    if not lines:
        return code.description
    return "\n\n".join(part for part in (code.description, "\n".join(lines)) if part)


def parse_description(text: str) -> DescriptionFields:
    """Split a description back into qcode's fields (untagged text is the definition)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head: list[str] = []
    tagged: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        match = _TAG.match(line)
        if match:
            tagged.append((match.group(1), [match.group(2)]))
        elif tagged:
            tagged[-1][1].append(line)
        else:
            head.append(line)
    fields = DescriptionFields(description="\n".join(head).strip())
    examples: list[str] = []
    for tag, value_lines in tagged:
        value = "\n".join(value_lines).strip()
        if tag == "Inclusion":
            fields.inclusion = value
        elif tag == "Exclusion":
            fields.exclusion = value
        elif tag == "Example":
            examples.append(value)
        elif tag.startswith(("Keywords", "Exclude")):
            language = tag.partition(" ")[2] or "any"
            words = tuple(w.strip() for w in value.split(";") if w.strip())
            target = fields.keywords if tag.startswith("Keywords") else fields.exclude
            target[language] = words
        elif tag == "Shortcut" and value.isdigit():
            fields.shortcut = int(value)
        elif tag == "Retired":
            fields.retired = value.lower() in {"yes", "true", "1"}
    fields.examples = tuple(examples)
    return fields
