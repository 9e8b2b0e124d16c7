"""Refuse hostile or damaged files before python-calamine opens them.

A returned workbook is untrusted input. Before any parser sees it, ``check_file``:

- refuses files larger than any workbook that travels by email;
- tells a password-encrypted workbook and a legacy .xls apart by their OLE2 container
  (both start with the same signature; python-calamine would only say "password");
- opens the zip and refuses archives whose entry count, declared uncompressed size or
  per-entry compression ratio are those of a zip bomb, before inflating anything;
- inflates every entry once as a stream, counting bytes against the same caps (the zip
  headers could lie), so that damage (a truncated or corrupt entry) is found here too;
  the parts the reader reads next (the sheets, the package's) are kept as inflated, so
  that they are inflated once;
- refuses XML parts that carry a DOCTYPE: OOXML parts never have one (ECMA-376 part 2
  forbids DTDs), and a DTD is what entity bombs ("billion laughs") and external
  entities need. python-calamine does not expand entities either (it stops with
  "unrecognized entity"), and openpyxl parses through defusedxml; refusing here gives
  the user one clear message instead of a parser error.

Every refusal is an ``UnreadableWorkbook`` carrying a finding code and an Italian
message that names the file and says what to do.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

MiB = 1024 * 1024

# Limits. The workbooks of a plan are 20-40 KB (150-200 KB inflated, 15-30 zip entries);
# each limit is some hundred times that, so that real files, pictures and all, pass.
MAX_FILE_BYTES = 50 * MiB  # e-mail attachments stop at 20-25 MB: 50 MB is never a return
MAX_ZIP_ENTRIES = 2_000  # a workbook with a hundred sheets and pictures has a few hundred
MAX_TOTAL_UNCOMPRESSED = 256 * MiB  # a sheet formatted down to row 1,048,576 is ~90 MB
# Deflate tops out near 1000:1 on repeated bytes, which is what bombs are made of.
# Real parts stay far below 100:1: styles.xml 10-20:1, sheets 6-15:1, even a sheet of a
# million styled empty rows 10-20:1 (row numbers differ). Apache POI uses 100:1 too.
MAX_ENTRY_RATIO = 100
RATIO_GRACE_BYTES = 1 * MiB  # a part this small cannot hurt, whatever its ratio
# python-calamine stores a sheet as a dense grid from its first to its last stored cell,
# ~32 bytes a cell, and aborts the whole process when that allocation fails (a value in
# XFD1048576 asks for 17 billion cells). 5 million cells is ~160 MB: a template sheet
# has 12 columns, so that is 400,000 rows.
MAX_SHEET_CELLS = 5_000_000
# Formula cells without a value (or with an error) are remembered one by one; a template
# has a few hundred at most. Past this many the sheet is refused rather than the scan
# growing bigger than the sheet itself.
MAX_MARKED_CELLS = 100_000
CHUNK = 64 * 1024
# The inflated parts ``check_file`` keeps for the reader when asked (so that the sheet scan
# and the package do not inflate them again): at most this many bytes in all.
MAX_KEPT_BYTES = 32 * MiB

OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
# Stream names in an OLE2 directory are UTF-16LE: an encrypted OOXML package has
# "EncryptedPackage"; an Excel 97-2003 file has "Workbook" (Excel 5/95: "Book").
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_LEGACY_STREAMS = tuple(f"{name}\0".encode("utf-16-le") for name in ("Workbook", "Book"))
_DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"))
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class UnreadableWorkbook(Exception):
    """The file (or one of its sheets) cannot be used; the message is Italian, for the user.

    Not an ``errors.Unusable``: one bad file does not stop a command. It is always caught,
    by the reader (a finding of ``code``, and the other files are read) or by
    ``distribute --from`` (which cannot go on, and raises its own ``DistributionError``).
    """

    def __init__(self, message: str, code: str = "file-unreadable") -> None:
        super().__init__(message)
        self.code = code


def damaged(name: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(
        f"«{name}» è danneggiato o incompleto (forse troncato durante l'invio o il "
        "salvataggio) e non si apre: farsi rimandare il file, salvato di nuovo da Excel o "
        "LibreOffice in formato .xlsx.")


def _zip_bomb(name: str, why: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(
        f"«{name}» non è stato aperto per sicurezza: {why}, come in un file costruito per "
        "esaurire la memoria (zip bomb). Un modello compilato non è mai così: riaprirlo in "
        "Excel o LibreOffice, copiarne i dati su un modello nuovo e salvare quello.",
        "file-zip-bomb")


def xml_entities(name: str, part: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(
        f"«{name}» non è stato aperto per sicurezza: la sua parte «{part}» dichiara entità "
        "XML (DOCTYPE), che Excel e LibreOffice non scrivono mai e che servono ad attacchi "
        "come il «billion laughs» o la lettura di file esterni. Farsi rimandare il file "
        "salvato da Excel o LibreOffice.", "file-xml-entities")


@dataclass
class CheckedParts:
    """What ``check_file`` saw of a zip: the name of every entry, and the inflated bytes
    of those it was asked to keep."""

    names: frozenset[str] = frozenset()
    data: dict[str, bytes] = field(default_factory=dict)


def check_file(path: Path, keep: Callable[[zipfile.ZipInfo], bool] | None = None
               ) -> CheckedParts:
    """Raise ``UnreadableWorkbook`` unless ``path`` is a zip that is safe to hand on.

    The entries ``keep`` accepts are kept as inflated (within ``MAX_KEPT_BYTES`` in all,
    the others are only checked), exactly the bytes a later ``read_entry`` would give.
    """
    try:
        return _check(path, keep)
    except OSError:
        raise UnreadableWorkbook(
            f"«{path.name}» non si può leggere: forse è aperto in un altro programma o "
            "mancano i permessi. Chiuderlo e riprovare.") from None


def _check(path: Path, keep: Callable[[zipfile.ZipInfo], bool] | None) -> CheckedParts:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableWorkbook(
            f"«{path.name}» pesa {size / MiB:.0f} MB, più di quanto pesi un modello "
            f"compilato (il limite è {MAX_FILE_BYTES // MiB} MB): non è stato aperto. "
            "Controllare che sia il file giusto; se contiene immagini o fogli aggiunti, "
            "toglierli e salvarlo di nuovo.", "file-too-large")
    with path.open("rb") as handle:
        head = handle.read(len(OLE2_SIGNATURE))
    if head == OLE2_SIGNATURE:
        raise _ole2_refusal(path)
    if path.suffix.lower() == ".xls":
        raise legacy_xls(path.name)
    if not head.startswith(ZIP_SIGNATURES):
        raise UnreadableWorkbook(
            f"«{path.name}» non è una cartella di lavoro .xlsx, anche se il nome finisce "
            "così (forse è un altro tipo di file rinominato): aprirlo con il programma con "
            "cui è stato fatto e salvarlo come «Cartella di lavoro di Excel (.xlsx)».")
    with open_zip(path) as archive:
        infos = archive.infolist()
        _check_entries(path.name, infos)
        parts = CheckedParts(frozenset(info.filename for info in infos))
        room = MAX_KEPT_BYTES
        for info in infos:
            kept = keep is not None and info.file_size <= room and keep(info)
            data = _check_stream(path.name, archive, info, kept)
            if kept:
                parts.data[info.filename] = data
                room -= len(data)
    return parts


def legacy_xls(name: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(
        f"«{name}» è nel vecchio formato .xls: aprirlo e risalvarlo come .xlsx "
        "(Cartella di lavoro di Excel).", "file-legacy-xls")


def _ole2_refusal(path: Path) -> UnreadableWorkbook:
    """An OLE2 file: an encrypted .xlsx, or an old .xls whatever its name says.

    The directory entries of OLE2 hold the stream names in UTF-16LE; the file is under
    ``MAX_FILE_BYTES``, so searching its bytes needs no OLE2 parser and cannot be led
    into a long walk.
    """
    data = path.read_bytes()
    encrypted = _ENCRYPTED_STREAM in data
    legacy = any(name in data for name in _LEGACY_STREAMS)
    if encrypted or (not legacy and path.suffix.lower() != ".xls"):
        return UnreadableWorkbook(
            f"«{path.name}» è protetto da password e non si può leggere: aprirlo, rimuovere "
            "la password (File > Informazioni > Proteggi cartella di lavoro > Crittografa "
            "con password, lasciando vuota la password) e salvarlo di nuovo.",
            "file-encrypted")
    return legacy_xls(path.name)


def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise damaged(path.name) from None


def _check_entries(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """The zip-bomb limits, on the sizes the central directory declares."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _zip_bomb(name, f"contiene {len(infos)} parti compresse (il limite è "
                              f"{MAX_ZIP_ENTRIES})")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _zip_bomb(name, f"decompresso occuperebbe {total // MiB} MB (il limite è "
                              f"{MAX_TOTAL_UNCOMPRESSED // MiB} MB)")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_GRACE_BYTES and ratio > MAX_ENTRY_RATIO:
            raise _zip_bomb(name, f"la parte «{info.filename}» è compressa {ratio:.0f} volte "
                                  f"(il limite è {MAX_ENTRY_RATIO})")


def stream_entry(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo
                 ) -> Iterator[bytes]:
    """The inflated bytes of one entry, chunk by chunk, never more than it declares."""
    cap = min(info.file_size, MAX_TOTAL_UNCOMPRESSED)
    seen = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                seen += len(chunk)
                if seen > cap:
                    raise _zip_bomb(name, f"la parte «{info.filename}» decompressa è più "
                                          "grande di quanto dichiara")
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
            NotImplementedError, ValueError):
        # bad CRC, truncated data, zip-level password, unknown compression method
        raise damaged(name) from None


def read_entry(name: str, archive: zipfile.ZipFile, part: str) -> bytes | None:
    """A whole (small) part, or None when the package does not have it."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    return b"".join(stream_entry(name, archive, info))


def _check_stream(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo,
                  keep: bool = False) -> bytes:
    """Inflate one entry with the byte cap; XML parts must not declare a DTD. The bytes
    when ``keep``, else b''."""
    is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
    tail = b""
    chunks = []
    for chunk in stream_entry(name, archive, info):
        if is_xml:
            window = tail + chunk
            if any(marker in window for marker in _DOCTYPE):
                raise xml_entities(name, info.filename)
            tail = window[-len(_DOCTYPE[1]):]
        if keep:
            chunks.append(chunk)
    return b"".join(chunks)
