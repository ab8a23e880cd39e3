"""Bring your own data: validate packs, print their JSON Schema, start a new pack."""

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from asiannato.commands import settings
from asiannato.commands.choices import FORMAT_ALIASES, choice
from asiannato.errors import DataError, OutputError, UsageError
from asiannato.model import RECORD_KINDS, Format
from asiannato.output import emit

# the record kinds, as the schema names them
SchemaKind = StrEnum("SchemaKind", {k: k for k in RECORD_KINDS})  # type: ignore[misc]  # functional API


def _pack_dirs(paths: list[str]) -> list[Path]:
    out = []
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            what = "does not exist" if not p.exists() else "is not a folder"
            raise UsageError(f"{raw!r} {what}", hint="give a folder of YAML files (a pack)")
        out.append(p)
    return out


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None, typer.Argument(help="Pack folders to check.", metavar="[PACK]...")
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="plain (alias text) or json.",
            click_type=choice(Format, only=["plain", "json"], aliases=FORMAT_ALIASES),
        ),
    ] = Format.plain,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Fail (exit 4) on warnings too, such as placeholders."),
    ] = False,
) -> None:
    """Check packs (or the bundled data) and list every problem and change.

    Lists what each pack adds, replaces and extends; writes no cache. Exits 0 when
    valid (warnings alone are fine, unless --strict), 4 when not.

    Example: asiannato validate ./my-notes
    """
    from asiannato.output import show
    from asiannato.packs import Pack, bundled
    from asiannato.query.validation import validation

    run = settings(ctx)
    packs = [] if run.no_bundled else [bundled()]
    extra = [*run.packs, *(paths or [])]
    packs += [Pack(p, str(p).rstrip("/") or "/") for p in _pack_dirs(extra)]
    if not packs:
        raise UsageError("--no-bundled needs at least one pack to check")
    result = validation(packs, strict=strict, paths=paths or [])
    show(run, result, fmt)
    if result.failed:
        # The report is the result (stdout); the exit code says the data is invalid.
        raise typer.Exit(DataError.exit_code)


def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(help="One record kind; default: a file holding any kinds."),
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of pack files, for editors and CI.

    Example: asiannato schema > asiannato-pack.schema.json
    """
    from asiannato.schema import to_json_schema

    emit(json.dumps(to_json_schema(kind.value if kind else None), indent=2) + "\n")


INIT_HEADER = """\
# yaml-language-server: $schema=./pack.schema.json
# An asiannato data pack: {what}.
# Use it with:  asiannato --data {dir} actors   (or set ASIANNATO_DATA={dir})
# Check it with: asiannato validate {dir}
# The record below is a placeholder showing the fields: replace it with your own, or
# delete it. Every value marked "(replace me)" is one to write; validate warns about
# each one left in. Every record cites at least one source; quotes are copied exactly
# as the source prints them. The format: docs/data-format.md in the asiannato repository.
"""

# Every record below is a placeholder, self-contained (the pack works alone, with
# --no-bundled) and about no real person; each carries "(replace me)" or the
# placeholder address, which validate warns about (dataset.PLACEHOLDER*).
INIT_FILES = {
    "dataset.yaml": (
        "dataset: what this pack is (used when it is the base, with --no-bundled)",
        """dataset:
  version: "1"                         # your own version of the pack
  as_of: "2025-01-01"                  # the date its facts run to
  title: My notes on an Asian NATO (replace me)
  description: What the pack holds, and why (replace me).
""",
    ),
    "sources.yaml": (
        "sources: where your facts come from",
        """sources:
  - id: example-source                 # lowercase letters, digits, hyphens; unique
    title: "Example article (replace me)"
    outlet: Example Outlet (replace me)  # who published it
    author: Example Author (replace me)  # optional
    date: "2025-01-01"                 # optional: YYYY, YYYY-MM or YYYY-MM-DD, quoted
    url: https://example.org/replace-me  # the outlet's own address...
    # seen_at: https://...             # ...or where you read a copy of it
""",
    ),
    "terms.yaml": (
        "terms: the vocabulary of reasons, preferences and concerns",
        """terms:
  - id: example-term
    label: Example reason (replace me)
    description: One sentence on what the term means (replace me).
""",
    ),
    "actors.yaml": (
        "actors: states, organizations and people",
        """actors:
  - id: example-state
    kind: state                        # state, organization or person
    name: Example State (replace me)
    sources: [example-source]
  - id: example-person
    kind: person
    name: Example Person (replace me)
    aliases: [Example (replace me)]    # other names users may type
    # native_name: ...                 # only where a source gives it, with:
    # native_name_source: [example-source]
    country: example-state             # an actor id: this pack's, or a bundled one
    offices:
      - title: Example Office (replace me)
        of: example-state
        start: "2025-01"
        sources: [example-source]
    sources: [example-source]
""",
    ),
    "positions.yaml": (
        "positions: what an actor holds about an Asian NATO, from a date on",
        """positions:
  - id: example-person-2025-01
    actor: example-person
    stance: neutral        # advocate, supportive, neutral, skeptical, opposed, undeclared
    headline: One line for tables (replace me)
    summary: Two or three neutral sentences in your own words, attributed (replace me).
    reasons: [example-term]            # term ids; also prefers: and concerns:
    since: "2025-01-01"
    sources: [example-source]
""",
    ),
    "quotes.yaml": (
        "quotes: who said what, exactly as the source prints it",
        """quotes:
  - id: example-person-2025-01-placeholder
    speaker: example-person            # a person or an organization
    text: "Paste the words exactly as the source prints them (replace me)."
    kind: direct                       # direct, reported or translation
    # original_language: ja            # required for a translation
    date: "2025-01-01"
    venue: Where it was said (replace me)
    sources: [example-source]          # the first one's wording is the text's
""",
    ),
    "frameworks.yaml": (
        "frameworks: security arrangements",
        """frameworks:
  - id: example-framework
    name: Example Framework (replace me)
    collective_defense: false
    status: never-created              # active, dissolved, suspended or never-created
    members:
      - actor: example-state
    sources: [example-source]
""",
    ),
    "events.yaml": (
        "events: what happened, when",
        """events:
  - id: 2025-01-01-example-event
    date: "2025-01-01"
    # end: "2025-01-02"                # for a span
    title: Example event (replace me)
    actors: [example-person]
    sources: [example-source]
""",
    ),
    "arguments.yaml": (
        "arguments: the case for or against, and who makes it",
        """arguments:
  - id: example-argument
    side: for                          # for or against
    title: Example argument (replace me)
    summary: The argument in your own words (replace me).
    actors: [example-person]           # or others: ["A named commentator"]
    quotes: [example-person-2025-01-placeholder]
    sources: [example-source]
""",
    ),
}


def init(
    directory: Annotated[
        str, typer.Argument(help="The folder to create the pack in.", metavar="DIR")
    ],
) -> None:
    """Start a pack: one commented example of each record kind, ready to edit.

    Example: asiannato init ./my-notes
    """
    from asiannato.schema import to_json_schema

    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{directory!r} exists and is not a folder")
    names = [*INIT_FILES, "pack.schema.json"]
    clash = [n for n in names if (target / n).exists() or (target / n).is_symlink()]
    if clash:
        raise UsageError(
            f"{directory!r} already has {', '.join(clash)}; nothing was written",
            hint="choose a new folder, or move those files away",
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, (what, body) in INIT_FILES.items():
            _write_new(target / name, INIT_HEADER.format(what=what, dir=directory) + "\n" + body)
        _write_new(target / "pack.schema.json", json.dumps(to_json_schema(None), indent=2) + "\n")
    except OSError as err:
        raise OutputError(f"cannot write the pack: {err.strerror or err}") from None
    emit(
        f"created {directory}/ with {len(INIT_FILES)} example files and pack.schema.json\n"
        f"next: edit the files, then run: asiannato validate {directory}\n"
        f"use it: asiannato --data {directory} actors   (alone: add --no-bundled)\n"
    )


def _write_new(path: Path, text: str) -> None:
    """Create a file that must not exist yet (O_EXCL: never overwrite, not even through
    a symlink planted between our check and the write)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
