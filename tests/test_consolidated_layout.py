"""The consolidated workbook's layout is declared once (write/consolidated/layout.py): what
the writer lays out is what ``distribute --from`` reads back, and it shows every column of
the settore template's «Obiettivi» sheet."""

from __future__ import annotations

from pianoperf_xl import reference
from pianoperf_xl import spec as specs
from pianoperf_xl.carryover import FINGERPRINT_KEYS, MARK_KEY, mark
from pianoperf_xl.distribute.previous import CARRIED_COLUMNS, read_previous
from pianoperf_xl.pipeline import check_folder
from pianoperf_xl.write.consolidated import write_consolidated
from pianoperf_xl.write.consolidated.layout import OBJECTIVE_COLUMNS

YEAR = 2025
MISSION, PROGRAMME = reference.mission_choices()[0], reference.programme_choices()[1]
OTHER_MISSION, OTHER_PROGRAMME = reference.mission_choices()[1], reference.programme_choices()[0]
# Two objectives, the first with two indicators; every value distinct, so that a value
# read back under the wrong header cannot pass. «Bianchi» is in no staff list: the
# workbook shows it as «Bianchi (?)», and the mark is not carried back.
TYPED = [
    {"codice": "AG.07", "area": "Area di prova", "azione": "Azione di prova",
     "obiettivo": "Obiettivo di prova", "indicatore": "Numero di pratiche",
     "target": "40 pratiche", "scadenza": "entro 30/09", "personale": "Rossi Mario, Bianchi",
     "peso": 0.6, "missione": MISSION, "programma": PROGRAMME, "note": "Prima nota"},
    {"indicatore": "Tempo medio di risposta", "target": "20 giorni",
     "scadenza": "entro 31/12", "personale": "Rossi Mario", "note": "Seconda nota"},
    {"codice": "AG.08", "area": "Altra area", "azione": "Altra azione",
     "obiettivo": "Altro obiettivo", "indicatore": "Regolamento approvato",
     "target": "approvazione", "scadenza": "entro 30/06", "personale": "Rossi Mario",
     "peso": 0.4, "missione": OTHER_MISSION, "programma": OTHER_PROGRAMME,
     "note": "Terza nota"},
]
OBJECTIVE_KEYS = ("codice", "area", "azione", "obiettivo", "peso", "missione", "programma")


def test_what_the_writer_lays_out_distribute_from_reads_back(make_workbook, tmp_path):
    folder = tmp_path / "piano"
    folder.mkdir()
    make_workbook("settore", {
        "Settore": {"ente": "Comune di Prova", "settore": "Settore Affari Generali",
                    "responsabile": "Rossi Mario"},
        "Personale": [{"nome": "Rossi Mario", "categoria": "D1", "rapporto": "dipendente"}],
        "Obiettivi": TYPED}, year=YEAR, folder=folder)
    workbook = write_consolidated(check_folder(folder).reading, tmp_path / "consolidato.xlsx")

    previous = read_previous(workbook)

    assert previous.year == YEAR
    assert [s.name for s in previous.sectors] == ["Settore Affari Generali"]
    rows = [row for objective in previous.sectors[0].objectives for row in objective]
    assert [len(objective) for objective in previous.sectors[0].objectives] == [2, 1]
    expected = []
    for typed in TYPED:
        row = {key: typed.get(key) for key in CARRIED_COLUMNS.values()}
        row["personale"] = typed["personale"]
        row[MARK_KEY] = mark(YEAR)
        expected.append(row)
    for key in OBJECTIVE_KEYS:  # the template asks them on an objective's first row only
        expected[1][key] = None
    assert rows == expected


def test_the_consolidated_sheet_shows_every_column_of_the_template():
    template = specs.spec_for("settore", YEAR).sheet("Obiettivi")
    shown = [c.key for c in OBJECTIVE_COLUMNS if c.key]
    assert shown == [c.key for c in template.columns]


def test_what_is_carried_over_is_what_the_fingerprint_covers():
    assert tuple(CARRIED_COLUMNS.values()) == FINGERPRINT_KEYS
