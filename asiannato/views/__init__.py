"""The view layer: every command's answer (``query.answer``) as one page
(``views.pages``, a ``doc.Doc``) and, for lists, as rows (``views.listing``: CSV, and
tab-separated for pipes). Drawing is ``render``'s (Rich) and ``export``'s job. The
page and row modules are imported only by the runs that draw them: a pipe never
builds a page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from asiannato.doc import Doc
    from asiannato.query.answer import Result
    from asiannato.views.listing import Rows

# each answer's page and rows, by the answer's class name
_PAGES = {
    "ActorList": "actors_page",
    "ComparisonAnswer": "compare_page",
    "QuoteList": "quotes_page",
    "ActorProfile": "profile_page",
    "FrameworkList": "frameworks_page",
    "FrameworkPage": "framework_page",
    "Timeline": "timeline_page",
    "ArgumentList": "arguments_page",
    "SearchAnswer": "search_page",
    "SourceIndex": "sources_page",
    "SourcePage": "source_page",
    "Briefing": "brief_page",
    "ChangeList": "changes.changes_page",
    "VerifyAnswer": "verify_page",
    "Glossary": "terms_page",
    "Validation": "validation.validation_page",
}
_ROWS = {
    "ActorList": "actor_rows",
    "QuoteList": "quote_rows",
    "FrameworkList": "framework_rows",
    "Timeline": "event_rows",
    "ArgumentList": "argument_rows",
    "SearchAnswer": "hit_rows",
    "SourceIndex": "source_rows",
    "ChangeList": "changes.change_rows",
    "Glossary": "glossary_rows",
}


def page(answer: Result) -> Doc:
    """The answer as a page: for a terminal, Markdown, and plain text (but lists)."""
    doc: Doc = _view(_PAGES[type(answer).__name__], "pages")(answer)
    return doc


def _view(name: str, module: str) -> Any:
    """A view function by name: in ``module``, or "module.function" for a command whose
    views have a module of their own."""
    import importlib

    if "." in name:
        module, name = name.split(".")
    return getattr(importlib.import_module(f"asiannato.views.{module}"), name)


def rows(answer: Result) -> Rows | None:
    """The answer as rows, for a list; None for a page (it has no CSV form)."""
    name = _ROWS.get(type(answer).__name__)
    if name is None:
        return None
    made: Rows = _view(name, "listing")(answer)
    return made


def shortfall(answer: Result) -> str | None:
    """For a list cut short (a search's --limit): "showing N of M", for stderr when the
    list goes to a pipe as rows (the page says it itself)."""
    if type(answer).__name__ != "SearchAnswer":
        return None
    from asiannato.views import pages

    return pages.shortfall(answer)  # type: ignore[arg-type]


def tally(answer: Result) -> str | None:
    """A count for the person at a terminal (stderr), where cards fill the screen."""
    quotes = getattr(answer, "quotes", None)
    if type(answer).__name__ == "QuoteList" and quotes is not None:
        n = len(quotes)
        return f"{n} quote{'s' if n != 1 else ''}"
    return None
