"""A code's list fields as editable text: examples one per line, keywords a line per language.

Keywords read ``id: kerja sama, kerjasama`` — the language tag, a colon, then the keywords
separated by commas. A line without a tag holds keywords for any language (tag ``any``).
"""

from __future__ import annotations

from collections.abc import Mapping

from qcode.core.errors import UsageError

ANY_LANGUAGE = "any"


def examples_to_text(examples: tuple[str, ...] | list[str]) -> str:
    return "\n".join(examples)


def examples_from_text(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def keywords_to_text(keywords: Mapping[str, tuple[str, ...] | list[str]]) -> str:
    return "\n".join(f"{lang}: {', '.join(words)}" for lang, words in keywords.items() if words)


def keywords_from_text(text: str) -> dict[str, list[str]]:
    keywords: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        lang, colon, rest = line.partition(":")
        if not colon:
            lang, rest = ANY_LANGUAGE, line
        lang = lang.strip().lower() or ANY_LANGUAGE
        if lang != ANY_LANGUAGE and not (lang.isalpha() and 2 <= len(lang) <= 3):
            raise UsageError(
                f"keywords line {number}: {lang!r} is not a language tag like id or en"
            )
        words = [w.strip() for w in rest.split(",") if w.strip()]
        keywords.setdefault(lang, [])
        keywords[lang].extend(w for w in words if w not in keywords[lang])
    return {lang: words for lang, words in keywords.items() if words}
