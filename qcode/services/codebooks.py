"""Codebook use cases: validate, load into a project, export, show, diff, merge, start new."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from qcode.core.codebook import Code, Codebook
from qcode.core.codebook_checks import Problem, check_codebook, errors
from qcode.core.codebook_diff import CodebookDiff, diff_codebooks
from qcode.core.codebook_load import LoadPlan, plan_load
from qcode.core.codebook_merge import MergeResult, merge_codebooks
from qcode.core.errors import InputFileError, UsageError
from qcode.core.guids import new_guid
from qcode.io.atomic import atomic_output
from qcode.io.codebook_files import is_codebook_file, read_codebook_file, write_codebook_file
from qcode.io.codebook_yaml import codebook_to_yaml
from qcode.services.projects import open_project
from qcode.store.codebooks import read_codebook, segment_counts, write_codebook
from qcode.store.events import coder_id, record_event
from qcode.store.project import Project
from qcode.store.team import require_lead


@dataclass(frozen=True)
class CheckedCodebook:
    codebook: Codebook
    problems: list[Problem]
    source: str

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    def messages(self) -> list[str]:
        return [p.located(self.source) for p in self.problems]


def check_file(path: Path, split_on: str | None = None) -> CheckedCodebook:
    """Read and validate a codebook file; the result lists every problem found."""
    codebook, problems = read_codebook_file(path, split_on)
    problems = problems + check_codebook(codebook)
    return CheckedCodebook(
        codebook, sorted(problems, key=lambda p: (not p.error, p.line or 0)), str(path)
    )


def valid_codebook(path: Path, split_on: str | None = None) -> CheckedCodebook:
    """The codebook in ``path``, or an error naming its first problem."""
    checked = check_file(path, split_on)
    if checked.errors:
        first = checked.errors[0]
        more = len(checked.errors) - 1
        tail = f" (and {more} more; see 'qcode codebook validate {path}')" if more else ""
        where = f"{path}:{first.line}" if first.line else str(path)
        raise InputFileError(where, first.message + tail)
    return checked


@dataclass
class LoadReport:
    plan: LoadPlan
    usage: dict[str, int]
    dry_run: bool
    warnings: list[str] = field(default_factory=list)


def load_codebook(
    project: Project,
    path: Path,
    *,
    coder: str,
    dry_run: bool = False,
    prune: bool = False,
    split_on: str | None = None,
) -> LoadReport:
    """Load a codebook file into the project in one transaction (or only report, dry run)."""
    checked = valid_codebook(path, split_on)
    warnings = checked.messages()
    with project.writing() as session:
        require_lead(session, "loading a codebook")
        current = read_codebook(session)
        usage = segment_counts(session)
        plan = plan_load(current, checked.codebook, usage, prune)
        if not dry_run:
            write_codebook(session, plan.result, plan.delete_guids)
            record_event(
                session,
                coder=coder_id(session, coder),
                action="load_codebook",
                target_type="codebook",
                before={"yaml": codebook_to_yaml(current)} if current.codes else None,
                after={"yaml": codebook_to_yaml(plan.result), "source": str(path)},
            )
        else:
            session.rollback()
    return LoadReport(plan, usage, dry_run, warnings)


def project_codebook(project: Project) -> tuple[Codebook, dict[str, int]]:
    """The project's codebook and the number of segments of each code."""
    with project.reading() as session:
        return read_codebook(session), segment_counts(session, shown=True)


def export_codebook(project: Project, out: Path, lang: str = "en") -> Codebook:
    codebook, _ = project_codebook(project)
    if not codebook.codes:
        raise UsageError("the project has no codebook yet; load one with 'qcode codebook load'")
    write_file(codebook, out, lang)
    return codebook


def write_file(codebook: Codebook, out: Path, lang: str = "en") -> None:
    with atomic_output(out) as scratch:
        write_codebook_file(codebook, scratch, lang)


def codebook_from(reference: str) -> Codebook:
    """A codebook named by a file path (.yaml .qdc .csv .xlsx) or a project (file or URL)."""
    path = Path(reference)
    if "://" not in reference and is_codebook_file(path):
        return valid_codebook(path).codebook
    with open_project(reference) as project:
        codebook, _ = project_codebook(project)
    if not codebook.codes:
        raise UsageError(f"{reference}: the project has no codebook yet")
    return codebook


def diff(first: str, second: str) -> CodebookDiff:
    return diff_codebooks(codebook_from(first), codebook_from(second))


def merge(first: str, second: str, out: Path, base: str | None = None) -> MergeResult:
    """Merge two codebooks into ``out``; conflicts are written as marked choices (YAML)."""
    result = merge_codebooks(
        codebook_from(first), codebook_from(second), codebook_from(base) if base else None
    )
    if result.conflicts and out.suffix.lower() not in {".yaml", ".yml"}:
        raise UsageError(
            f"{len(result.conflicts)} conflict(s) to resolve: write the merge to a .yaml file, "
            "where they are marked for you to choose"
        )
    write_file(result.codebook, out)
    return result


STARTER = Codebook(
    title="My codebook",
    version="0.1",
    authors=("Your Name",),
    languages=("id", "en"),
    codes=(
        Code(
            guid="00000000-0000-4000-8000-000000000000",  # replaced by a new GUID on writing
            name="Theme",
            colour="#2E86C1",
            shortcut=1,
            description="What this theme covers, in one or two sentences.",
            inclusion="When to apply this code.",
            exclusion="When not to apply it, and which code to use instead.",
            examples=("A short quotation that clearly belongs here.",),
            keywords={"id": ("kata kunci", "kata-kunci"), "en": ("keyword", "keywords")},
        ),
    ),
)


def new_codebook_file(path: Path) -> Codebook:
    """Write a starter codebook (one theme with a sub-code) to fill in."""
    if path.exists():
        raise UsageError(f"{path}: already exists; choose another name")
    if path.suffix.lower() not in {".yaml", ".yml"}:
        raise UsageError(f"{path}: a new codebook is written as YAML (.yaml)")
    theme = replace(STARTER.codes[0], guid=new_guid())
    sub_theme = Code(
        guid=new_guid(),
        name="Sub-theme",
        parent=theme.guid,
        colour="#5DADE2",
        description="A narrower part of the theme.",
    )
    today = dt.date.today().isoformat()
    codebook = replace(STARTER, created=today, updated=today, codes=(theme, sub_theme))
    write_file(codebook, path)
    return codebook
