"""Tables as LaTeX (booktabs rules; longtable past one page), and the plain-text table forms
of the terminal (GitHub pipe tables, tab-separated values).

A ``.tex`` file is a complete UTF-8 document that compiles with pdflatex; the table itself
sits between ``% qcode table`` markers, ready to paste into a thesis (it needs
``\\usepackage{booktabs}`` and, for long tables, ``longtable``).
"""

from __future__ import annotations

from collections.abc import Sequence

SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "×": r"\texttimes{}",
    "·": r"\textperiodcentered{}",
    "κ": r"$\kappa$",
    "α": r"$\alpha$",
    "−": r"$-$",
}
LONG_ROWS = 35  # more rows than this: a longtable that breaks across pages


class Raw(str):
    """LaTeX written as is (an indent), never escaped."""


def escape(text: object) -> str:
    if isinstance(text, Raw):
        return str(text)
    return "".join(SPECIALS.get(ch, ch) for ch in str(text)).replace("\n", " ")


def latex_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    caption: str,
    note: str = "",
    numeric: Sequence[bool] | None = None,
    widths_cm: Sequence[float] | None = None,
    long: bool | None = None,
) -> str:
    """One table: ``numeric`` columns right-aligned, text columns (``widths_cm``) wrapped."""
    numeric = list(numeric) if numeric is not None else [False] + [True] * (len(headers) - 1)
    spec = ""
    for at, is_number in enumerate(numeric):
        width = widths_cm[at] if widths_cm else 0
        wrapped = f">{{\\raggedright\\arraybackslash}}p{{{width:.1f}cm}}"
        spec += "r" if is_number else (wrapped if width else "l")
    head = " & ".join(
        f"\\multicolumn{{1}}{{r}}{{{escape(h)}}}" if is_number and h else escape(h)
        for h, is_number in zip(headers, numeric, strict=True)
    )
    body = [" & ".join(escape(v) for v in row) + r" \\" for row in rows]
    shown_note = [f"\\par\\smallskip\\footnotesize\\textit{{Note.}} {escape(note)}"] if note else []
    if long or (long is None and len(rows) > LONG_ROWS):
        lines = [
            f"\\begin{{longtable}}{{{spec}}}",
            f"\\caption{{{escape(caption)}}}\\\\",
            r"\toprule",
            head + r" \\",
            r"\midrule",
            r"\endhead",
            r"\bottomrule",
            r"\endlastfoot",
            *body,
            r"\end{longtable}",
            *(
                [f"{{\\footnotesize\\textit{{Note.}} {escape(note)}}}"]
                if note
                else []
            ),
        ]
    else:
        lines = [
            r"\begin{table}[htbp]",
            r"\centering",
            f"\\caption{{{escape(caption)}}}",
            f"\\begin{{tabular}}{{{spec}}}",
            r"\toprule",
            head + r" \\",
            r"\midrule",
            *body,
            r"\bottomrule",
            r"\end{tabular}",
            *shown_note,
            r"\end{table}",
        ]
    return "\n".join(["% qcode table", *lines, "% end of qcode table"])


def latex_document(tables: Sequence[str], landscape: bool = False) -> str:
    options = "a4paper,margin=2.5cm" + (",landscape" if landscape else "")
    return "\n".join(
        [
            r"\documentclass[11pt]{article}",
            r"\usepackage[T1]{fontenc}",
            r"\usepackage[utf8]{inputenc}",
            r"\usepackage{textcomp}",
            f"\\usepackage[{options}]{{geometry}}",
            r"\usepackage{booktabs}",
            r"\usepackage{longtable}",
            r"\usepackage{array}",
            r"\begin{document}",
            *tables,
            r"\end{document}",
            "",
        ]
    )


def github_table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric) -> str:
    """A GitHub-flavoured Markdown pipe table."""

    def cell(value: object) -> str:
        return " ".join(str(value).split()).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("| " + " | ".join("--:" if n else ":--" for n in numeric) + " |")
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def tsv_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(value: object) -> str:
        return " ".join(str(value).split())

    return "\n".join("\t".join(cell(v) for v in line) for line in [headers, *rows])
