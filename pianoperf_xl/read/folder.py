"""Which entries of an input folder are read, and by what name they are shown.

Only regular files are read. A lock file of Excel (``~$``) or LibreOffice (``.~lock``),
a hidden file and a folder are passed over in silence; anything else that is not a
regular file — a pipe, a device, a broken link, a link that leads out of the folder (to
``/dev/zero``, or to another office's files) — is refused with a finding and never
opened, so nothing can make a run wait for ever or read what was not handed in.

A file name that is not valid text (a Windows zip extracted elsewhere keeps its names'
bytes in the old code page) is shown with «�» in place of the bytes that cannot be read,
and reported; the file itself is read, through a link under the shown name in a private
temporary folder, so every message and output names it in valid text.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pianoperf_xl.codes import emit
from pianoperf_xl.findings import Finding, Location


@dataclass(frozen=True)
class FolderEntry:
    """One entry of the input folder that the user would call a file."""

    path: Path  # where it is
    name: str  # its name as shown: valid text, even when the file system's is not
    refusal: Finding | None = None  # why it is not read, when it is not

    @property
    def readable(self) -> bool:
        return self.refusal is None


def passed_over(path: Path) -> bool:
    """Lock files of Excel (~$) and LibreOffice (.~lock), hidden files: never inputs."""
    return path.name.startswith(("~$", ".~lock", "."))


def shown_name(path: Path) -> str:
    """The name of ``path`` as text: bytes that are not UTF-8 become «�»."""
    return os.fsencode(path.name).decode("utf-8", errors="replace")


def folder_entries(folder: Path) -> list[FolderEntry]:
    """The folder's entries that are inputs or refused inputs, by name (case aside)."""
    root = folder.resolve()
    entries = []
    shown: set[str] = set()
    for path in sorted(folder.iterdir()):
        if passed_over(path):
            continue
        name = _unique(shown_name(path), shown)
        kind = _kind(path, root)
        if kind == "folder":
            continue
        refusal = None if kind == "file" else _refusal(kind, name)
        entries.append(FolderEntry(path, name, refusal))
    return sorted(entries, key=lambda e: e.name.casefold())


def _unique(name: str, shown: set[str]) -> str:
    """Two names unreadable in the same places would be shown alike: number the second."""
    stem, suffix = os.path.splitext(name)
    n = 2
    while name in shown:
        name = f"{stem} ({n}){suffix}"
        n += 1
    shown.add(name)
    return name


def _kind(path: Path, root: Path) -> str:
    """"file", "folder", or why it is not read: "outside", "broken", "special"."""
    if path.is_symlink():
        target = path.resolve()
        if target != root and root not in target.parents:
            return "outside"
    try:
        mode = path.stat().st_mode  # follows a link inside the folder
    except OSError:
        return "broken"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "special"


def _refusal(kind: str, name: str) -> Finding:
    where = Location(name)
    if kind == "outside":
        return emit("file-link-outside",
                    f"«{name}» è un collegamento a un file fuori dalla cartella: non è stato "
                    "seguito né letto. Copiare nella cartella il file vero e proprio.", where)
    why = ("è un collegamento a un file che non esiste più" if kind == "broken" else
           "non è un file ma un dispositivo, una pipe o simili")
    return emit("file-not-regular", f"«{name}» {why}: ignorato.", where)


def name_findings(entries: list[FolderEntry]) -> list[Finding]:
    """A finding for each file whose name is not valid text."""
    return [emit("file-name-encoding",
                 f"Il nome del file «{e.name}» contiene caratteri che non si leggono (di "
                 "solito un file estratto da uno zip fatto su Windows): il file è stato letto "
                 "lo stesso; rinominarlo per riconoscerlo.", Location(e.name))
            for e in entries if e.name != e.path.name]


@contextlib.contextmanager
def openable(entries: list[FolderEntry]) -> Iterator[dict[str, Path]]:
    """Shown name -> a path to open it by: the file itself, or, when its name is not valid
    text, a link to it under the shown name in a private folder (gone afterwards)."""
    paths = {e.name: e.path for e in entries if e.readable}
    renamed = [e for e in entries if e.readable and e.name != e.path.name]
    if not renamed:
        yield paths
        return
    with tempfile.TemporaryDirectory(prefix="pianoperf-nomi-") as private:
        for entry in renamed:
            link = Path(private) / entry.name
            link.symlink_to(entry.path.resolve())
            paths[entry.name] = link
        yield paths
