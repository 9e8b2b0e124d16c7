"""Staff checks on purpose-made workbooks (each code fires, and stays silent) and the sample."""

from __future__ import annotations

import pytest

from pianoperf_xl.checks.staff import (
    organigram_people_in_staff, sector_head_in_own_staff, sector_heads_in_organigram,
    staff_headcount, staff_in_two_lists, staff_name_variants, staff_refs,
    staff_without_objective,
)
from pianoperf_xl.codes import CODES
from pianoperf_xl.read import read_plan

from helpers import SAMPLE, only, read_clean, run_checks, where, write_plan

STAFF_CHECKS = (staff_refs, staff_without_objective, staff_name_variants,
                organigram_people_in_staff, sector_heads_in_organigram,
                sector_head_in_own_staff, staff_headcount, staff_in_two_lists)

POPULATION = {"anno_bilancio": 2021, "popolazione_inizio": 1000, "nati": 10, "deceduti": 5,
              "immigrati": 20, "emigrati": 15, "popolazione_fine": 1010}


def person(name: str, *, ore: int | None = None, rapporto: str = "dipendente") -> dict:
    row = {"nome": name, "categoria": "C1", "rapporto": rapporto}
    return row | ({"ore": ore} if ore else {})


def objective(personale: str, title: str = "Obiettivo di prova") -> dict:
    return {"obiettivo": title, "scadenza": "entro 31/12", "personale": personale}


def sector(name: str = "Settore Prova", head: str = "Rossi Mario", staff=("Rossi Mario",),
           refs=("Rossi",)) -> dict:
    return {"Settore": {"ente": "Comune di Prova", "settore": name, "responsabile": head},
            "Personale": [s if isinstance(s, dict) else person(s) for s in staff],
            "Obiettivi": [objective(r, f"Obiettivo {i}") for i, r in enumerate(refs, 1)]}


def ente(organigram=(), history=()) -> dict:
    return {"Ente": {"denominazione": "Comune di Prova"}, "Popolazione": POPULATION,
            "Organigramma": list(organigram), "Personale storico": list(history)}


def unit(kind: str, name: str, head: str | None = None, people: str | None = None,
         parent: str | None = None) -> dict:
    row = {"tipo": kind, "struttura": name, "responsabile": head, "persone": people,
           "settore": parent}
    return {k: v for k, v in row.items() if v}


@pytest.fixture
def plan_of(tmp_path):
    """Write the sector workbooks (and the ente's) into a folder and read it as a plan."""

    def make(*sectors: dict, ente_fill: dict | None = None):
        return read_clean(write_plan(tmp_path / "piano", sectors, ente=ente_fill))

    return make


def run(plan, *checks):
    return run_checks(plan, checks or STAFF_CHECKS)


# --- names on objectives ------------------------------------------------------------------


def test_unknown_name_is_an_error_with_the_nearest_names(plan_of):
    plan = plan_of(sector(staff=["Rossi Mario", "Redolfi Gianlorenzo"],
                          refs=["Rossi", "Redolfi", "Rossi Giulia, Verdi"]))
    findings = run(plan, staff_refs)
    assert [(f.code, f.severity, f.file, f.sheet, f.cell, f.value) for f in findings] == [
        ("staff-ref-unknown", "error", "settore1.xlsx", "Obiettivi", "H7",
         "Rossi Giulia, Verdi")] * 2
    giulia, verdi = findings
    assert giulia.message == ("«Rossi Giulia» in «Personale coinvolto» non corrisponde a "
                              "nessuno degli elenchi del personale dei settori.")
    assert giulia.hint == "forse intendevi: Rossi Mario?"
    assert verdi.hint.startswith("Scrivere il cognome come nell'elenco «Personale»")


def test_unknown_surname_among_known_ones(plan_of):
    plan = plan_of(sector(staff=["Rossi Mario", "Bianchi Anna"], refs=["Rossi Bianchi Neri"]))
    f = only(run(plan, staff_refs), "staff-ref-unknown")
    assert f.message.startswith("«Neri» (in «Rossi Bianchi Neri») in «Personale coinvolto»")


def test_known_names_are_silent(plan_of):
    plan = plan_of(sector(staff=["Rossi Mario", "Bianchi Anna"],
                          refs=["Rossi", "Anna Bianchi", "Rossi M. - Bianchi", "Rossi Bianchi"]))
    assert run(plan, staff_refs) == []


def test_ambiguous_name(plan_of):
    plan = plan_of(sector(staff=["Rossi Mario"], refs=["Rossi", "Rossi A."]),
                   sector("Settore Due", head="Rossi Anna", staff=["Rossi Anna"],
                          refs=["Rossi Anna"]))
    f = only(run(plan, staff_refs), "staff-ref-ambiguous")
    assert (f.severity, f.file, f.sheet, f.cell) == ("warning", "settore1.xlsx", "Obiettivi", "H5")
    assert f.message == ("«Rossi» in «Personale coinvolto» può indicare più persone: "
                         "Rossi Mario (Settore Prova) o Rossi Anna (Settore Due).")
    assert f.hint == "Aggiungere il nome o l'iniziale, es. «Rossi Mario»."


def test_typo_quotes_both_spellings(plan_of):
    plan = plan_of(sector(staff=["Rossi Mario", "Redolfi Gianlorenzo"],
                          refs=["Rossi", "Redolfo"]))
    f = only(run(plan, staff_refs), "staff-ref-typo")
    assert (f.severity, f.cell, f.value) == ("warning", "H6", "Redolfo")
    assert f.message == ("«Redolfo» in «Personale coinvolto» non è scritto come negli "
                         "elenchi del personale, dove c'è «Redolfi Gianlorenzo».")
    assert f.hint == "forse intendevi: Redolfi Gianlorenzo?"


def test_no_staff_lists_no_reference_findings(plan_of):
    assert run(plan_of(sector(staff=[], refs=["Chiunque"])), staff_refs) == []


# --- staff without objectives -------------------------------------------------------------


def test_staff_member_without_objective(plan_of):
    plan = plan_of(sector(staff=["Rossi Mario", person("Bianchi Anna", rapporto="esterno"),
                                 "Verdi Luca"], refs=["Rossi"]))
    findings = run(plan, staff_without_objective)
    assert where(findings) == [
        ("staff-no-objective", "settore1.xlsx", "Personale", "A6"),
        ("staff-no-objective", "settore1.xlsx", "Personale", "A7")]
    bianchi, verdi = findings
    assert bianchi.message == ("«Bianchi Anna» (Settore Prova, rapporto esterno) non lavora "
                               "su nessun obiettivo: la performance individuale si valuta "
                               "sugli obiettivi.")
    assert "esterno" not in verdi.message


def test_everyone_on_an_objective_is_silent(plan_of):
    plan = plan_of(sector(staff=["Rossi Mario", "Bianchi Anna"], refs=["Rossi", "Bianchi"]),
                   sector("Settore Due", head="Verdi Luca", staff=["Verdi Luca"],
                          refs=["Verdi", "Rossi"]))
    assert run(plan, staff_without_objective) == []


# --- spellings -----------------------------------------------------------------------------


def test_name_variants_against_the_staff_list(plan_of):
    plan = plan_of(
        sector(head="Rossi mario", staff=["Rossi Mario", "Bianchi Anna Maria"],
               refs=["Rossi Bianchi"]),
        ente_fill=ente([unit("Settore", "Settore Prova", head="Rosi Mario"),
                        unit("Ufficio", "Ufficio Prova", people="Bianchi Anna – Rossi Mario",
                             parent="Settore Prova")]))
    findings = run(plan, staff_name_variants)
    assert where(findings) == [
        ("staff-name-variant", "ente.xlsx", "Organigramma", "D5"),
        ("staff-name-variant", "ente.xlsx", "Organigramma", "E6"),
        ("staff-name-variant", "settore1.xlsx", "Settore", "B8")]
    assert findings[0].message == (
        "«Rosi Mario», responsabile di «Settore Prova» nell'organigramma, è scritto «Rossi "
        "Mario» nell'elenco del personale di «Settore Prova» (settore1.xlsx, foglio "
        "«Personale», cella A5).")
    assert findings[1].value == "Bianchi Anna"
    assert findings[2].message.startswith("«Rossi mario», responsabile nel file di «Settore "
                                          "Prova», è scritto «Rossi Mario»")


def test_name_variant_of_a_head_on_no_staff_list(plan_of):
    plan = plan_of(sector(head="Verdi Luka", staff=["Rossi Mario"], refs=["Rossi"]),
                   ente_fill=ente([unit("Settore", "Settore Prova", head="Verdi Luca")]))
    f = only(run(plan, staff_name_variants), "staff-name-variant")
    assert (f.file, f.sheet, f.cell) == ("ente.xlsx", "Organigramma", "D5")
    assert f.message == ("«Verdi Luca», responsabile di «Settore Prova» nell'organigramma, è "
                         "scritto «Verdi Luka» come responsabile nel file di «Settore Prova» "
                         "(settore1.xlsx, foglio «Settore», cella B8).")


def test_same_spellings_are_silent(plan_of):
    plan = plan_of(
        sector(staff=["Rossi Mario", "Bianchi Anna"], refs=["Rossi Bianchi"]),
        ente_fill=ente([unit("Segretario", "Segretario comunale", head="Dott. Neri Carlo"),
                        unit("Settore", "Settore Prova", head="Dott. Rossi Mario"),
                        unit("Ufficio", "Ufficio Prova", people="BIANCHI ANNA, Rossi Mario")]))
    assert run(plan, staff_name_variants) == []


# --- organigram ---------------------------------------------------------------------------------


def test_organigram_person_on_no_staff_list(plan_of):
    plan = plan_of(
        sector(staff=["Rossi Mario", "Bianchi Anna"], refs=["Rossi Bianchi"]),
        ente_fill=ente([unit("Segretario", "Segretario comunale", head="Dott.ssa Neri Carla"),
                        unit("Settore", "Settore Prova", head="Rossi Mario"),
                        unit("Ufficio", "Ufficio Prova", people="Bianchi Anna - Verdi Paolo")]))
    f = only(run(plan, organigram_people_in_staff), "staff-organigram-unknown")
    assert (f.severity, f.file, f.sheet, f.cell, f.value) == (
        "warning", "ente.xlsx", "Organigramma", "E7", "Verdi Paolo")
    assert f.message == ("«Verdi Paolo», tra le persone di «Ufficio Prova» nell'organigramma, "
                         "non è in nessun elenco del personale dei settori.")


def test_organigram_variants_and_segretario_are_not_unknown(plan_of):
    plan = plan_of(
        sector(staff=["Rossi Mario", "Bianchi Anna"], refs=["Rossi Bianchi"]),
        ente_fill=ente([unit("Segretario", "Segretario comunale", head="Dott.ssa Neri Carla"),
                        unit("Settore", "Settore Prova", head="Rosi Mario"),
                        unit("Ufficio", "Ufficio Prova", people="Bianchi Anna Maria")]))
    assert run(plan, organigram_people_in_staff) == []


def test_no_ente_no_organigram_or_headcount_findings(plan_of):
    plan = plan_of(sector(staff=["Rossi Mario"], refs=["Rossi"]))
    assert run(plan, organigram_people_in_staff, sector_heads_in_organigram,
               staff_headcount) == []


# --- sector heads ----------------------------------------------------------------------------


def test_sector_head_differs_from_the_organigram(plan_of):
    plan = plan_of(sector(), ente_fill=ente([unit("Settore", "Settore Prova", head="Verdi Luca")]))
    f = only(run(plan, sector_heads_in_organigram), "sector-head-mismatch")
    assert (f.severity, f.file, f.sheet, f.cell, f.value) == (
        "error", "settore1.xlsx", "Settore", "B8", "Rossi Mario")
    assert f.message == ("Il responsabile di «Settore Prova» è «Rossi Mario», ma "
                         "nell'organigramma il responsabile di «Settore Prova» è «Verdi Luca» "
                         "(ente.xlsx, foglio «Organigramma», cella D5).")


def test_same_head_spelled_differently_is_no_mismatch(plan_of):
    plan = plan_of(sector(), ente_fill=ente([unit("Settore", "Settore Prova", head="Rosi Mario")]))
    assert run(plan, sector_heads_in_organigram) == []


def test_sector_not_in_organigram(plan_of):
    plan = plan_of(sector(), ente_fill=ente([unit("Settore", "Settore Tributi", head="Neri Ugo")]))
    f = only(run(plan, sector_heads_in_organigram), "sector-not-in-organigram")
    assert (f.severity, f.file, f.sheet, f.cell) == ("warning", "settore1.xlsx", "Settore", "B7")
    assert f.hint.startswith("Settori dell'organigramma: «Settore Tributi».")


@pytest.mark.parametrize("workbook_name, organigram_name", [
    ("Settore Economico Finanziario", "Settore Finanziario"),
    ("Settore Servizi Demografici", "Settore Demografico"),
    ("Settore Polizia Locale", "Settore Polizia Locale - Commercio"),
    ("Settore Gestione Territorio", "Settore Gestione del Territorio"),
])
def test_sector_names_match_by_similarity(plan_of, workbook_name, organigram_name):
    plan = plan_of(sector(workbook_name),
                   ente_fill=ente([unit("Settore", organigram_name, head="Rossi Mario"),
                                   unit("Settore", "Settore Affari Generali", head="Neri Ugo")]))
    assert run(plan, sector_heads_in_organigram) == []


def test_sector_matches_by_head_when_names_differ(plan_of):
    plan = plan_of(sector("Settore Tecnico"),
                   ente_fill=ente([unit("Settore", "Settore Lavori Pubblici", head="Rossi Mario"),
                                   unit("Settore", "Settore Affari Generali", head="Neri Ugo")]))
    assert run(plan, sector_heads_in_organigram) == []


def test_sector_head_not_in_own_staff_list(plan_of):
    plan = plan_of(sector(staff=["Bianchi Anna"], refs=["Bianchi"]),
                   sector("Settore Due", head="Rossi Mario", staff=["Rossi Mario"],
                          refs=["Rossi"]))
    f = only(run(plan, sector_head_in_own_staff), "sector-head-not-in-staff")
    assert (f.severity, f.file, f.sheet, f.cell) == ("warning", "settore1.xlsx", "Settore", "B8")
    assert f.message == ("Il responsabile «Rossi Mario» non è nell'elenco del personale di "
                         "«Settore Prova».")


def test_sector_head_in_own_staff_list_even_spelled_differently(plan_of):
    plan = plan_of(sector(head="Dott. Rossi M.", staff=["Rossi Mario"]))
    assert run(plan, sector_head_in_own_staff) == []


# --- headcount and hours ----------------------------------------------------------------------


def history(total: int, secretary: int = 1) -> list[dict]:
    return [{"gruppo": "Segretario", "2020": 1, "2021": secretary},
            {"gruppo": "Altri dipendenti", "2020": 3, "2021": total - secretary},
            {"gruppo": "Totale personale", "2020": 4, "2021": total}]


def headcount_plan(plan_of, total: int):
    return plan_of(
        sector(staff=["Rossi Mario", "Bianchi Anna", person("Neri Ugo", rapporto="esterno")],
               refs=["Rossi Bianchi Neri"]),
        sector("Settore Due", head="Verdi Luca", staff=["Verdi Luca", "Rossi Mario"],
               refs=["Verdi"]),
        ente_fill=ente(history=history(total)))


def test_headcount_differs_from_the_staff_history(plan_of):
    plan = headcount_plan(plan_of, total=5)
    f = only(run(plan, staff_headcount), "staff-headcount-mismatch")
    assert (f.severity, f.file, f.sheet, f.cell) == (
        "warning", "ente.xlsx", "Personale storico", "K7")
    assert f.message == ("Dipendenti negli elenchi del personale dei settori (esterni esclusi): "
                         "3, più il segretario: 1, in tutto 4; ma il «Totale personale» al "
                         "31/12/2021 è 5.")


def test_headcount_matching_is_silent(plan_of):
    assert run(headcount_plan(plan_of, total=4), staff_headcount) == []


def test_person_in_two_lists_over_36_hours(plan_of):
    plan = plan_of(sector(staff=[person("Rossi Mario", ore=24)]),
                   sector("Settore Due", head="Verdi Luca",
                          staff=["Verdi Luca", person("Rossi Mario", ore=18)],
                          refs=["Verdi"]))
    f = only(run(plan, staff_in_two_lists), "staff-in-two-lists")
    assert (f.severity, f.file, f.sheet, f.cell, f.value) == (
        "warning", "settore2.xlsx", "Personale", "E6", 42)
    assert f.message == ("«Rossi Mario» è negli elenchi del personale di «Settore Prova» "
                         "(24 ore) e «Settore Due» (18 ore): in tutto 42 ore settimanali, più "
                         "di 36.")


def test_person_in_two_lists_within_36_hours_is_silent(plan_of):
    plan = plan_of(sector(staff=[person("Rossi Mario", ore=18)]),
                   sector("Settore Due", head="Verdi Luca",
                          staff=["Verdi Luca", person("Rossi Mario", ore=18)],
                          refs=["Verdi"]))
    assert run(plan, staff_in_two_lists) == []


# --- registry and sample --------------------------------------------------------------------------


def test_codes_are_registered_in_the_staff_family():
    codes = {c for check in STAFF_CHECKS for c in check.codes}
    assert codes == {
        "staff-ref-unknown", "staff-ref-ambiguous", "staff-ref-typo", "staff-name-variant",
        "staff-no-objective", "staff-organigram-unknown", "sector-head-mismatch",
        "sector-not-in-organigram", "sector-head-not-in-staff", "staff-headcount-mismatch",
        "staff-in-two-lists"}
    assert {CODES[c].family for c in codes} == {"staff"}
    assert {c for c in codes if CODES[c].severity == "error"} == {
        "staff-ref-unknown", "sector-head-mismatch"}


def test_sample_staff_findings():
    findings = run(read_plan(SAMPLE))
    assert sorted(where(findings)) == sorted([
        ("staff-no-objective", "Settore Affari Generali.xlsx", "Personale", "A9"),
        ("staff-name-variant", "Ente.xlsx", "Organigramma", "D8"),  # Airoldi / Airoidi
        ("staff-name-variant", "Ente.xlsx", "Organigramma", "D10"),  # Mastroiusto / Mastropietro
        ("staff-name-variant", "Ente.xlsx", "Organigramma", "E12"),  # Zoccali Maria / maria
        ("staff-name-variant", "Ente.xlsx", "Organigramma", "E13"),  # Bellini Angela (Francesca)
        ("staff-name-variant", "Ente.xlsx", "Organigramma", "E13"),  # Castriciano Alicia/Felicia
        ("staff-name-variant", "Ente.xlsx", "Organigramma", "E14"),  # Bedolfi / Redolfi
        ("staff-name-variant", "Ente.xlsx", "Organigramma", "E19"),  # Bedolfi / Redolfi
        ("staff-name-variant", "Ente.xlsx", "Organigramma", "E21"),  # Stefanelli (Maria) Fabiola
    ])
    variants = {(f.value, f.cell) for f in findings if f.code == "staff-name-variant"}
    assert variants == {
        ("Airoldi Sonia", "D8"), ("Mastroiusto Marco", "D10"), ("Zoccali Maria", "E12"),
        ("Bellini Angela", "E13"), ("Castriciano Alicia", "E13"),
        ("Bedolfi Gianlorenzo", "E14"), ("Bedolfi Gianlorenzo", "E19"),
        ("Stefanelli Fabiola", "E21")}
    comelli = only(findings, "staff-no-objective")
    assert comelli.message.startswith("«Comelli Elena» (Settore Affari Generali, rapporto "
                                      "esterno) non lavora su nessun obiettivo")
