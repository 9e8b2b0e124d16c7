"""Open data for «Amministrazione trasparente»: the CSV as LibreOffice opens it with
Italian settings (``;``, UTF-8), the JSON valid against the schema shipped in the package,
and no staff names."""

from __future__ import annotations

import csv
import json
import subprocess

import jsonschema
import pytest

from pianoperf_xl.interpret import interpret
from pianoperf_xl.pipeline import build
from pianoperf_xl.read import read_plan
from pianoperf_xl.write.opendata import COLUMNS, schema_path, write_open_data

from helpers import SAMPLE


@pytest.fixture(scope="module")
def reading():
    return interpret(read_plan(SAMPLE))


@pytest.fixture(scope="module")
def written(reading, tmp_path_factory):
    out = tmp_path_factory.mktemp("opendata")
    return write_open_data(reading, out / "piano-2022-obiettivi.csv",
                           out / "piano-2022-obiettivi.json")


def test_csv_is_utf8_with_bom_and_semicolons(written, reading):
    data = written[0].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == [c for c, _ in COLUMNS]
    assert len(rows) == 1 + 49  # one row per indicator
    first = dict(zip(rows[0], rows[1]))
    assert first["ente"] == "Comune di Calcinate" and first["anno"] == "2022"
    assert first["settore"] == "Settore Economico Finanziario"  # organigram order
    assert first["codice_obiettivo"] == "EF.01"


def test_json_valid_against_the_shipped_schema(written):
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    document = json.loads(written[1].read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()) \
        .validate(document)
    assert document["anno"] == 2022 and len(document["settori"]) == 5
    codes = [o["codice"] for s in document["settori"] for o in s["obiettivi"]]
    assert len(codes) == 48 == len(set(codes))
    for field in schema["properties"]["settori"]["items"]["properties"]["obiettivi"][
            "items"]["properties"].values():
        assert field.get("description")  # documented


def test_json_schema_refuses_a_wrong_document():
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"ente": "X", "anno": "2022", "settori": []}, schema)


def test_no_staff_names(written, reading):
    heads = {s.head for s in reading.plan.sectors}
    staff = {m.name for m in reading.plan.staff} - heads
    text = written[0].read_text(encoding="utf-8-sig") + written[1].read_text(encoding="utf-8")
    assert not any("personale" in column for column, _ in COLUMNS)
    assert staff
    for name in staff:  # a full name of the staff never appears
        assert name not in text, name


def test_csv_in_libreoffice_with_italian_settings(soffice, written, tmp_path):
    """Imported as an Italian user does (separator ;, UTF-8), every value in its column."""
    out = tmp_path / "lo"
    out.mkdir()
    # CSV filter options: separator 59 (;), text delimiter 34 ("), charset 76 (UTF-8),
    # first line 1, then language it-IT (field 6 is column formats: none).
    subprocess.run([soffice, "--headless", "--infilter=CSV:59,34,76,1,,1040",
                    "--convert-to", "xlsx", "--outdir", str(out), str(written[0])],
                   check=True, capture_output=True, timeout=240)
    import openpyxl

    sheet = openpyxl.load_workbook(out / "piano-2022-obiettivi.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header == [c for c, _ in COLUMNS]
    assert len(rows) == 50
    settore, codice = header.index("settore"), header.index("codice_obiettivo")
    indicator, ente = header.index("indicatore"), header.index("ente")
    assert rows[1][ente] == "Comune di Calcinate"
    assert all(str(row[codice]).count(".") == 1 for row in rows[1:])
    assert {row[settore] for row in rows[1:]} == {
        "Settore Economico Finanziario", "Settore Affari Generali", "Settore Gestione Territorio",
        "Settore Polizia Locale", "Settore Servizi Demografici"}
    assert sum(1 for row in rows[1:] if row[indicator]) == 13  # as in the JSON
    assert all(len([v for v in row if v is not None]) <= len(header) for row in rows)


def test_build_writes_them_beside_the_annex(tmp_path):
    result = build(SAMPLE, tmp_path)
    names = {p.name for p in result.outputs}
    assert {"piano-2022-obiettivi.csv", "piano-2022-obiettivi.json",
            "piano-2022-delibera.docx", "piano-2022-allegato-A.docx"} <= names
