"""Issue 13, point 10: the segretario comunale (the organigram's «Segretario» row) named on
an objective is someone; the staff-history groups gain «Elevata Qualificazione» from the
2023 plans on; the age bands of the population do not overlap."""

from __future__ import annotations

import openpyxl

from pianoperf_xl import spec as specs
from pianoperf_xl.interpret.people import RESOLVED
from pianoperf_xl.pipeline import check_folder, read_and_check
from pianoperf_xl.write.consolidated import write_consolidated


def name_the_secretary(folder, text="Cairo Micaela, Gravallese Immacolata"):
    """Put the segretario among the people of the first objective of Affari Generali,
    as a segreteria would in Excel (the file saved again)."""
    path = folder / "Settore Affari Generali.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book["Obiettivi"]
    header = next(r for r in ws.iter_rows() if any(c.value == "Personale coinvolto"
                                                   for c in r))
    col = next(c.column for c in header if c.value == "Personale coinvolto")
    ws.cell(header[0].row + 1, col).value = text
    book.save(path)
    return header[0].row + 1, openpyxl.utils.get_column_letter(col)


def test_the_secretary_named_on_an_objective_is_someone(sample_copy):
    row, col = name_the_secretary(sample_copy)
    report = check_folder(sample_copy)
    on_it = [f for f in report.findings if f.file == "Settore Affari Generali.xlsx"
             and f.cell == f"{col}{row}"]
    assert on_it == []
    reading = report.reading
    objective = next(s for s in reading.plan.sectors
                     if s.name == "Settore Affari Generali").objectives[0]
    resolutions = reading.of(objective.indicators[0]).resolutions
    assert all(leaf.status == RESOLVED for r in resolutions for leaf in r.leaves())
    assert "Gravallese Immacolata" in [p.name for r in resolutions for p in r.people]
    # she is not one of the sectors' staff: the headcount and workload checks are unchanged
    assert len(reading.people) == 19
    assert not any(f.code == "staff-without-objective" and "Gravallese" in f.message
                   for f in report.findings)


def test_the_secretary_shows_in_the_matrix_as_a_known_person(sample_copy, tmp_path):
    name_the_secretary(sample_copy)
    path = write_consolidated(read_and_check(sample_copy), tmp_path / "c.xlsx")
    ws = openpyxl.load_workbook(path)["Matrice"]
    rows = [(r[0].value, r[1].value) for r in ws.iter_rows() if r[1].value and
            "Gravallese" in str(r[1].value)]
    assert rows == [("Segretario comunale", "Gravallese Immacolata")]  # the title aside


def test_a_name_nobody_has_is_still_unknown(sample_copy):
    row, col = name_the_secretary(sample_copy, "Cairo Micaela, Sconosciuti Mario")
    codes = [f.code for f in check_folder(sample_copy).findings
             if f.file == "Settore Affari Generali.xlsx" and f.cell == f"{col}{row}"]
    assert codes == ["staff-ref-unknown"]


def test_elevata_qualificazione_is_a_staff_history_group_from_2023():
    assert "Elevata Qualificazione" not in specs.choices("gruppo_personale", 2022)
    groups = specs.choices("gruppo_personale", 2023)
    assert groups.index("Posizioni organizzative") < groups.index("Elevata Qualificazione") \
        < groups.index("Altri dipendenti")


def test_the_age_bands_do_not_overlap():
    population = {f.key: f.label for f in specs.spec_for("ente", 2022).sheets[5].fields}
    assert population["eta_30_65"] == "In età adulta (30-65 anni)"
    assert population["eta_oltre_65"] == "In età senile (66 anni e oltre)"
