"""The findings chapter (one section per theme, each passage quoted once with its source's
citation and the theme's codes that coded it) and the reference list."""

from __future__ import annotations

from collections.abc import Sequence

from qcode.core.report_content import ThemeSection
from qcode.core.report_method import number
from qcode.io.csl_render import Rich
from qcode.io.word_page import styled, tag_element
from qcode.io.word_parts import add_text_run, hyperlink


def add_theme(document, theme: ThemeSection, labels: dict[str, str], memos: bool) -> None:
    lang = labels["lang"]
    document.add_heading(theme.name, level=2)
    if theme.description:
        document.add_paragraph(theme.description)
    sources = len({p.document_id for p in theme.passages})
    summary = labels["passages_in_theme"].format(
        count=number(len(theme.passages), lang),
        noun=_noun(len(theme.passages), "passage", "passages", "bagian teks", lang),
        sources=number(sources, lang),
        source_noun=_noun(sources, "source", "sources", "sumber", lang),
    )
    document.add_paragraph(summary[:1].upper() + summary[1:])
    quoted = theme.quotations()
    if len(quoted) < len(theme.passages):
        said = labels["quotes_capped"].format(
            shown=number(len(quoted), lang), count=number(len(theme.passages), lang)
        )
        document.add_paragraph(said[:1].upper() + said[1:])
    for passage in quoted:
        paragraph = styled(document, document, "Quote")
        paragraph.paragraph_format.keep_together = True
        quoted = add_text_run(paragraph._p, f"“{' '.join(passage.text.split())}”")
        tag_element(quoted, passage.language)
        add_text_run(paragraph._p, f" {passage.citation}")
        add_text_run(paragraph._p, f" [{'; '.join(passage.codes)}]", italic=True)
        if memos:
            for memo in passage.memos:
                line = document.add_paragraph()
                line.paragraph_format.left_indent = 360000
                line.add_run(f"{labels['memo']}: ").bold = True
                line.add_run(memo).italic = True
    if theme.not_coded:
        document.add_paragraph(labels["not_coded"].format(codes=", ".join(theme.not_coded)))


def _noun(n: int, singular: str, plural: str, indonesian: str, lang: str) -> str:
    if lang == "id":
        return indonesian
    return singular if n == 1 else plural


def add_themes_not_coded(document, themes: Sequence[ThemeSection], labels) -> None:
    empty = [t.name for t in themes if not t.passages]
    if empty:
        document.add_paragraph(labels["themes_not_coded"].format(themes=", ".join(empty)))


def add_references(document, references: Sequence[Rich]) -> None:
    """One Bibliography paragraph per entry (hanging indent from the style), italics as
    the CSL style sets them, DOIs and URLs as links."""
    for entry in references:
        paragraph = styled(document, document, "Bibliography")
        for piece in entry:
            run = (
                hyperlink(paragraph, piece.link, piece.text)
                if piece.link
                else (paragraph.add_run(piece.text))
            )
            run.italic = piece.italic or None
            run.bold = piece.bold or None
            if piece.small_caps:
                run.font.small_caps = True
            if piece.superscript:
                run.font.superscript = True
