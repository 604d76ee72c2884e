"""The one error hierarchy. Messages are written for users: what failed, where, what to do."""

from __future__ import annotations


class QcodeError(Exception):
    """Base of every error qcode reports to a user."""

    exit_code = 1


class UsageError(QcodeError):
    """The request itself is wrong (unknown document, malformed NAME=VALUE, ...)."""

    exit_code = 2


class InputFileError(QcodeError):
    """A file given to qcode cannot be read as what it claims to be."""

    exit_code = 3

    def __init__(self, path: str, problem: str) -> None:
        from qcode.core.text import escape_undecodable

        self.path = escape_undecodable(path)
        self.problem = escape_undecodable(problem)
        super().__init__(f"{self.path}: {self.problem}")


class OutputFileError(QcodeError):
    """A file qcode was asked to write cannot be written (read-only folder, disk full)."""

    exit_code = 5

    def __init__(self, path: str, problem: str) -> None:
        from qcode.core.text import escape_undecodable

        self.path = escape_undecodable(path)
        super().__init__(f"{self.path}: {problem}; nothing was written")


class ProjectError(QcodeError):
    """The project cannot be opened, created or upgraded."""

    exit_code = 4


class ProjectBusy(ProjectError):
    """Another program held the project's write lock for longer than qcode waited."""


class PasswordNeeded(ProjectError):
    """The database server asked for a password that was not given, or refused the one
    that was."""


class TransientConflict(ProjectBusy):
    """The database gave up on a transaction because another one conflicted with it (a
    deadlock, a serialization failure, a claim another process won); retrying may succeed."""


class Cancelled(QcodeError):
    """The user stopped a long task before it finished; nothing of it was kept."""

    exit_code = 130
