"""pianoperf distribute: one pre-filled workbook and one e-mail draft per sector of the
sample's organigram, read back as templates and parsed as e-mail with the stdlib."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import shutil
from collections import Counter
from email import policy
from email.parser import BytesParser

import pytest

from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.distribute.files import safe_stem, unique_stem
from pianoperf_xl.distribute.manifest import HEADERS, read_manifest
from pianoperf_xl.distribute.prepare import prepare_outbox
from pianoperf_xl.distribute.previous import read_previous
from pianoperf_xl.pipeline import check_folder
from pianoperf_xl.read import read_workbook

from helpers import DUE, ENTE, SAMPLE, SECTORS, consolidated, invoke, outbox

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    return consolidated(tmp_path_factory.mktemp("consolidato"))


@pytest.fixture(scope="module")
def sent(tmp_path_factory, previous):
    return outbox(tmp_path_factory.mktemp("invio"), previous=previous)


def parse(path):
    with open(path, "rb") as handle:
        return BytesParser(policy=policy.default).parse(handle)


def test_one_workbook_and_one_draft_per_sector(sent):
    names = sorted(p.name for p in sent.outbox.iterdir())
    assert names == sorted([f"{s}.xlsx" for s in SECTORS] + [f"{s}.eml" for s in SECTORS]
                           + ["distribuzione.csv", "chiavi-web.json"])
    assert sent.findings == []


def test_workbooks_read_back_as_templates_with_the_prefilled_values(sent):
    for item in sent.prepared:
        sector, findings = read_workbook(item.workbook, "settore")
        head, email = SECTORS[sector.name]
        assert (sector.ente, sector.year, sector.head, sector.email) == (
            "Comune di Calcinate", 2023, head, email)
        assert sector.staff[0].name == head
        # grade and relation come from last year's plan (--from) for the people it names
        # as the organigram does; the others' are the head's to fill in: reported as
        # required, nothing else
        new = [p for p in sector.staff if p.name not in LAST_YEAR_STAFF]
        assert Counter((f.code, f.sheet, f.cell[0]) for f in findings) == Counter(
            {("cell-required", "Personale", "D"): len(new),
             ("cell-required", "Personale", "F"): len(new)} if new else {})


# People of the sample's organigram also in its staff lists under the same name, and what
# these say of them (profile, category, hours, relation): carried by distribute --from.
LAST_YEAR_STAFF = {
    "Ferri Raffaella": ("Istruttore Direttivo", "D2", None, "dipendente"),
    "Donadoni Nives": ("Istruttore Amm.vo", "C5", None, "dipendente"),
    "Cairo Micaela": ("Istruttore Direttivo", "D6", None, "dipendente"),
    "Zoccali Maria": ("Collaboratore Amm.vo", "B8", None, "dipendente"),
    "Forlani Roberta": ("Assistente Sociale", "D1", None, "dipendente"),
    "Spinelli Carlo": ("Istruttore Tecnico", "C3", None, "dipendente"),
    "Lorenzi Fabio": ("Operaio", "B6", None, "dipendente"),
    "Colamonaco David": ("Operaio", "B6", None, "dipendente"),
    "Antenati Maurizio": ("Operaio Seppellitore", "B3", None, "dipendente"),
    "Consoli Emilio": ("Assistente Esperto", "C6", None, "dipendente"),
    "Pecis Tiziana": ("Assistente scelto", "C3", None, "dipendente"),
    "Melita Gaetano": ("Assistente", "C2", None, "dipendente"),
}


def test_from_carries_each_person_s_profile_category_hours_and_relation(sent):
    carried = {}
    for item in sent.prepared:
        sector, _ = read_workbook(item.workbook, "settore")
        carried.update({p.name: (p.profile, p.grade, p.weekly_hours, p.relation)
                        for p in sector.staff if p.grade is not None})
    assert carried == LAST_YEAR_STAFF


def test_from_carries_part_time_hours(tmp_path, previous):
    import openpyxl

    book = openpyxl.load_workbook(previous)
    ws = book["Personale"]
    header = next(r for r in ws.iter_rows() if r[1].value == "Cognome e nome")
    hours = next(c.column for c in header if c.value == "Ore settimanali")
    row = next(r[0].row for r in ws.iter_rows() if r[1].value == "Ferri Raffaella")
    ws.cell(row, hours).value = 18
    book.save(tmp_path / "precedente.xlsx")
    sent = outbox(tmp_path / "invio", previous=tmp_path / "precedente.xlsx")
    item = next(i for i in sent.prepared if i.sector.name == "Settore Finanziario")
    sector, _ = read_workbook(item.workbook, "settore")
    assert [(p.name, p.weekly_hours) for p in sector.staff] == [("Ferri Raffaella", 18),
                                                                ("Donadoni Nives", None)]


def test_staff_are_the_head_and_the_people_of_the_sector_offices(sent):
    item = next(i for i in sent.prepared if i.sector.name == "Settore Gestione del Territorio")
    sector, _ = read_workbook(item.workbook, "settore")
    assert [(p.name, p.office) for p in sector.staff] == [
        ("Spinelli Carlo", None),
        ("Bedolfi Gianlorenzo", "Ufficio Edilizia Privata Urbanistica Lavori Pubblici"),
        ("Lorenzi Fabio", "Ufficio Tecnico Manutentivo"),
        ("Colamonaco David", "Ufficio Tecnico Manutentivo"),
        ("Antenati Maurizio", "Ufficio Tecnico Manutentivo")]
    # grades and relations only where last year's plan names the person the same way
    assert {p.name: p.grade for p in sector.staff} == {
        "Spinelli Carlo": "C3", "Bedolfi Gianlorenzo": None, "Lorenzi Fabio": "B6",
        "Colamonaco David": "B6", "Antenati Maurizio": "B3"}


def test_last_years_objectives_are_carried_over_and_flagged_until_updated(sent, previous):
    last_year = {s.name: s for s in read_previous(previous).sectors}
    carried = {i.sector.name: (i.carried_from, i.carried) for i in sent.prepared}
    assert carried == {
        "Settore Finanziario": ("Settore Economico Finanziario", 6),
        "Settore Affari Generali": ("Settore Affari Generali", 11),
        "Settore Demografico": ("Settore Servizi Demografici", 8),
        "Settore Gestione del Territorio": ("Settore Gestione Territorio", 11),
        "Settore Polizia Locale - Commercio": ("Settore Polizia Locale", 12)}
    for item in sent.prepared:
        sector, _ = read_workbook(item.workbook, "settore")
        old = last_year[item.carried_from]
        assert [o.title for o in sector.objectives] == [rows[0]["obiettivo"]
                                                         for rows in old.objectives]
        assert [len(o.indicators) for o in sector.objectives] == [len(rows) for rows in
                                                                  old.objectives]
        assert {o.record.get("riportato") for o in sector.objectives} == {"piano 2022"}
    # returned as sent, into the inbox (the outbox's own workbooks are never read: they
    # are the tool's outputs, see test_own_outputs)
    inbox = sent.outbox.parent / "restituiti-come-inviati"
    inbox.mkdir()
    for item in sent.prepared:
        shutil.copyfile(item.workbook, inbox / item.workbook.name)
    plan = check_folder(inbox)
    flagged = [f for f in plan.findings if f.code == "objective-carried-over-untouched"]
    assert len(flagged) == 48 and {f.cell[0] for f in flagged} == {"M"}


def test_unrecognised_name_marks_are_not_carried_over(previous):
    texts = [r["personale"] for s in read_previous(previous).sectors for rows in s.objectives
             for r in rows if r["personale"]]
    assert texts and not any("(?)" in t for t in texts)


def test_drafts_parse_with_the_stdlib_and_carry_recipient_and_attachment(sent):
    for item in sent.prepared:
        message = parse(item.draft)
        head, email = SECTORS[item.sector.name]
        to = message["To"].addresses[0]
        assert (to.display_name, to.addr_spec) == (head, email)
        assert message["X-Unsent"] == "1" and message["From"] is None
        assert item.sector.name in message["Subject"] and "31/10/2030" in message["Subject"]
        body = message.get_body(("plain",))
        assert body.get_content_charset() == "utf-8"
        text = body.get_content()
        assert text.startswith(f"Gentile {head},") and "entro il 31 ottobre 2030" in text
        assert "«Riportato da»" in text and "categoria e il rapporto di lavoro" in text
        [attachment] = list(message.iter_attachments())
        assert attachment.get_content_type() == XLSX
        assert attachment.get_filename() == item.workbook.name
        assert attachment.get_content() == item.workbook.read_bytes()


def test_manifest_lists_sector_head_email_file_and_hash(sent):
    with open(sent.manifest, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert tuple(rows[0]) == HEADERS
    entries = read_manifest(sent.outbox)
    assert [(e.sector, e.head, e.email) for e in entries] == [
        (name, head, email) for name, (head, email) in SECTORS.items()]
    for entry in entries:
        path = sent.outbox / entry.file
        assert entry.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry.draft == path.with_suffix(".eml").name and entry.due == "31/10/2030"


def test_preparing_again_writes_the_same_bytes(tmp_path, sent, previous):
    again = outbox(tmp_path / "again", previous=previous)
    for one, two in zip(sent.prepared, again.prepared):
        assert one.workbook.read_bytes() == two.workbook.read_bytes()
        assert one.draft.read_bytes() == two.draft.read_bytes()


def test_without_from_no_objective_and_the_plan_year_of_the_ente(tmp_path):
    result = outbox(tmp_path / "out", year=None)
    assert result.year == 2022
    sector, _ = read_workbook(result.prepared[0].workbook, "settore")
    assert sector.objectives == [] and sector.year == 2022
    assert "«Riportato da»" not in parse(result.prepared[0].draft).get_body().get_content()


def ente_fill(*units):
    return {"Ente": {"denominazione": "Comune di Prova", "anno": 2023},
            "Organigramma": list(units)}


def test_a_sector_without_email_gets_a_workbook_and_a_warning_not_a_draft(make_workbook,
                                                                          tmp_path):
    ente = make_workbook("ente", ente_fill(
        {"tipo": "Settore", "struttura": "Settore Tributi", "responsabile": "Rossi Mario"},
        {"tipo": "Settore", "struttura": "Settore Cultura", "responsabile": "Bianchi Anna",
         "email": "cultura@comune.example.it"},
        {"tipo": "Ufficio", "struttura": "Biblioteca", "settore": "Settore Cultura",
         "persone": "Verdi Luca – Neri Sara"},
        {"tipo": "Ufficio", "struttura": "Ufficio Sport", "settore": "Settore Sportivo",
         "persone": "Gialli Marco"}), year=2023, folder=tmp_path / "ente")
    result = prepare_outbox(ente, tmp_path / "out", due=DUE)
    assert sorted(p.name for p in result.outbox.iterdir()) == [
        "Settore Cultura.eml", "Settore Cultura.xlsx", "Settore Tributi.xlsx",
        "chiavi-web.json", "distribuzione.csv"]
    assert [(f.code, f.severity, f.sheet, f.cell) for f in result.findings] == [
        ("sector-no-email", "warning", "Organigramma", "F5"),
        ("office-sector-unknown", "warning", "Organigramma", "C8")]
    assert "«Settore Tributi» non ha un indirizzo email" in result.findings[0].message
    assert [e.draft for e in read_manifest(result.outbox)] == ["", "Settore Cultura.eml"]
    sector, _ = read_workbook(result.outbox / "Settore Cultura.xlsx", "settore")
    assert [p.name for p in sector.staff] == ["Bianchi Anna", "Verdi Luca", "Neri Sara"]


def test_file_names_from_sector_names_are_safe_and_unique(make_workbook, tmp_path):
    ente = make_workbook("ente", ente_fill(
        {"tipo": "Settore", "struttura": "../../Segreteria", "email": "a@comune.example.it"},
        {"tipo": "Settore", "struttura": "Servizi: sociali/scuola?",
         "email": "b@comune.example.it"},
        {"tipo": "Settore", "struttura": "SEGRETERIA", "email": "c@comune.example.it"},
        {"tipo": "Settore", "struttura": "con", "email": "d@comune.example.it"}),
        year=2023, folder=tmp_path / "ente")
    result = prepare_outbox(ente, tmp_path / "out", due=DUE)
    assert [p.workbook.name for p in result.prepared] == [
        "Segreteria.xlsx", "Servizi sociali scuola.xlsx", "SEGRETERIA (2).xlsx",
        "Settore con.xlsx"]
    assert all(p.workbook.parent == result.outbox for p in result.prepared)


@pytest.mark.parametrize("text, stem", [
    ("Settore Polizia Locale - Commercio", "Settore Polizia Locale - Commercio"),
    ("..\\..\\windows", "windows"), ("a<b>c|d\"e", "a b c d e"), (".nascosto", "nascosto"),
    ("", "Settore"), ("NUL", "Settore NUL"), ("lpt1.txt", "Settore lpt1.txt"),
    ("x" * 200, "x" * 80), ("Uffici\x00\ttecnici", "Uffici tecnici"),
    ("Tributi\u202excod.exe", "Tributixcod.exe"), ("Ser\u00advizi\u200d\u2060", "Servizi"),
    ("Settore\nFinanziario", "Settore Finanziario"),
])
def test_safe_stem(text, stem):
    assert safe_stem(text) == stem


def test_names_over_two_lines_and_invisible_characters_are_read_as_seen_and_reported(
        make_workbook, tmp_path):
    """Alt+Enter in a sector's name and in its head's, a right-to-left override in another
    sector's name: every workbook and draft is written, with a file name and headers on
    one line and without the override, and each cell is reported."""
    ente = make_workbook("ente", ente_fill(
        {"tipo": "Settore", "struttura": "Settore\nFinanziario",
         "responsabile": "Ferri Raffaella\nTitolare di P.O.",
         "email": "ragioneria@comune.example.it"},
        {"tipo": "Settore", "struttura": "Settore Tributi\u202exslx.jpg",
         "responsabile": "Rossi Mario", "email": "tributi@comune.example.it"},
        {"tipo": "Ufficio", "struttura": "Ragioneria", "settore": "Settore\nFinanziario",
         "persone": "Verdi Luca"}), year=2023, folder=tmp_path / "ente")
    result = invoke("distribute", "--ente", str(ente), "-o",
                    str(tmp_path / "invio"), "--due", "2030-10-31")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "invio").iterdir()) == [
        "Settore Finanziario.eml", "Settore Finanziario.xlsx", "Settore Tributixslx.jpg.eml",
        "Settore Tributixslx.jpg.xlsx", "chiavi-web.json", "distribuzione.csv"]
    assert "Errore imprevisto" not in result.output
    assert result.output.count("letto su una riga sola") == 3
    assert result.output.count("tolti caratteri di controllo invisibili") == 1
    draft = BytesParser(policy=policy.default).parsebytes(
        (tmp_path / "invio" / "Settore Finanziario.eml").read_bytes())
    assert draft["To"] == '"Ferri Raffaella Titolare di P.O." <ragioneria@comune.example.it>'
    assert "\n" not in draft["Subject"] and "Settore Finanziario" in draft["Subject"]
    sector, _ = read_workbook(tmp_path / "invio" / "Settore Finanziario.xlsx", "settore")
    assert sector.name == "Settore Finanziario"
    assert [p.name for p in sector.staff][-1] == "Verdi Luca"


def test_unique_stem_ignores_case():
    taken: set[str] = set()
    assert [unique_stem(t, taken) for t in ("Tributi", "TRIBUTI", "tributi")] == [
        "Tributi", "TRIBUTI (2)", "tributi (3)"]


def test_outbox_cannot_be_the_folder_of_the_ente_workbook(sample_copy):
    with pytest.raises(DistributionError, match="cartella a parte"):
        prepare_outbox(sample_copy / "Ente.xlsx", sample_copy)


def test_from_must_be_a_consolidated_workbook(tmp_path):
    with pytest.raises(DistributionError, match="manca il foglio «Obiettivi»"):
        prepare_outbox(ENTE, tmp_path / "out", previous_path=SAMPLE / "Bilancio.xlsx")


def test_the_ente_must_be_an_ente_workbook(tmp_path):
    with pytest.raises(DistributionError, match="non si può usare"):
        prepare_outbox(SAMPLE / "Bilancio.xlsx", tmp_path / "out")


def test_cli_distribute(tmp_path, previous):
    result = invoke("distribute", "--ente", str(ENTE), "-o",
                    str(tmp_path / "invio"), "--year", "2023", "--from",
                    str(previous), "--due", "2030-10-31")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("Piano 2023, Comune di Calcinate: 5 settori dall'organigramma di "
                        "«Ente.xlsx».")
    assert any(line.endswith("Settore Finanziario.xlsx (2 persone dall'organigramma; 6 "
                             "obiettivi del piano 2022 di «Settore Economico Finanziario»)")
               for line in lines)
    assert lines[-1].startswith("Da restituire entro il 31 ottobre 2030.")


def test_cli_distribute_unusable_ente_is_exit_2(tmp_path):
    result = invoke("distribute", "--ente", str(tmp_path / "manca.xlsx"),
                    "-o", str(tmp_path / "invio"))
    assert result.exit_code == 2 and "non esiste" in result.output


def test_a_due_date_in_the_past_is_a_warning(tmp_path):
    result = prepare_outbox(ENTE, tmp_path / "out", due=dt.date(2020, 1, 31))
    assert [f.code for f in result.findings] == ["due-date-past"]
