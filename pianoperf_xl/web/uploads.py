"""Returned workbooks dropped on a page, saved into the round's folder.

An upload is written first into a hidden folder inside the round's folder (the reader
passes over hidden entries), checked there as the reader checks every input
(``read.workbook.Workbook``: size, zip bombs, entities, encrypted or legacy files, the
template's kind), and only then linked into place under a safe name. A name already
taken is never overwritten: the file gets the next free «Nome (2).xlsx», and the page
says so. ``os.link`` claims a name atomically, so two uploads at the same moment never
write over each other.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pianoperf_xl.distribute.files import safe_stem

SUFFIXES = (".xlsx", ".xlsm")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a returned workbook is 20-40 KB; e-mail stops at 20 MB
MAX_NUMBER = 1000  # «Nome (1000).xlsx» at most: past that something is wrong


class Refused(Exception):
    """The upload is not saved; ``str()`` is the Italian reason for the page."""


@dataclass(frozen=True)
class Saved:
    name: str  # the file name in the folder
    wanted: str  # the name it would have had: differs when that one was taken
    kind: str | None  # the template's kind: ente, bilancio, settore
    sector: str | None = None  # the sector name read in a sector workbook

    @property
    def renamed(self) -> bool:
        return self.name != self.wanted


def upload_stem(filename: str | None) -> tuple[str, str]:
    """A safe stem and the lower-case suffix of an uploaded file's name; ``Refused``
    when it is not a workbook by its name."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]  # a browser's path
    stem, dot, suffix = name.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in SUFFIXES:
        shown = name or "senza nome"
        raise Refused(f"«{shown}» non è una cartella di lavoro Excel: si accettano solo file "
                      ".xlsx o .xlsm (i modelli compilati).")
    return safe_stem(stem, fallback="Scheda"), suffix


def save_upload(folder: Path, stream: BinaryIO, filename: str | None, *,
                stem: str | None = None, kinds: tuple[str, ...] = ("ente", "bilancio",
                                                                    "settore"),
                sector_check=None) -> Saved:
    """Check the uploaded workbook and save it into ``folder``.

    ``stem`` replaces the uploaded name (a sector's uploads take the sector's name);
    ``kinds`` are the templates accepted; ``sector_check(name) -> str | None`` may refuse
    a sector workbook by the sector name it holds (Italian reason)."""
    own_stem, suffix = upload_stem(filename)
    wanted = f"{stem or own_stem}{suffix}"
    staging = Path(tempfile.mkdtemp(prefix=".caricamento-", dir=folder))
    try:
        staged = staging / wanted
        _copy_limited(stream, staged)
        kind, sector = _check(staged, kinds)
        if sector_check is not None:
            problem = sector_check(sector)
            if problem:
                raise Refused(problem)
        name = _link_free_name(staged, folder, wanted)
        return Saved(name, wanted, kind, sector)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _copy_limited(stream: BinaryIO, target: Path) -> None:
    size = 0
    with open(target, "wb") as out:
        while block := stream.read(1 << 16):
            size += len(block)
            if size > MAX_UPLOAD_BYTES:
                raise Refused(too_large_message())
            out.write(block)
    if size == 0:
        raise Refused(f"«{target.name}» è vuoto (0 byte): caricare il file compilato.")


def too_large_message() -> str:
    return (f"Il file supera il limite di {MAX_UPLOAD_BYTES // (1024 * 1024)} MB: una scheda "
            "compilata pesa poche decine di KB. Controllare di aver scelto il file giusto.")


KIND_LABELS = {"ente": "dell'ente", "bilancio": "del bilancio", "settore": "di settore"}


def _check(path: Path, kinds: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The reader's own checks on the file; its kind and, for a sector, its name."""
    from pianoperf_xl.read import read_workbook
    from pianoperf_xl.read.workbook import UnreadableWorkbook, Workbook

    try:
        kind = Workbook(path).meta().kind
    except UnreadableWorkbook as exc:
        raise Refused(str(exc)) from exc
    if kind not in kinds:
        accepted = " o ".join(f"il modello {KIND_LABELS[k]}" for k in kinds)
        raise Refused(f"«{path.name}» non è un modello compilato di pianoperf: qui si "
                      f"carica {accepted}.")
    sector = None
    if kind == "settore":
        item, _ = read_workbook(path, "settore")
        sector = getattr(item, "name", None)
    return kind, sector


def _link_free_name(staged: Path, folder: Path, wanted: str) -> str:
    """Hard-link ``staged`` into ``folder`` under ``wanted`` or the first free numbered
    name; a link fails when the name exists, so no file is ever replaced."""
    base, suffix = wanted.rsplit(".", 1)
    for n in range(1, MAX_NUMBER + 1):
        name = wanted if n == 1 else f"{base} ({n}).{suffix}"
        if _taken(folder, name):
            continue
        try:
            os.link(staged, folder / name)
        except FileExistsError:
            continue
        return name
    raise Refused(f"Nella cartella ci sono già {MAX_NUMBER} versioni di «{wanted}»: "
                  "toglierne qualcuna prima di caricarne altre.")


def _taken(folder: Path, name: str) -> bool:
    """Taken also without case: Windows and macOS folders do not tell «A» from «a»."""
    folded = name.casefold()
    return any(entry.casefold() == folded for entry in os.listdir(folder))
