"""One exception family; each error carries its exit code and an optional hint."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes (see README, "Exit codes")."""

    OK = 0
    INTERNAL = 1  # a bug: please report it (run with --debug for the traceback)
    USAGE = 2  # bad arguments or options
    NOT_FOUND = 3  # an actor, speaker or other id that the dataset does not have
    DATA = 4  # the dataset (bundled or a pack) is invalid or unreadable
    OUTPUT = 5  # the result could not be written (disk full, stdout closed)
    INTERRUPTED = 130  # Ctrl-C
    PIPE_CLOSED = 141  # the reader of our output went away (e.g. `| head -1`)


class PipeClosed(Exception):
    """The reader of our output went away (``| head -1``). Not an OSError on purpose:
    Typer catches those and exits 1; this must reach the one place that exits 141."""


class AsiannatoError(Exception):
    """Base of every error a user may see; ``str(err)`` is the one-line message."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(AsiannatoError):
    exit_code = ExitCode.USAGE


class NotFoundError(AsiannatoError):
    exit_code = ExitCode.NOT_FOUND


class OutputError(AsiannatoError):
    exit_code = ExitCode.OUTPUT


class DataError(AsiannatoError):
    """The dataset is invalid; ``problems`` lists every problem found."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0].format() if problems else "invalid dataset"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)
        self.problems = problems


class Problem:
    """One problem in a data file: where it is and what is wrong."""

    __slots__ = ("column", "file", "key_path", "line", "message", "severity")

    def __init__(
        self,
        file: str,
        line: int | None,
        key_path: str,
        message: str,
        *,
        column: int | None = None,
        severity: str = "error",
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.key_path = key_path
        self.message = message
        self.severity = severity

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        path = f" {self.key_path}:" if self.key_path else ""
        return f"{where}:{path} {self.message}"

    def __repr__(self) -> str:
        return f"Problem({self.format()!r})"
