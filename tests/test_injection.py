"""Nothing injected, end to end: sector workbooks whose cells hold formulas, links, array
formulas, CSV-injection prefixes, markup and path tricks go through ``pianoperf build``
(a process of its own) and come out as literal text.

- consolidated workbook: every such text is a string cell (data type "s"); no formula
  holds any of it; no hyperlink, no array formula, no external link anywhere;
- every sheet name is valid for Excel (31 characters, none of []:*?/\\, no quote at the
  ends) and unique, whatever the sector names;
- the Word annex opens and shows the texts literally; no field or link carries them;
- the HTML report escapes them;
- nothing is written outside the output folder.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from openpyxl.worksheet.formula import ArrayFormula

from pianoperf_xl import office

from helpers import SAMPLE, SCRIPT, document_text, pianoperf

# Each payload carries a marker no formula of the tool's own has.
PAYLOADS = [
    "=1234+1",
    "+3900+1",
    "-2+3777",
    "@SUM(Z99:Z100)",
    "{=Z1*7}",
    "\t=cmd|' /C calc'!A0",
    "\r=5555+1",
    '=HYPERLINK("http://evil.example/a","clic")',
    '=WEBSERVICE("http://evil.example/b")',
    "http://evil.example/c",
    "<script>alert('evil')</script>",
    "]]></w:t><w:hyperlink>&amp;evil",
]
MARKERS = ("1234", "3900", "3777", "Z99", "Z1*7", "cmd", "5555", "evil", "HYPERLINK",
           "WEBSERVICE", "script")
SECTOR_NAMES = [
    '=HYPERLINK("http://evil.example/s","Settore")',
    "../../etc/Settore:*?[1]",
    "Settore Tributi/Entrate",
    "Settore Tributi:Entrate",  # the same sheet name as the one above, once cleaned
    "Sintesi",  # the name of a sheet of the tool's own
    "Settore Lavori Pubblici, Ecologia, Ambiente e Patrimonio",  # longer than 31
]
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
CONTROL = re.compile("[\x00-\x09\x0b-\x1f]")


def literal(text: str) -> str:
    """The text as the tool keeps it: control characters (tab, CR) taken out."""
    return CONTROL.sub("", text).strip()


def fill(name: str, payloads: list[str]) -> dict:
    staff = [{"nome": p, "profilo": p, "ufficio": p, "categoria": "D1", "rapporto": "dipendente",
              "note": p} for p in payloads]
    objectives = [{"codice": f"X.{i}", "area": p, "azione": p, "obiettivo": p, "indicatore": p,
                   "target": p, "scadenza": p, "personale": p, "note": p}
                  for i, p in enumerate(payloads, start=1)]
    return {"Settore": {"ente": payloads[0], "settore": name, "responsabile": payloads[1],
                        "email": payloads[2], "note": payloads[3]},
            "Personale": staff, "Obiettivi": objectives}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("injection")
    inputs, cwd, out = base / "in", base / "cwd", base / "deep" / "deeper" / "out"
    inputs.mkdir()
    cwd.mkdir()
    for i, name in enumerate(SECTOR_NAMES):
        payloads = PAYLOADS[i:] + PAYLOADS[:i]  # every payload in every column somewhere
        SCRIPT.template(inputs, f"a{i}-settore.xlsx", fill(name, payloads))
    (inputs / "Settore Polizia Locale.xlsx").write_bytes(
        (SAMPLE / "Settore Polizia Locale.xlsx").read_bytes())
    before = sorted(p.relative_to(base) for p in base.rglob("*"))
    result = pianoperf("build", inputs, "-o", out, cwd=cwd)
    after = sorted(p.relative_to(base) for p in base.rglob("*"))
    return result, out, before, after, base


def consolidated(out: Path) -> Path:
    return out / "piano-2022-consolidato.xlsx"


def test_build_runs(built):
    result, out, *_ = built
    assert result.returncode == 1, result.stdout + result.stderr  # errors: unknown staff
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "piano-2022-allegato-A.docx", "piano-2022-consolidato.xlsx",
        "piano-2022-delibera.docx", "piano-2022-obiettivi.csv", "piano-2022-obiettivi.json",
        "piano-2022-verifiche.html", "piano-2022-verifiche.json"]


def test_open_data_csv_holds_no_formula(built):
    """A spreadsheet opening the published CSV never runs what a workbook cell held."""
    import csv

    _, out, *_ = built
    text = (out / "piano-2022-obiettivi.csv").read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(text.splitlines(), delimiter=";") for cell in row]
    assert any("1234" in cell for cell in cells)  # the payloads are there, as text
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")]


def test_nothing_written_outside_the_output_folder(built):
    _, out, before, after, base = built
    written = set(after) - set(before)
    assert written and all(base / p == out or (base / p).is_relative_to(out) or
                           (base / p) in out.parents for p in written), written
    assert not (base / "etc").exists() and not (base / "deep" / "etc").exists()


def test_every_payload_is_a_string_cell_and_never_a_formula(built):
    _, out, *_ = built
    book = openpyxl.load_workbook(consolidated(out))
    strings: dict[str, list[str]] = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, ArrayFormula):
                    pytest.fail(f"array formula in {ws.title}!{c.coordinate}")
                if c.data_type == "f":
                    assert not any(m in str(c.value) for m in MARKERS), \
                        f"{ws.title}!{c.coordinate}: {c.value}"
                elif c.data_type == "s":
                    strings.setdefault(c.value, []).append(f"{ws.title}!{c.coordinate}")
                assert c.hyperlink is None, f"{ws.title}!{c.coordinate}"
                if isinstance(c.value, str) and any(m in c.value for m in MARKERS):
                    assert c.data_type == "s", f"{ws.title}!{c.coordinate}"
        assert not ws._hyperlinks
    for payload in PAYLOADS:
        assert literal(payload) in strings, payload
    # where each payload is: as a name in Personale, as an objective in Obiettivi
    personale = [c.value for c in book["Personale"]["B"]]
    obiettivi = [c.value for c in book["Obiettivi"]["E"]]
    for payload in PAYLOADS:
        assert literal(payload) in personale and literal(payload) in obiettivi, payload


def test_the_package_has_no_link_no_array_formula_no_external_part(built):
    _, out, *_ = built
    with zipfile.ZipFile(consolidated(out)) as archive:
        names = archive.namelist()
        assert not [n for n in names if "externalLink" in n or "connections" in n]
        for name in names:
            data = archive.read(name).decode("utf-8", "replace")
            if name.endswith(".rels"):
                assert "/hyperlink" not in data and 'TargetMode="External"' not in data, name
            if name.startswith("xl/worksheets/sheet"):
                assert "<hyperlink" not in data and 't="array"' not in data, name
                for formula in re.findall(r"<f[^>]*>(.*?)</f>", data):
                    assert not any(m in formula for m in MARKERS), (name, formula)


def test_sheet_names_are_valid_and_unique(built):
    _, out, *_ = built
    names = openpyxl.load_workbook(consolidated(out), read_only=True).sheetnames
    for name in names:
        assert 0 < len(name.encode("utf-16-le")) // 2 <= 31, name
        assert not FORBIDDEN.search(name) and not name.startswith("'") \
            and not name.endswith("'"), name
    assert len({n.casefold() for n in names}) == len(names)
    assert names[8:] == [
        '=HYPERLINK("http evil.example', ".. .. etc Settore 1",
        "Settore Tributi Entrate", "Settore Tributi Entrate (2)", "Sintesi (2)",
        "Settore Lavori Pubblici,", "Settore Polizia Locale"]


def test_sector_titles_keep_the_names_as_typed(built):
    _, out, *_ = built
    book = openpyxl.load_workbook(consolidated(out), read_only=True)
    titles = [next(ws.iter_rows(max_row=1, max_col=1, values_only=True))[0]
              for ws in book.worksheets[8:]]
    assert titles == SECTOR_NAMES + ["Settore Polizia Locale"]


def test_the_annex_shows_the_payloads_literally(built):
    _, out, *_ = built
    annex = out / "piano-2022-allegato-A.docx"
    text = "\n".join(document_text(annex))
    for payload in PAYLOADS + SECTOR_NAMES:
        assert literal(payload) in text, payload
    with zipfile.ZipFile(annex) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            data = archive.read(name).decode("utf-8")
            assert "<w:hyperlink" not in data, name
            for instruction in re.findall(r"<w:instrText[^>]*>(.*?)</w:instrText>", data) + \
                    re.findall(r'w:instr="([^"]*)"', data):
                assert not any(m in instruction for m in MARKERS), (name, instruction)
    Document(annex)  # opens: the XML is well formed


def test_the_html_report_escapes_the_payloads(built):
    _, out, *_ = built
    html = (out / "piano-2022-verifiche.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "<w:hyperlink>" not in html
    assert "&lt;script&gt;" in html  # quoted by a finding (an unknown staff name)


def test_a_spreadsheet_application_keeps_them_as_text(built, tmp_path, soffice):
    """LibreOffice opens the consolidated workbook (recalculating every formula) and
    saves it again: the payloads are still the same text, never computed."""
    _, out, *_ = built
    resaved = openpyxl.load_workbook(office.convert(consolidated(out), "xlsx", tmp_path),
                                     data_only=True)
    names = [c.value for c in resaved["Personale"]["B"]]
    for payload in PAYLOADS:
        assert literal(payload) in names, payload
    assert not any(ws._hyperlinks for ws in resaved.worksheets)
