"""Errors a user can act on.

Every error that reaches a user says what was wrong and, where it helps, the closest valid
values; the CLI prints ``str(error)`` as one line and exits non-zero, never a traceback.
"""

from __future__ import annotations


class ExportctlError(Exception):
    """Base class: an error in the user's input or in the regime data.

    ``status`` is the HTTP status the service answers with (docs/design.md, "Errors").
    """

    status = 400


class InputError(ExportctlError):
    """A query the engine cannot answer as asked (unknown country, item, date...)."""

    def __init__(self, message: str, suggestions: list[str] | None = None, label: str = "did you mean") -> None:
        self.suggestions = suggestions or []
        if self.suggestions:
            message = f"{message} ({label}: {', '.join(self.suggestions)}{'?' if label == 'did you mean' else ''})"
        super().__init__(message)


class UnknownItem(InputError):
    """An item that no entry of a control list is named by, and the way to ask for unlisted goods.

    Why the pointer: goods on no list are not refused by the law, they fall under its catch-all;
    a user told only "unknown item" is left to guess that the catch-all is an item one can ask
    for. The engine's words name no shell's option (``said``); the command line and the service
    render the pointer in their own terms (``--item catch-all``, ``"item": "catch-all"``).
    """

    #: The item name that asks for the catch-all, in every regime (JP's row 16, KR's catch-all).
    CATCH_ALL = "catch-all"

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.plain = message
        super().__init__(message, suggestions)
        self.listed = self.args[0]  # the message and its suggestions, without the pointer
        self.args = (self.said(f"the item {self.CATCH_ALL!r}"),)

    def said(self, ask: str) -> str:
        """The message with the pointer to the catch-all asked for as ``ask`` (a shell's own terms)."""
        # "Classify first": a name the list words otherwise (another spelling, a trade name) is still
        # listed goods, and the catch-all would answer "no licence" for them (session review S27-2).
        return f"{self.listed}; if the goods are not on the list (classify them first by their description), ask for the catch-all: {ask}"


class NotFound(InputError):
    """A named thing that does not exist (a proposal, a key, a measure)."""

    status = 404


class NoDatabase(NotFound):
    """A read found no database where it looked; it names that place (``where``) and creates nothing.

    Why: a read that created an empty database would answer as if it had read one (an audit of
    a mistyped data directory "passed" with 0 rows).
    """

    def __init__(self, where: str, url: str) -> None:
        self.where = where
        self.url = url
        super().__init__(f"no database at {where} (nothing recorded there; check --database or EXPORTCTL_DATA_DIR)")


class StorageUnavailable(ExportctlError):
    """The database cannot be reached or read; never shows its URL's password."""

    status = 503


class RegimeError(ExportctlError):
    """Malformed or contradictory regime data; always names the file and line."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")

    status = 500
