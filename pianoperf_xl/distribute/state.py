"""What the input folder held at the last ``build``, for ``status``.

``build`` adds to its JSON report (``piano-ANNO-verifiche.json`` in the output folder)
an "inputs" entry: the SHA-256 of every file of the input folder it read
(``inputs.build_inputs``). Nothing is written in the input folder (inputs are never
touched) and no other file is added to the output folder. ``status INBOX --build OUTPUT`` compares the inbox with the newest such
report of OUTPUT; the report file's modification time is the time of the build.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

INPUTS_KEY = "inputs"
REPORT_PATTERN = "piano*-verifiche.json"


@dataclass
class BuildState:
    when: dt.datetime
    files: dict[str, str]  # file name -> SHA-256
    report: str  # the JSON report it comes from


@dataclass
class Changes:
    since: dt.datetime
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.added or self.removed)


def last_build(out_dir: str | Path, *patterns: str) -> BuildState | None:
    """The newest build recorded in ``out_dir`` (by reports named as ``patterns``, the
    plan's build by default; a results run records its inputs alike); None when there is
    none readable."""
    found = {p for pattern in patterns or (REPORT_PATTERN,) for p in Path(out_dir).glob(pattern)}
    reports = sorted(found, key=lambda p: p.stat().st_mtime)
    for path in reversed(reports):
        try:
            inputs = json.loads(path.read_text(encoding="utf-8"))[INPUTS_KEY]
            files = {str(k): str(v) for k, v in inputs.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
        when = dt.datetime.fromtimestamp(path.stat().st_mtime)
        return BuildState(when, files, path.name)
    return None


def changes_since(state: BuildState, now: dict[str, str]) -> Changes:
    return Changes(
        state.when,
        changed=[n for n in now if n in state.files and state.files[n] != now[n]],
        added=[n for n in now if n not in state.files],
        removed=sorted((n for n in state.files if n not in now), key=str.casefold))
