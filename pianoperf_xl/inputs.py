"""What an input folder holds: the files the reader reads, by their SHA-256.

``build`` records these fingerprints in its JSON report, and ``status`` compares them
with the inbox of today to say what changed since; the round also fingerprints the
workbooks it sends, to recognise one returned untouched. This module sits below both the
pipeline and the round, so that neither imports the other for it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def build_inputs(folder: str | Path) -> dict[str, str]:
    """Shown file name -> SHA-256 of every file of ``folder`` the reader reads (the
    reader's own rule, not a copy of it: regular files only, see ``read.folder``)."""
    from pianoperf_xl.read.folder import folder_entries

    return {e.name: sha256_file(e.path) for e in folder_entries(Path(folder)) if e.readable}
