"""The pages: ``segreteria`` (the round, uploads, build, templates), ``sector`` (one
sector's upload page, by its key), ``errors`` (an Italian page for every error)."""

from __future__ import annotations

from flask import current_app


def context() -> dict:
    """The round, the keys and the builder of the running application."""
    return current_app.extensions["pianoperf"]
