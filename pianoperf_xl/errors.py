"""How a command ends: its exit codes, and the exception for «cannot go on».

Problems in the files are findings (data); an ``Unusable`` is raised only when a command
cannot go on at all (no folder, an unusable Word model, no LibreOffice, a refused mail
server...). The command line turns it into one Italian line and its exit code, in one
place (``cli.Commands``). This module imports nothing, so the command line can load it
at start.
"""

from __future__ import annotations

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


class Unusable(Exception):
    """The command cannot go on: ``message`` is one Italian line for the user,
    ``exit_code`` how the command ends (2 unless said otherwise)."""

    exit_code = EXIT_UNUSABLE

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code
