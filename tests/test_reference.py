"""Reference data (D.Lgs. 118/2011 classification, CCNL grades) and its normalisers."""

from __future__ import annotations

import csv
import re
from importlib.resources import files

import pytest

from pianoperf_xl import reference as ref

DATA = files("pianoperf_xl.reference").joinpath("data")


# --------------------------------------------------------------------------- CSV files


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("titoli_entrata.csv", ["code", "label"]),
        ("titoli_spesa.csv", ["code", "label"]),
        ("missioni.csv", ["code", "label"]),
        ("programmi.csv", ["mission", "code", "label"]),
    ],
)
def test_csv_files_have_header_and_clean_rows(name, header):
    text = DATA.joinpath(name).read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    assert rows[0] == header
    codes = [row[header.index("code")] for row in rows[1:]]
    assert len(codes) == len(set(codes)), "duplicate codes"
    for row in rows[1:]:
        assert len(row) == len(header)
        assert all(cell == cell.strip() and cell for cell in row)


# --------------------------------------------------------------------------- titoli


def test_revenue_titles():
    titles = ref.revenue_titles()
    assert len(titles) == 8
    assert list(titles) == ["1", "2", "3", "4", "5", "6", "7", "9"]
    assert "8" not in titles
    assert titles["1"] == "Entrate correnti di natura tributaria, contributiva e perequativa"
    assert titles["5"] == "Entrate da riduzione di attività finanziarie"
    assert titles["7"] == "Anticipazioni da istituto tesoriere/cassiere"
    assert titles["9"] == "Entrate per conto terzi e partite di giro"


def test_expense_titles():
    titles = ref.expense_titles()
    assert len(titles) == 6
    assert list(titles) == ["1", "2", "3", "4", "5", "7"]
    assert "6" not in titles
    assert titles["1"] == "Spese correnti"
    assert titles["4"] == "Rimborso prestiti"
    assert titles["5"] == "Chiusura anticipazioni ricevute da istituto tesoriere/cassiere"
    assert titles["7"] == "Spese per conto terzi e partite di giro"


def test_returned_dicts_are_copies():
    ref.missions()["01"] = "changed"
    ref.revenue_titles().clear()
    ref.programmes().pop("01.02")
    assert ref.missions()["01"] == "Servizi istituzionali, generali e di gestione"
    assert len(ref.revenue_titles()) == 8
    assert "01.02" in ref.programmes()


# --------------------------------------------------------------------------- missioni


def test_missions():
    missions = ref.missions()
    assert len(missions) == 23
    expected = [f"{i:02d}" for i in range(1, 21)] + ["50", "60", "99"]
    assert list(missions) == expected
    assert missions["01"] == "Servizi istituzionali, generali e di gestione"
    assert missions["05"] == "Tutela e valorizzazione dei beni e delle attività culturali"
    assert missions["09"] == "Sviluppo sostenibile e tutela del territorio e dell'ambiente"
    assert missions["18"] == "Relazioni con le altre autonomie territoriali e locali"
    assert missions["60"] == "Anticipazioni finanziarie"
    assert missions["99"] == "Servizi per conto terzi"


# --------------------------------------------------------------------------- programmi


def test_every_programme_belongs_to_an_existing_mission():
    missions = ref.missions()
    for code in ref.programmes():
        assert re.fullmatch(r"\d{2}\.\d{2}", code), code
        assert code[:2] in missions, code


def test_programme_csv_mission_column_matches_code():
    text = DATA.joinpath("programmi.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        assert row["code"].startswith(row["mission"] + "."), row


def test_every_mission_has_programmes():
    for mission in ref.missions():
        assert ref.programmes_of(mission), mission


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("01.01", "Organi istituzionali"),
        ("01.02", "Segreteria generale"),
        ("01.03", "Gestione economica, finanziaria, programmazione e provveditorato"),
        ("01.07", "Elezioni e consultazioni popolari - Anagrafe e stato civile"),
        ("01.11", "Altri servizi generali"),
        ("03.01", "Polizia locale e amministrativa"),
        ("04.06", "Servizi ausiliari all'istruzione"),
        ("04.07", "Diritto allo studio"),
        ("09.08", "Qualità dell'aria e riduzione dell'inquinamento"),
        ("10.05", "Viabilità e infrastrutture stradali"),
        ("12.01", "Interventi per l'infanzia e i minori e per asili nido"),
        ("12.09", "Servizio necroscopico e cimiteriale"),
        ("14.04", "Reti e altri servizi di pubblica utilità"),
        ("17.01", "Fonti energetiche"),
        ("19.01", "Relazioni internazionali e Cooperazione allo sviluppo"),
        ("20.01", "Fondo di riserva"),
        ("20.02", "Fondo crediti di dubbia esigibilità"),
        ("20.03", "Altri fondi"),
        ("50.01", "Quota interessi ammortamento mutui e prestiti obbligazionari"),
        ("50.02", "Quota capitale ammortamento mutui e prestiti obbligazionari"),
        ("60.01", "Restituzione anticipazioni di tesoreria"),
        ("99.01", "Servizi per conto terzi - Partite di giro"),
        ("99.02", "Anticipazioni per il finanziamento del sistema sanitario nazionale"),
    ],
)
def test_programme_labels(code, label):
    assert ref.programmes()[code] == label


def test_region_only_programmes_are_not_listed():
    programmes = ref.programmes()
    assert "01.12" not in programmes  # Politica regionale unitaria ... (solo per le Regioni)
    assert "04.03" not in programmes  # Edilizia scolastica (solo per le Regioni)
    assert "19.02" not in programmes  # Cooperazione territoriale (solo per le Regioni)
    assert not any("solo per le Regioni" in label for label in programmes.values())


def test_programmes_of():
    first = ref.programmes_of("01")
    assert list(first) == [f"01.{i:02d}" for i in range(1, 12)]
    assert ref.programmes_of("1") == first
    assert ref.programmes_of("01 - Servizi istituzionali, generali e di gestione") == first
    assert ref.programmes_of("20") == {
        "20.01": "Fondo di riserva",
        "20.02": "Fondo crediti di dubbia esigibilità",
        "20.03": "Altri fondi",
    }
    assert ref.programmes_of("60") == {"60.01": "Restituzione anticipazioni di tesoreria"}
    assert ref.programmes_of("42") == {}
    assert ref.programmes_of("nessuna") == {}


def test_programmes_are_the_union_of_programmes_of():
    union: dict[str, str] = {}
    for mission in ref.missions():
        union.update(ref.programmes_of(mission))
    assert union == ref.programmes()


# --------------------------------------------------------------------------- choices


def test_mission_choices():
    choices = ref.mission_choices()
    assert len(choices) == 23
    assert choices[0] == "01 - Servizi istituzionali, generali e di gestione"
    assert choices[-1] == "99 - Servizi per conto terzi"
    assert [ref.normalize_mission_code(c) for c in choices] == list(ref.missions())


def test_programme_choices():
    choices = ref.programme_choices()
    assert len(choices) == len(ref.programmes())
    assert choices[0] == "01.01 - Organi istituzionali"
    assert "01.02 - Segreteria generale" in choices
    assert choices == sorted(choices)
    assert [ref.normalize_programme_code(c) for c in choices] == list(ref.programmes())


def test_choices_are_copies():
    ref.mission_choices().clear()
    assert len(ref.mission_choices()) == 23


# --------------------------------------------------------------------------- code normalisers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", "01"),
        ("01", "01"),
        (" 01 ", "01"),
        (1, "01"),
        (1.0, "01"),
        (12, "12"),
        ("99", "99"),
        ("01 - Servizi istituzionali, generali e di gestione", "01"),
        ("12 Diritti sociali, politiche sociali e famiglia", "12"),
        ("Missione 4", "04"),
        ("missione 04 - Istruzione", "04"),
        ("01.02", "01"),
        ("42", "42"),  # not an official code, still normalised
    ],
)
def test_normalize_mission_code(value, expected):
    assert ref.normalize_mission_code(value) == expected


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "Servizi istituzionali", "abc 01", "2022", "123", -1, True, float("nan")],
)
def test_normalize_mission_code_without_leading_code(value):
    assert ref.normalize_mission_code(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01.02", "01.02"),
        ("1.2", "01.02"),
        ("0102", "01.02"),
        ("01.02 - Segreteria generale", "01.02"),
        ("01.02 Segreteria generale", "01.02"),
        (" 12.09 ", "12.09"),
        ("1.11", "01.11"),
        ("01/02", "01.02"),
        ("01-02", "01.02"),
        ("102", "01.02"),
        (102, "01.02"),
        (1.02, "01.02"),
        ("Programma 03.01", "03.01"),
        ("Missione 1 Programma 2", "01.02"),
        ("Missione 12 - Programma 09", "12.09"),
        ("42.07", "42.07"),  # not an official code, still normalised
    ],
)
def test_normalize_programme_code(value, expected):
    assert ref.normalize_programme_code(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "01",
        "1",
        1,
        "01 - Servizi istituzionali, generali e di gestione",
        "Segreteria generale",
        "123.45",
        "12345",
        True,
    ],
)
def test_normalize_programme_code_without_leading_code(value):
    assert ref.normalize_programme_code(value) is None


def test_every_official_code_survives_normalisation():
    for code in ref.missions():
        assert ref.normalize_mission_code(code) == code
        assert ref.normalize_mission_code(int(code)) == code
    for code in ref.programmes():
        assert ref.normalize_programme_code(code) == code
        assert ref.normalize_programme_code(code.replace(".", "")) == code
        mission, programme = code.split(".")
        assert ref.normalize_programme_code(f"{int(mission)}.{int(programme)}") == code


# --------------------------------------------------------------------------- grades

OLD_CATEGORIES = (
    [f"A{i}" for i in range(1, 7)]
    + [f"B{i}" for i in range(1, 9)]
    + [f"C{i}" for i in range(1, 7)]
    + [f"D{i}" for i in range(1, 8)]
)
NEW_AREAS = ["Operatori", "Operatori esperti", "Istruttori", "Funzionari e E.Q."]


@pytest.mark.parametrize("year", [2015, 2021, 2022])
def test_grades_until_2022_are_the_old_categories(year):
    grades = ref.grades_for_year(year)
    assert list(grades) == OLD_CATEGORIES + ["Dirigente", "Segretario"]
    assert len(OLD_CATEGORIES) == 27
    assert not set(NEW_AREAS) & set(grades)


def test_grades_in_2023_are_categories_and_areas():
    grades = ref.grades_for_year(2023)
    assert set(OLD_CATEGORIES) <= set(grades)
    assert set(NEW_AREAS) <= set(grades)
    assert {"Dirigente", "Segretario"} <= set(grades)
    assert len(grades) == len(set(grades)) == 27 + 4 + 2


@pytest.mark.parametrize("year", [2024, 2025, 2030])
def test_grades_from_2024_are_the_new_areas(year):
    grades = ref.grades_for_year(year)
    assert list(grades) == NEW_AREAS + ["Dirigente", "Segretario"]
    assert "C4" not in grades


def test_grades_for_year_is_immutable():
    assert isinstance(ref.grades_for_year(2022), tuple)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("c4 ", "C4"),
        ("d 1", "D1"),
        ("D1", "D1"),
        (" b8", "B8"),
        ("Cat. C4", "C4"),
        ("categoria d3", "D3"),
        ("funzionari e elevata qualificazione", "Funzionari e E.Q."),
        ("Area dei Funzionari e dell'Elevata Qualificazione", "Funzionari e E.Q."),
        ("Area dei Funzionari e dell\u2019Elevata Qualificazione", "Funzionari e E.Q."),
        ("Funzionari e E.Q.", "Funzionari e E.Q."),
        ("FUNZIONARI ED EQ", "Funzionari e E.Q."),
        ("funzionari e e.q.", "Funzionari e E.Q."),
        ("Area degli Istruttori", "Istruttori"),
        ("istruttori", "Istruttori"),
        ("Area degli Operatori esperti", "Operatori esperti"),
        ("OPERATORI ESPERTI", "Operatori esperti"),
        ("operatori", "Operatori"),
        ("Area degli Operatori", "Operatori"),
        (" dirigente ", "Dirigente"),
        ("Segretario comunale", "Segretario"),
    ],
)
def test_normalize_grade(value, expected):
    assert ref.normalize_grade(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Collaboratore  ", "Collaboratore"),
        ("E1", "E1"),
        ("", ""),
        ("Istruttore direttivo tecnico", "Istruttore direttivo tecnico"),
    ],
)
def test_normalize_grade_leaves_unknown_values_stripped(value, expected):
    assert ref.normalize_grade(value) == expected


def test_normalized_grades_are_valid_for_their_year():
    assert ref.normalize_grade("c 4") in ref.grades_for_year(2022)
    assert ref.normalize_grade("area degli istruttori") in ref.grades_for_year(2024)
    assert ref.normalize_grade("c 4") not in ref.grades_for_year(2024)
