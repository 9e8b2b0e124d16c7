"""The files pianoperf itself writes, recognised in an input folder by what they hold.

After ``build CARTELLA -o CARTELLA`` (or ``distribute`` into the folder of the returned
workbooks) the next run would read its own outputs as inputs: the consolidated workbook as
an unknown template, an untouched pre-filled workbook as a sector with nothing filled in.
The reader leaves them out with one notice (``file-own-output``). They are recognised by
marks the writers set, never by their names:

- the consolidated workbook: the custom document property ``Pianoperf`` =
  «consolidato» (or, written before that mark, its core properties: creator pianoperf_xl,
  subject «Documento consolidato», no ``_meta`` sheet);
- an annotated copy beside the very file it annotates: ``Pianoperf`` = «annotato»,
  ``ORIGINAL`` = the SHA-256 of the annotated file, and not saved since it was written
  (the core property «last modified by» is still ``ANNOTATOR``: Excel and LibreOffice put
  the user's name there on saving). Alone, or once a person saves it, an annotated copy is
  a returned workbook, and is read;
- a pre-filled workbook of ``distribute`` and its e-mail draft: listed in the folder's
  ``distribuzione.csv``, the workbook with the same SHA-256 (a changed copy is read);
- ``distribuzione.csv`` and ``invii.csv``: their header rows;
- the JSON and HTML reports: the JSON's first keys, the HTML's generator mark;
- the annex (.docx, and the PDF/A LibreOffice makes of it): the keywords the annex sets.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

MARK = "Pianoperf"  # custom document property: which command wrote the workbook
ANNOTATOR = "pianoperf annotate"  # «last modified by» of an annotated copy
ORIGINAL = "Pianoperf originale"  # custom property: SHA-256 of the file a copy annotates
CONSOLIDATED, ANNOTATED = "consolidato", "annotato"
CONSOLIDATED_SUBJECT = "Documento consolidato"
CREATOR = "pianoperf_xl"
HTML_GENERATOR = '<meta name="generator" content="pianoperf">'
ANNEX_KEYWORDS = "Piano della performance; PEG; PDO; PIAO"  # set by write/annex/build.py

MANIFEST_HEADERS = ("Settore", "Responsabile", "Email", "File", "SHA-256", "Bozza email",
                    "Restituire entro")
SEND_LOG_HEADERS = ("Bozza", "SHA-256 bozza", "Destinatari", "Oggetto", "Inviato il",
                    "Message-ID", "Esito")
HEAD_BYTES = 4096
PDF_WINDOW = 256 * 1024

WHAT = {
    CONSOLIDATED: "la cartella di lavoro consolidata scritta da pianoperf",
    ANNOTATED: "una copia annotata da «pianoperf annotate» di un altro file della "
               "cartella, mai salvata dopo",
    "prefilled": "una scheda preparata da «pianoperf distribute» e mai modificata",
    "draft": "la bozza di un'email preparata da «pianoperf distribute»",
    "manifest": "l'elenco delle schede scritto da «pianoperf distribute»",
    "send_log": "il registro degli invii di «pianoperf send»",
    "json": "il report delle verifiche (JSON) scritto da pianoperf",
    "web_keys": "il file delle chiavi dei link per i settori, scritto da «pianoperf distribute»",
    "html": "il report delle verifiche (HTML) scritto da pianoperf",
    "docx": "un documento Word scritto da pianoperf (l'Allegato A)",
    "pdf": "un PDF scritto da pianoperf (l'Allegato A)",
    "deliberation": "la proposta di deliberazione scritta da pianoperf",
    "opendata": "i dati aperti degli obiettivi scritti da pianoperf",
}


def workbook_output(package, has_meta: bool) -> str | None:
    """What kind of our output the workbook of ``package`` (``read.package.Package``) is,
    or None when it is an input."""
    mark = package.custom.get(MARK)
    if mark == CONSOLIDATED or (not has_meta and package.creator == CREATOR
                                and package.subject == CONSOLIDATED_SUBJECT):
        return CONSOLIDATED
    return None


def annotated_original(package) -> str | None:
    """The SHA-256 of the file an untouched annotated copy annotates, else None."""
    if package.custom.get(MARK) == ANNOTATED and package.last_modified_by == ANNOTATOR:
        return package.custom.get(ORIGINAL) or None
    return None


def _head(path: Path, size: int = HEAD_BYTES) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def _csv_header(path: Path) -> tuple[str, ...]:
    first = _head(path).decode("utf-8-sig", errors="replace").splitlines()[:1]
    return tuple(next(csv.reader(io.StringIO(first[0]), delimiter=";"), [])) if first else ()


def distributed(paths: dict[str, Path]) -> dict[str, str]:
    """Name -> kind of the pre-filled workbooks and drafts that a ``distribuzione.csv``
    among ``paths`` (shown name -> path) lists: the workbooks only while unchanged."""
    own: dict[str, str] = {}
    for path in paths.values():
        if path.suffix.lower() != ".csv" or _csv_header(path)[:len(MANIFEST_HEADERS)] != \
                MANIFEST_HEADERS:
            continue
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=";"))[1:]
        for row in rows:
            row = row + [""] * len(MANIFEST_HEADERS)
            name, sha, draft = row[3], row[4].strip().lower(), row[5]
            if name in paths and sha and sha256(paths[name]) == sha:
                own[name] = "prefilled"
            if draft in paths:
                own[draft] = "draft"
    return own


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def other_output(path: Path) -> str | None:
    """What kind of our output a file that is not a workbook is, or None."""
    from pianoperf_xl.write import deliberation, opendata  # what they write is declared there

    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            header = _csv_header(path)
            if header[:len(MANIFEST_HEADERS)] == MANIFEST_HEADERS:
                return "manifest"
            if header[:len(SEND_LOG_HEADERS) - 1] == SEND_LOG_HEADERS[:-1]:
                return "send_log"
            if header == tuple(column for column, _ in opendata.COLUMNS):
                return "opendata"
        elif suffix == ".json":
            head = _head(path).decode("utf-8", errors="replace").lstrip()
            if head.startswith('{\n  "valid":') and '"stats":' in head:
                return "json"
            if head.startswith('{\n  "settori":'):  # distribute/web_keys.py
                return "web_keys"
            if head.startswith('{\n  "$schema": ' + json.dumps(opendata.SCHEMA_ID)):
                return "opendata"
        elif suffix in (".html", ".htm"):
            if HTML_GENERATOR.encode() in _head(path):
                return "html"
        elif suffix == ".docx":
            keywords = _docx_keywords(path)
            return ("docx" if keywords == ANNEX_KEYWORDS else
                    "deliberation" if keywords == deliberation.KEYWORDS else None)
        elif suffix == ".pdf":
            return "pdf" if _pdf_has_keywords(path) else None
    except OSError:
        return None
    return None


def _docx_keywords(path: Path) -> str:
    from pianoperf_xl.read.package import core_text, parse_xml
    from pianoperf_xl.read.safety import UnreadableWorkbook, check_file, open_zip, read_entry

    try:
        check_file(path)
        with open_zip(path) as archive:
            data = read_entry(path.name, archive, "docProps/core.xml")
        return core_text(parse_xml(data, path.name, "docProps/core.xml"),
                         "keywords") if data else ""
    except UnreadableWorkbook:
        return ""


def _pdf_has_keywords(path: Path) -> bool:
    """LibreOffice copies the document's keywords into the PDF's XMP metadata, as a list
    («Piano, della, performance, PEG, PDO, PIAO»), near the start or the end."""
    mark = b"<pdf:Keywords>" + ", ".join(ANNEX_KEYWORDS.replace(";", "").split()).encode()
    size = path.stat().st_size
    with open(path, "rb") as handle:
        if mark in handle.read(PDF_WINDOW):
            return True
        handle.seek(max(0, size - PDF_WINDOW))
        return mark in handle.read()
