"""Generate tests/data/broken/: one folder per kind of broken or hostile input.

    python scripts/make_broken_inputs.py          # rewrites tests/data/broken/

Each folder holds the broken file(s) of its kind next to a copy of one or two good
workbooks of the bundled sample, so a test can prove that the good ones are still read.
Workbooks are written by the project's own template writer (deterministic), then edited
at the XML level where a kind needs what no spreadsheet program writes; OLE2 files
(encrypted workbook, legacy .xls) are built by a minimal compound-file writer below, so
the output is the same bytes on every run and needs no encryption library.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import shutil
import struct
import sys
import zipfile
from pathlib import Path
from typing import Callable

import xlsxwriter

from pianoperf_xl import spec as specs
from pianoperf_xl.write.templates import write_template

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "calcinate-2022"
TARGET = ROOT / "tests" / "data" / "broken"
GOOD = "Settore Polizia Locale.xlsx"
OTHER_GOOD = "Settore Servizi Demografici.xlsx"
YEAR = 2022

SECTOR = {"ente": "Comune di Calcinate", "settore": "Settore Tributi",
          "responsabile": "Rossi Mario", "email": "tributi@comune.example.it"}
STAFF = [{"nome": "Rossi Mario", "profilo": "Istruttore direttivo", "categoria": "D1",
          "rapporto": "dipendente"},
         {"nome": "Bianchi Anna", "profilo": "Istruttore", "categoria": "C1", "ore": 24,
          "rapporto": "dipendente"}]
OBJECTIVE = {"codice": "TR.01", "area": "ENTRATE", "azione": "Equità fiscale",
             "obiettivo": "Recupero dell'evasione IMU", "indicatore": "Avvisi emessi",
             "target": "200 avvisi", "scadenza": "entro 31/12", "personale": "Rossi, Bianchi"}
FILL = {"Settore": SECTOR, "Personale": STAFF, "Obiettivi": [OBJECTIVE]}
BROKEN = "Settore Tributi.xlsx"

# Sheet parts of the template writer's output, in template order.
SETTORE_PARTS = {"Settore": "xl/worksheets/sheet2.xml", "Personale": "xl/worksheets/sheet3.xml",
                 "Obiettivi": "xl/worksheets/sheet4.xml"}
ENTE_PARTS = {"Ente": "xl/worksheets/sheet2.xml", "Popolazione": "xl/worksheets/sheet7.xml"}

Edit = Callable[[bytes], bytes]


# -- helpers ------------------------------------------------------------------------------


def good(folder: Path, *names: str) -> None:
    for name in names or (GOOD,):
        shutil.copyfile(SAMPLE / name, folder / name)


def template(folder: Path, name: str, fill: dict, kind: str = "settore", year: int = YEAR,
             version: str | None = None) -> Path:
    spec = specs.spec_for(kind, year)
    if version is not None:
        spec = dataclasses.replace(spec, version=version)
    return write_template(spec, folder / name, fill)


def edit_zip(path: Path, edits: dict[str, Edit], add: dict[str, bytes] | None = None) -> None:
    """Rewrite members of the zip at ``path`` in place, keeping order and timestamps."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            edit = edits.get(info.filename)
            target.writestr(info, edit(data) if edit else data,
                            compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        for name, data in (add or {}).items():
            target.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data,
                            compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def sub(pattern: str, replacement: str, count: int = 1) -> Edit:
    """An edit replacing ``pattern`` (a regex) in a part, which must match."""
    def edit(data: bytes) -> bytes:
        text, found = re.subn(pattern, replacement, data.decode("utf-8"), count=count)
        assert found, f"pattern not found: {pattern}"
        return text.encode("utf-8")
    return edit


def replace_cell(ref: str, xml: str) -> Edit:
    """Replace cell ``ref`` (written by the template writer) by ``xml``."""
    return sub(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', xml)


def chain(*edits: Edit) -> Edit:
    def edit(data: bytes) -> bytes:
        for one in edits:
            data = one(data)
        return data
    return edit


def inline(ref: str, text: str, style: str = "") -> str:
    return f'<c r="{ref}"{style} t="inlineStr"><is><t>{text}</t></is></c>'


def append_rows(xml: str) -> Edit:
    return sub(r"</sheetData>", xml + "</sheetData>")


# -- a minimal OLE2 (compound file) writer ------------------------------------------------

SECTOR_SIZE = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MINI_CUTOFF = 4096


def _dir_entry(name: str, kind: int, child: int = NO_STREAM, right: int = NO_STREAM,
               start: int = END, size: int = 0) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1 if name else 0,
                       NO_STREAM, right, child, b"", 0, 0, 0, start, size)


def ole2(streams: dict[str, bytes]) -> bytes:
    """A version 3 compound file holding ``streams`` (each padded past the mini-stream
    cutoff, so no mini FAT is needed): sector 0 is the FAT, sector 1 the directory."""
    data = [s.ljust(max(len(s), MINI_CUTOFF), b"\0") for s in streams.values()]
    fat, entries, sector = [FAT_SECTOR, END], [], 2
    for i, (name, body) in enumerate(zip(streams, data)):
        count = -(-len(body) // SECTOR_SIZE)
        fat += [sector + k + 1 for k in range(count - 1)] + [END]
        right = i + 2 if i + 1 < len(streams) else NO_STREAM
        entries.append(_dir_entry(name, 2, right=right, start=sector, size=len(body)))
        sector += count
    assert len(fat) <= SECTOR_SIZE // 4 and len(entries) < 4
    directory = b"".join([_dir_entry("Root Entry", 5, child=1)] + entries)
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"), b"",
                         0x3E, 3, 0xFFFE, 9, 6, b"", 0, 1, 1, 0, MINI_CUTOFF, END, 0, END, 0)
    header += struct.pack("<109I", 0, *[FREE] * 108)
    fat_sector = struct.pack(f"<{SECTOR_SIZE // 4}I", *fat + [FREE] * (SECTOR_SIZE // 4 - len(fat)))
    body = b"".join(d.ljust(-(-len(d) // SECTOR_SIZE) * SECTOR_SIZE, b"\0") for d in data)
    return header + fat_sector + directory.ljust(SECTOR_SIZE, b"\0") + body


def pseudo_random(size: int, seed: str) -> bytes:
    out, counter = b"", 0
    while len(out) < size:
        out += hashlib.sha256(f"{seed}{counter}".encode()).digest()
        counter += 1
    return out[:size]


# -- the kinds ----------------------------------------------------------------------------


def not_a_workbook(folder: Path) -> None:
    """A PDF next to the workbooks (ignored), and a PDF renamed .xlsx (unreadable)."""
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    (folder / "Relazione.pdf").write_bytes(pdf)
    (folder / BROKEN).write_bytes(pdf)


def legacy_xls(folder: Path) -> None:
    """An Excel 97-2003 file, and the same renamed .xlsx: both legacy .xls."""
    biff = bytes.fromhex("0908100000060500") + b"\0" * 8  # a BIFF8 BOF record
    xls = ole2({"Workbook": biff})
    (folder / "Settore Tributi.xls").write_bytes(xls)
    (folder / "Settore Cultura.xlsx").write_bytes(xls)


def encrypted(folder: Path) -> None:
    """A password-encrypted .xlsx: an OLE2 container with EncryptionInfo and
    EncryptedPackage (the streams' content is a stand-in: only the container matters)."""
    info = bytes.fromhex("0400040040000000") + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns='
        b'"http://schemas.microsoft.com/office/2006/encryption"/>')
    package = struct.pack("<Q", 20000) + pseudo_random(20000, "encrypted")
    (folder / BROKEN).write_bytes(ole2({"EncryptionInfo": info, "EncryptedPackage": package}))


def truncated(folder: Path) -> None:
    """A workbook cut short, as by a failed download: no zip directory at the end."""
    data = (SAMPLE / OTHER_GOOD).read_bytes()
    (folder / BROKEN).write_bytes(data[: len(data) * 6 // 10])


def corrupt_zip(folder: Path) -> None:
    """A workbook whose zip directory is whole but one part's compressed bytes are not."""
    path = template(folder, BROKEN, FILL)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SETTORE_PARTS["Obiettivi"])
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:
                                                    info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
    data[start:start + 16] = bytes(b ^ 0x5A for b in data[start:start + 16])
    path.write_bytes(bytes(data))


def zip_bomb(folder: Path) -> None:
    """A workbook whose sheet inflates 1000 times (64 MB of blanks): refused unopened."""
    path = template(folder, BROKEN, FILL)
    blanks = " " * (64 * 1024 * 1024)
    edit_zip(path, {SETTORE_PARTS["Obiettivi"]: sub(r"\?>", "?>" + blanks)})


BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
                            for i in range(1, 10)) + "]>")


def billion_laughs(folder: Path) -> None:
    """Nine levels of nested entities in a sheet, used in a cell: 10^9 'lol's if
    expanded."""
    path = template(folder, BROKEN, FILL)
    edit_zip(path, {SETTORE_PARTS["Obiettivi"]: chain(
        sub(r"\?>", "?>" + BILLION_LAUGHS), replace_cell("L5", inline("L5", "&lol9;")))})


def external_entity(folder: Path) -> None:
    """An external entity in the shared strings, pointing at a local file."""
    path = template(folder, BROKEN, FILL)
    doctype = '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    edit_zip(path, {"xl/sharedStrings.xml": chain(
        sub(r"\?>", "?>" + doctype), sub(r"<t>[^<]*</t>", "<t>&xxe;</t>"))})


def million_rows(folder: Path) -> None:
    """A sheet whose formatting claims all 1,048,576 rows and 16,384 columns: a
    dimension of A1:XFD1048576, every column styled, 100,000 styled empty rows and the
    last row of the sheet styled (a test builds the full million at run time)."""
    path = template(folder, BROKEN, FILL)
    rows = "".join(f'<row r="{r}" s="1" customFormat="1"/>' for r in range(70, 100_070))
    last = ('<row r="1048576" s="1" customFormat="1">'
            + "".join(f'<c r="{col}1048576" s="1"/>' for col in "ABCDEFGHIJKL") + "</row>")
    edits = [sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>'),
             sub(r"</cols>", '<col min="13" max="16384" width="9" style="1"/></cols>'),
             append_rows(rows + last)]
    edit_zip(path, {SETTORE_PARTS["Obiettivi"]: chain(*edits)})


def far_cell(folder: Path) -> None:
    """One character in XFD1048576: python-calamine would allocate 17 billion cells."""
    path = template(folder, BROKEN, FILL)
    edit_zip(path, {SETTORE_PARTS["Personale"]: append_rows(
        '<row r="1048576">' + inline("XFD1048576", "x") + "</row>")})


def formula_not_computed(folder: Path) -> None:
    """A formula typed in an input cell, saved by a library that computes nothing."""
    path = template(folder, BROKEN, FILL)
    edit_zip(path, {SETTORE_PARTS["Personale"]: replace_cell(
        "E6", '<c r="E6" s="11"><f>12*2</f></c>')})


def formula_error(folder: Path) -> None:
    """A formula whose computed value is an error (#DIV/0!)."""
    path = template(folder, BROKEN, FILL)
    edit_zip(path, {SETTORE_PARTS["Personale"]: replace_cell(
        "E6", '<c r="E6" s="11" t="e"><f>24/0</f><v>#DIV/0!</v></c>')})


MERGED_OBJECTIVES = [
    {"codice": "TR.01", "area": "ENTRATE", "obiettivo": "Recupero dell'evasione IMU",
     "indicatore": "Avvisi emessi", "target": "200 avvisi", "scadenza": "entro 31/12"},
    {"codice": "TR.02", "obiettivo": "Bollettazione TARI", "indicatore": "Avvisi spediti",
     "target": "100%", "scadenza": "entro aprile"},
    {"codice": "TR.03", "obiettivo": "Sportello telematico", "indicatore": "Pratiche online",
     "target": "50", "scadenza": "entro 30/09"},
    {"codice": "TR.04", "area": "SERVIZI", "obiettivo": "Rimborsi ai contribuenti",
     "indicatore": "Rimborsi evasi", "target": "90%", "scadenza": "entro 31/12"},
    {"indicatore": "Tempo medio", "target": "60 giorni", "scadenza": "entro 31/12"},
]


def merged_cells(folder: Path) -> None:
    """"Area strategica" merged over three objectives (B5:B7), and one objective's
    text, code and area merged over its two indicator rows (A8:A9, B8:B9, D8:D9)."""
    path = template(folder, BROKEN, {**FILL, "Obiettivi": MERGED_OBJECTIVES})
    merges = ["B5:B7", "A8:A9", "B8:B9", "D8:D9"]
    xml = (f'<mergeCells count="{len(merges)}">'
           + "".join(f'<mergeCell ref="{ref}"/>' for ref in merges) + "</mergeCells>")
    edit_zip(path, {SETTORE_PARTS["Obiettivi"]: sub(r"(</autoFilter>|<autoFilter[^>]*/>)",
                                                    r"\1" + xml)})


def hidden_rows(folder: Path) -> None:
    """A staff row hidden (row 6) and the staff notes column hidden (G, with a note)."""
    staff = [STAFF[0] | {"note": "Responsabile del servizio"}, STAFF[1]]
    path = template(folder, BROKEN, {**FILL, "Personale": staff})
    edit_zip(path, {SETTORE_PARTS["Personale"]: chain(
        sub(r'<row r="6" ', '<row r="6" hidden="1" '),
        sub(r'<col min="7" max="7" ', '<col min="7" max="7" hidden="1" '))})


def hidden_sheet(folder: Path) -> None:
    """The template's «Personale» sheet hidden, and a hidden sheet of notes added."""
    path = template(folder, BROKEN, FILL)
    notes = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns='
             '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1">' + inline("A1", "Verdi Luca") + inline("B1", "C2") + "</row>"
             "</sheetData></worksheet>")
    sheet_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    edit_zip(path, {
        "xl/workbook.xml": chain(
            sub(r'(<sheet name="Personale" )', r'\1state="hidden" '),
            sub(r"</sheets>", '<sheet name="Appunti" sheetId="99" state="hidden" '
                'r:id="rId99"/></sheets>')),
        "xl/_rels/workbook.xml.rels": sub(
            r"</Relationships>", f'<Relationship Id="rId99" Type="{sheet_type}" '
            'Target="worksheets/sheet99.xml"/></Relationships>'),
        "[Content_Types].xml": sub(
            r"</Types>", '<Override PartName="/xl/worksheets/sheet99.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"),
    }, add={"xl/worksheets/sheet99.xml": notes.encode()})


def with_modified(path: Path, moment: str) -> None:
    edit_zip(path, {"docProps/core.xml": sub(
        r"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>",
        rf"<dcterms:modified\1>{moment}</dcterms:modified>")})


def duplicate_sector(folder: Path) -> None:
    """The same sector twice: the copy saved later (by its own properties) is used."""
    good(folder, OTHER_GOOD)
    for name, moment in (("Polizia Locale.xlsx", "2022-01-10T09:00:00Z"),
                         ("Polizia Locale - versione corretta.xlsx", "2022-02-03T16:30:00Z")):
        shutil.copyfile(SAMPLE / GOOD, folder / name)
        with_modified(folder / name, moment)


def duplicate_odd_dates(folder: Path) -> None:
    """The same sector three times, two copies with absurd save dates (9999-12-31 and
    0001-01-01, as some tools write): the dates are ignored, nothing stops the run."""
    good(folder, OTHER_GOOD)
    for name, moment in (("Polizia Locale.xlsx", "2022-01-10T09:00:00Z"),
                         ("Polizia Locale - futuro.xlsx", "9999-12-31T23:59:59Z"),
                         ("Polizia Locale - anno uno.xlsx", "0001-01-01T00:00:00Z")):
        shutil.copyfile(SAMPLE / GOOD, folder / name)
        with_modified(folder / name, moment)


def wrong_version(folder: Path) -> None:
    """A sector workbook filled on version 0 of the template."""
    template(folder, BROKEN, FILL, version="0")


def wrong_year(folder: Path) -> None:
    """A sector workbook filled on the template of the year before (two good ones of
    the plan year next to it, so that the plan year is theirs)."""
    good(folder, GOOD, OTHER_GOOD)
    template(folder, BROKEN, FILL, year=YEAR - 1)


def no_template(folder: Path) -> None:
    """A workbook of notes, made from no template (no «_meta» sheet)."""
    book = xlsxwriter.Workbook(folder / "Appunti obiettivi.xlsx")
    book.set_properties({"created": dt.datetime(2000, 1, 1)})
    book.add_worksheet("Foglio1").write_string(0, 0, "Obiettivi da rivedere")
    book.close()


TEXT_AMOUNTS = {
    "1": {"2022": "1.055.000,00", "2023": "1055000", "2024": "€ 1.055.000"},
    "3": {"2022": "(1.055.000,00)", "2023": "1\u00a0055\u00a0000,50", "2024": "1.055"},
}


def text_numbers(folder: Path) -> None:
    """Amounts typed as text: Italian, plain, with the euro sign, negative in
    parentheses, with non-breaking spaces, and the ambiguous "1.055"."""
    template(folder, "Bilancio.xlsx", {"Bilancio": {"ente": "Comune di Calcinate"},
                                       "Entrate": TEXT_AMOUNTS}, kind="bilancio")


POPULATION = {"anno_bilancio": 2021, "popolazione_inizio": 100, "nati": 1, "deceduti": 2,
              "immigrati": 3, "emigrati": 4, "popolazione_fine": 98}


def text_dates(folder: Path) -> None:
    """Dates typed as text: "15/03/2022" and "1 gennaio 2021"."""
    template(folder, "Ente.xlsx", {
        "Ente": {"denominazione": "Comune di Calcinate", "data_approvazione": "15/03/2022"},
        "Popolazione": POPULATION | {"data_piramide": "1 gennaio 2021"}}, kind="ente")


def serial_1904(day: dt.date) -> int:
    return (day - dt.date(1904, 1, 1)).days


def date1904(folder: Path) -> None:
    """A workbook in the 1904 date system (old Mac Excel): a date cell, and a date typed
    as a plain serial number in a cell without a date format."""
    path = template(folder, "Ente.xlsx", {
        "Ente": {"denominazione": "Comune di Calcinate",
                 "data_approvazione": serial_1904(dt.date(2022, 3, 15))},
        "Popolazione": POPULATION | {"data_piramide": serial_1904(dt.date(2021, 1, 1))}},
        kind="ente")
    edit_zip(path, {
        "xl/workbook.xml": sub(r"<workbookPr ", '<workbookPr date1904="1" '),
        ENTE_PARTS["Popolazione"]: sub(r'(<c r="B\d+") s="\d+"(><v>42735</v>)', r"\1\2"),
    })


def lock_file(folder: Path) -> None:
    """Lock files left by Excel (~$) and LibreOffice (.~lock.…#) while a file is open."""
    (folder / f"~${GOOD}").write_bytes(b"\x0bRossi Mario".ljust(165, b" "))
    (folder / f".~lock.{GOOD}#").write_text("Rossi Mario,rossi,PC-UFFICIO,01.02.2022 10:00,;\n")


def empty(folder: Path) -> None:
    """No file to read (only .gitkeep, which is hidden and skipped)."""
    (folder / ".gitkeep").write_text("")  # git keeps no empty folder; hidden files are skipped


def macro_enabled(folder: Path) -> None:
    """A good sector workbook saved as .xlsm: read, its macros never run."""
    shutil.copyfile(SAMPLE / OTHER_GOOD, folder / "Settore Servizi Demografici.xlsm")


def long_text(folder: Path) -> None:
    """A note of 40,000 characters, more than an Excel cell holds (32,767)."""
    path = template(folder, BROKEN, FILL)
    edit_zip(path, {SETTORE_PARTS["Obiettivi"]: replace_cell(
        "L5", inline("L5", "Nota molto lunga. " * 2223))})


def control_chars(folder: Path) -> None:
    """A staff profile with an invisible control character (BEL) in it."""
    staff = [STAFF[0] | {"profilo": "Istruttore\x07 direttivo"}, STAFF[1]]
    template(folder, BROKEN, {**FILL, "Personale": staff})


def invisible_names(folder: Path) -> None:
    """A name typed with invisible characters pasted from Word or PDF — a soft hyphen, a
    zero-width joiner, a word joiner — and a name typed over two lines (Alt+Enter): each
    read as the visible name, and reported."""
    staff = [STAFF[0] | {"nome": "Rossi\nMario"}, STAFF[1] | {"nome": "Bian\u00adchi Anna"}]
    objectives = [OBJECTIVE | {"codice": f"TR.0{i}", "personale": name}
                  for i, name in enumerate(("Ros\u200dsi", "Bianchi\u2060", "Rossi, Bianchi"),
                                           start=1)]
    template(folder, BROKEN, {**FILL, "Personale": staff, "Obiettivi": objectives})


def absurd_year(folder: Path) -> None:
    """An ente workbook whose hidden metadata say the plan is of year -7, and a sector
    workbook of year 99999: neither decides the plan year, both are reported at the cell
    and not used; the two good sector workbooks are read for their own year."""
    ente = template(folder, "Ente.xlsx", {"Ente": {"denominazione": "Comune di Calcinate"}},
                    kind="ente")
    # the hidden metadata sheet is the last of the ente template's twelve
    edit_zip(ente, {"xl/worksheets/sheet12.xml": sub(r'(<c r="B3">)<v>2022</v>', r"\1<v>-7</v>")})
    sector = template(folder, BROKEN, FILL)
    edit_zip(sector, {"xl/worksheets/sheet6.xml": sub(r'(<c r="B3">)<v>2022</v>',
                                                      r"\1<v>99999</v>")})


STRICT_NAMESPACES = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main":
        b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    b"http://schemas.openxmlformats.org/drawingml/2006/main":
        b"http://purl.oclc.org/ooxml/drawingml/main",
    b"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing":
        b"http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
}
TEXT_BOX = (
    '<xdr:twoCellAnchor><xdr:from><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1'
    '</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>11</xdr:col><xdr:colOff>0'
    '</xdr:colOff><xdr:row>4</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp><xdr:nvSpPr>'
    '<xdr:cNvPr id="2" name="Casella di testo 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr>'
    '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="600000"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/>'
    '<a:p><a:r><a:t>Nota del responsabile: obiettivi concordati con la Giunta</a:t></a:r>'
    '</a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>')
LIST_VALIDATION = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.'
    'microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" '
    'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation '
    'type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1>'
    '<xm:f>_liste!$A$1:$A$4</xm:f></x14:formula1><xm:sqref>I5:I40</xm:sqref>'
    '</x14:dataValidation></x14:dataValidations></ext></extLst>')


def strict_parts(path: Path) -> None:
    """Every part of the workbook in the namespaces of «Strict Open XML»."""
    def strict(data: bytes) -> bytes:
        for transitional, iso in STRICT_NAMESPACES.items():
            data = data.replace(transitional, iso)
        return data
    with zipfile.ZipFile(path) as source:
        names = [n for n in source.namelist() if n.endswith((".xml", ".rels"))]
    edit_zip(path, {name: strict for name in names})


def workbooks_annotate_cannot_copy(folder: Path) -> None:
    """Sector workbooks whose annotated copy openpyxl would make with less than they hold:
    one saved as «Strict Open XML», one with a text box, one with a list validation
    stored the Excel 2010 way (x14), one whose sheet view says zoomScale="auto". Each is
    read by check; annotate copies only the x14 one (putting its validation back). The
    good one next to them has no finding, so it needs no copy."""
    names = {"strict": "Settore Affari Generali.xlsx", "text-box": GOOD,
             "x14": "Settore Gestione Territorio.xlsx", "zoom": OTHER_GOOD}
    for name in names.values():
        shutil.copyfile(SAMPLE / name, folder / name)
    strict_parts(folder / names["strict"])
    edit_zip(folder / names["text-box"], {"xl/drawings/drawing2.xml": sub(
        r"</xdr:wsDr>", TEXT_BOX.replace("\\", "\\\\") + "</xdr:wsDr>")})
    edit_zip(folder / names["x14"], {"xl/worksheets/sheet4.xml": sub(
        r"</worksheet>", LIST_VALIDATION + "</worksheet>")})
    edit_zip(folder / names["zoom"], {"xl/worksheets/sheet3.xml": sub(
        r'zoomScale="100"', 'zoomScale="auto"')})


# folder -> (the function that writes its broken files, the good workbooks next to them)
CASES: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "not-a-workbook": (not_a_workbook, (GOOD,)),
    "legacy-xls": (legacy_xls, (GOOD,)),
    "encrypted": (encrypted, (GOOD,)),
    "truncated": (truncated, (GOOD,)),
    "corrupt-zip": (corrupt_zip, (GOOD,)),
    "zip-bomb": (zip_bomb, (GOOD,)),
    "billion-laughs": (billion_laughs, (GOOD,)),
    "external-entity": (external_entity, (GOOD,)),
    "million-rows": (million_rows, (GOOD,)),
    "far-cell": (far_cell, (GOOD,)),
    "formula-not-computed": (formula_not_computed, (GOOD,)),
    "formula-error": (formula_error, (GOOD,)),
    "merged-cells": (merged_cells, (GOOD,)),
    "hidden-rows": (hidden_rows, (GOOD,)),
    "hidden-sheet": (hidden_sheet, (GOOD,)),
    "duplicate-sector": (duplicate_sector, ()),
    "duplicate-odd-dates": (duplicate_odd_dates, ()),
    "wrong-version": (wrong_version, (GOOD,)),
    "wrong-year": (wrong_year, ()),
    "no-template": (no_template, (GOOD,)),
    "text-numbers": (text_numbers, (GOOD,)),
    "text-dates": (text_dates, (GOOD,)),
    "date1904": (date1904, (GOOD,)),
    "lock-file": (lock_file, (GOOD,)),
    "empty": (empty, ()),
    "macro-enabled": (macro_enabled, (GOOD,)),
    "long-text": (long_text, (GOOD,)),
    "control-chars": (control_chars, (GOOD,)),
    "invisible-names": (invisible_names, (GOOD,)),
    "absurd-year": (absurd_year, (GOOD, OTHER_GOOD)),
    "annotate-cannot-copy": (workbooks_annotate_cannot_copy,
                             ("Settore Economico Finanziario.xlsx",)),
}


def readme() -> str:
    lines = ["# Broken and hostile inputs", "",
             "Generated by `python scripts/make_broken_inputs.py`: do not edit by hand.",
             "Each folder holds one kind of broken input next to good sample workbooks.", ""]
    for name, (make, _) in CASES.items():
        doc = " ".join((make.__doc__ or "").split())
        lines.append(f"- `{name}/`: {doc}")
    return "\n".join(lines) + "\n"


def main(target: Path = TARGET) -> None:
    if target.exists():
        shutil.rmtree(target)
    for name, (make, goods) in CASES.items():
        folder = target / name
        folder.mkdir(parents=True)
        if goods:
            good(folder, *goods)
        make(folder)
        print(f"Scritto {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
    (target / "README.md").write_text(readme(), encoding="utf-8")


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:]))
