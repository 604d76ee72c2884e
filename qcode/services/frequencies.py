"""Code frequencies: coded passages and sources per code (a theme counts each passage under
it once), as the report's table shows them and ``qcode frequencies`` prints or writes them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from qcode.core.errors import UsageError
from qcode.core.report_content import Frequency
from qcode.core.report_labels import labels_for
from qcode.io.atomic import atomic_output
from qcode.io.latex_tables import Raw, escape, github_table, latex_document, latex_table, tsv_table
from qcode.services.matrices import MatrixRequest, build_matrix, resolve_scope
from qcode.store.project import Project

FORMATS = (".tex", ".md", ".tsv", ".csv")


def code_frequencies(project: Project, request: MatrixRequest | None = None) -> list[Frequency]:
    request = replace(request or MatrixRequest(), cols="coders", measure="segments")
    passages = build_matrix(project, request)
    sources = build_matrix(project, replace(request, measure="documents"))
    with project.reading() as session:
        ids = resolve_scope(session, request).ids
    guid_of = {ident: guid for guid, ident in ids.items()}
    return [
        Frequency(
            guid_of[h.key],
            h.label,
            h.depth,
            h.colour,
            int(passages.row_totals.get(h.key, 0)),
            int(sources.row_totals.get(h.key, 0)),
        )
        for h in passages.rows
    ]


def frequency_rows(frequencies: list[Frequency], lang: str = "en"):
    labels = labels_for(lang)
    headers = [labels["code"], labels["passages"], labels["sources"]]
    rows = [[f.name, f.passages, f.sources] for f in frequencies]
    return headers, rows


def frequency_text(frequencies: list[Frequency], fmt: str, lang: str = "en") -> str:
    headers, rows = frequency_rows(frequencies, lang)
    if fmt == "latex":
        return _latex(frequencies, lang)
    if fmt == "tsv":
        return tsv_table(headers, rows)
    return github_table(headers, rows, [False, True, True])


def _latex(frequencies: list[Frequency], lang: str) -> str:
    labels = labels_for(lang)
    headers, rows = frequency_rows(frequencies, lang)
    for row, f in zip(rows, frequencies, strict=True):
        if f.depth:
            row[0] = Raw(f"\\hspace{{{f.depth:.1f}em}}" + escape(f.name))
    return latex_table(headers, rows, labels["frequency_caption"], labels["frequency_note"])


def write_frequencies(frequencies: list[Frequency], out: Path, lang: str = "en") -> None:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{out}: write frequencies as {', '.join(FORMATS)}")
    if suffix == ".tex":
        text = latex_document([_latex(frequencies, lang)])
    elif suffix == ".md":
        text = frequency_text(frequencies, "github", lang) + "\n"
    else:
        import csv
        import io

        from qcode.core.spreadsheet_cells import neutralised

        headers, rows = frequency_rows(frequencies, lang)
        buffer = io.StringIO()
        csv.writer(buffer, delimiter="\t" if suffix == ".tsv" else ",").writerows(
            [neutralised(v) for v in row] for row in [headers, *rows]
        )
        text = buffer.getvalue()
    with atomic_output(out) as scratch:
        scratch.write_text(text, encoding="utf-8")
