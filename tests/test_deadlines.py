"""The Italian deadline parser: every phrasing of the sample, realistic others, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pianoperf_xl.interpret.deadlines import (
    COUNT, DATE, KINDS, MISSING, ON_DEMAND, PERIOD, RECURRENCE, RELATIVE, UNPARSED, Deadline,
    describe, parse_deadline,
)
from pianoperf_xl.read import read_plan

from cases import DEADLINE_TEXTS

YEAR = 2022
D = dt.date

# text -> (kind, date, start, recurrence); the date is the day, or the period's end.
SAMPLE = {
    # scadenza texts of the Calcinate 2022 sample
    "Entro fine anno": (DATE, D(2022, 12, 31), None, None),
    "entro 31/12": (DATE, D(2022, 12, 31), None, None),
    "entro 31/12/2022": (DATE, D(2022, 12, 31), None, None),
    "Entro fine aprile": (DATE, D(2022, 4, 30), None, None),
    "Entro giugno": (DATE, D(2022, 6, 30), None, None),
    "Adempimento entro il 31/03/2022": (DATE, D(2022, 3, 31), None, None),
    "Fino al 31/12/2022": (DATE, D(2022, 12, 31), None, None),
    "fino al 31/12/2022": (DATE, D(2022, 12, 31), None, None),
    "Entro l'anno": (DATE, D(2022, 12, 31), None, None),
    "costante entro 31/12": (DATE, D(2022, 12, 31), None, "costante"),
    "Costante entro il 31/12": (DATE, D(2022, 12, 31), None, "costante"),
    "Entro fine aprile/ Annuale": (DATE, D(2022, 4, 30), None, "annuale"),
    "Entro fine maggio / Periodico": (DATE, D(2022, 5, 31), None, "periodica"),
    # two dates: the latest is the deadline ("entro luglio"), the recurrence is kept
    "Entro fine aprile lo smaltimento e riorganizzazione entro luglio poi periodico.":
        (DATE, D(2022, 7, 31), None, "periodica"),
    "Giugno - settembre": (PERIOD, D(2022, 9, 30), D(2022, 6, 1), None),
    "nell'arco dell'anno 2022": (PERIOD, D(2022, 12, 31), D(2022, 1, 1), None),
    "Entro 300 giorni dalla data di avvio del procedimento": (RELATIVE, None, None, None),
    "entro 1 mese dalla notifica del Decreto": (RELATIVE, None, None, None),
    "costante": (RECURRENCE, None, None, "costante"),
    "Costante": (RECURRENCE, None, None, "costante"),
    "Monitoraggio costante": (RECURRENCE, None, None, "costante"),
    "interventi settimanali in giornata prefestiva e/o in caso d'urgenza anche festiva;":
        (RECURRENCE, None, None, "settimanale"),
    # a recurrence outranks the on-demand part after it
    "costante e durante consultazioni elettorali": (RECURRENCE, None, None, "costante"),
    "Costante ed Entro le tempistiche previste dalle relative comunicazioni":
        (RECURRENCE, None, None, "costante"),
    "all'occorrenza": (ON_DEMAND, None, None, None),
    "All'occorrenza": (ON_DEMAND, None, None, None),
    "Alla realizzazione dell'evento": (ON_DEMAND, None, None, None),
    # the deadline is set by another act (the grant calls): not datable in the plan
    "Entro le tempistiche previste dai relativi contributi": (ON_DEMAND, None, None, None),
    # indicatore texts of the sample (parsed when «Scadenza» is blank)
    "Numero dei controlli": (COUNT, None, None, None),
    "Numero di controlli effettuati Report": (COUNT, None, None, None),
    "Numero dei sinistri stradali rilevati e inseriti nel Portale INCIDERE 2.0":
        (COUNT, None, None, None),
    "Numero di pratiche telematiche gestite; numero di procedimenti endoprocedurali, "
    "numero di ore dedicate al SUAP": (COUNT, None, None, None),
    "Numero di: posti di controllo, controlli nei Parchi Pubblici, Servizi serali, "
    "manifestazioni pubbl.": (COUNT, None, None, None),
    "Numero di ricezione denunce ospitalità - Coordinamento con Carabinieri, Questura, "
    "Prefettura ATS  Numero fascicoli trasmessi all’A.G. dei Minori": (COUNT, None, None, None),
    "numero complessivo di ore effettuate per svolgere i servizi richiesti.  Numero di "
    "controlli effettuati – REPORT PREFETTURA": (COUNT, None, None, None),
    "Numero di immobili/posizioni censite": (COUNT, None, None, None),
    "Numero degli eventi": (COUNT, None, None, None),
    "Rendicontazione annuale": (RECURRENCE, None, None, "annuale"),
    # not deadlines: the check reads them as "what is measured", with no deadline
    "Relazioni di servizio": (UNPARSED, None, None, None),
    "richiesta saldo": (UNPARSED, None, None, None),
    "A campione e/o per accertamenti anagrafici - Coordinamento con Carabinieri, Questura":
        (UNPARSED, None, None, None),
}

# The seed's cells before the sample split them into indicatore and scadenza.
SEED_CELLS = {
    "Adempimento entro il 31/03/2022 e richiesta saldo": (DATE, D(2022, 3, 31), None, None),
    "Monitoraggio costante e Rendicontazione annuale":
        (RECURRENCE, None, None, "costante e annuale"),
    "Numero degli eventi fino al 31/12/2022": (COUNT, D(2022, 12, 31), None, None),
    "Numero di immobili/posizioni censite nell'arco dell'anno 2022":
        (COUNT, D(2022, 12, 31), D(2022, 1, 1), None),
}

OTHERS = {
    "entro il 15 marzo": (DATE, D(2022, 3, 15), None, None),
    "31/12/2022": (DATE, D(2022, 12, 31), None, None),
    "entro il 31.12.2022": (DATE, D(2022, 12, 31), None, None),
    "31/12/21": (DATE, D(2021, 12, 31), None, None),
    "1° marzo 2022": (DATE, D(2022, 3, 1), None, None),
    "Entro il 31 dicembre": (DATE, D(2022, 12, 31), None, None),
    "entro dic. 2022": (DATE, D(2022, 12, 31), None, None),
    "ENTRO FINE ANNO": (DATE, D(2022, 12, 31), None, None),
    "entro l’anno": (DATE, D(2022, 12, 31), None, None),
    "entro la fine dell'anno": (DATE, D(2022, 12, 31), None, None),
    "entro il 2022": (DATE, D(2022, 12, 31), None, None),
    "Entro l'anno 2023": (DATE, D(2023, 12, 31), None, None),
    "entro dicembre 2023": (DATE, D(2023, 12, 31), None, None),
    "Entro fine febbraio 2023": (DATE, D(2023, 2, 28), None, None),
    "entro e non oltre il 30/06/2022": (DATE, D(2022, 6, 30), None, None),
    "Entro il primo semestre": (DATE, D(2022, 6, 30), None, None),
    "entro il III trimestre": (DATE, D(2022, 9, 30), None, None),
    "entro il 31/12 salvo proroghe": (DATE, D(2022, 12, 31), None, None),
    "30/06 e 31/12": (DATE, D(2022, 12, 31), None, None),
    "entro marzo e poi trimestrale": (DATE, D(2022, 3, 31), None, "trimestrale"),
    "entro 31/12, all'occorrenza": (DATE, D(2022, 12, 31), None, None),
    "dal 1/3 al 30/6": (PERIOD, D(2022, 6, 30), D(2022, 3, 1), None),
    "dal 1 marzo al 30 giugno": (PERIOD, D(2022, 6, 30), D(2022, 3, 1), None),
    "dal 01/11/2021 al 31/03/2022": (PERIOD, D(2022, 3, 31), D(2021, 11, 1), None),
    "da giugno a settembre": (PERIOD, D(2022, 9, 30), D(2022, 6, 1), None),
    "Giugno – Settembre": (PERIOD, D(2022, 9, 30), D(2022, 6, 1), None),
    "secondo semestre": (PERIOD, D(2022, 12, 31), D(2022, 7, 1), None),
    "4° trimestre": (PERIOD, D(2022, 12, 31), D(2022, 10, 1), None),
    "nel mese di giugno": (PERIOD, D(2022, 6, 30), D(2022, 6, 1), None),
    "giugno": (PERIOD, D(2022, 6, 30), D(2022, 6, 1), None),
    "durante l'anno": (PERIOD, D(2022, 12, 31), D(2022, 1, 1), None),
    "per tutto l'anno 2022": (PERIOD, D(2022, 12, 31), D(2022, 1, 1), None),
    "entro 2 settimane dalla richiesta": (RELATIVE, None, None, None),
    "entro 30 giorni": (RELATIVE, None, None, None),
    "entro il termine di 30 giorni dalla richiesta": (RELATIVE, None, None, None),
    "entro 48 ore dalla segnalazione": (RELATIVE, None, None, None),
    "mensile": (RECURRENCE, None, None, "mensile"),
    "trimestrale": (RECURRENCE, None, None, "trimestrale"),
    "ogni settimana": (RECURRENCE, None, None, "settimanale"),
    "quotidiano": (RECURRENCE, None, None, "giornaliera"),
    "Annuale": (RECURRENCE, None, None, "annuale"),
    "periodico": (RECURRENCE, None, None, "periodica"),
    "al bisogno": (ON_DEMAND, None, None, None),
    "su richiesta": (ON_DEMAND, None, None, None),
    "in caso di necessità": (ON_DEMAND, None, None, None),
    "quando necessario": (ON_DEMAND, None, None, None),
    "n. 40 controlli": (COUNT, None, None, None),
    "Numero di controlli entro 30 giorni dalla richiesta": (COUNT, None, None, None),
    # refused rather than guessed
    "dal 1/3": (UNPARSED, None, None, None),  # a start, no end
    "31/02": (UNPARSED, None, None, None),  # no such day
    "entro il 29/02": (UNPARSED, None, None, None),  # not in 2022
    "entro fine mese": (UNPARSED, None, None, None),  # which month?
    "novembre - febbraio": (UNPARSED, None, None, None),  # ends before it starts
    "dal 1/11 al 31/3": (UNPARSED, None, None, None),
    "entro giugno 2022 - settembre": (UNPARSED, None, None, None),
    "entro 1.5 mesi": (UNPARSED, None, None, None),
    "non entro 31/12": (UNPARSED, None, None, None),
    "entro 31/12 del 2023": (UNPARSED, None, None, None),
    "40 controlli entro il 31/12": (UNPARSED, None, None, None),
    "entro 30 giorni dal 31/12 e entro 31/12": (UNPARSED, None, None, None),
    "prima dell'estate": (UNPARSED, None, None, None),
    "set di dati costante": (UNPARSED, None, None, None),  # "set" may be settembre
    "interventi il lunedì": (UNPARSED, None, None, None),
    "anno": (UNPARSED, None, None, None),
    "2022": (UNPARSED, None, None, None),
    "da definire": (UNPARSED, None, None, None),
}


@pytest.mark.parametrize("text, expected", [*SAMPLE.items(), *SEED_CELLS.items(),
                                            *OTHERS.items()])
def test_classification(text, expected):
    d = parse_deadline(text, YEAR)
    assert (d.kind, d.date, d.start, d.recurrence) == expected
    assert d.text == text.strip()


def test_every_phrasing_of_the_sample_is_in_the_table(sample_dir):
    plan = read_plan(sample_dir)
    texts = {text for obj in plan.objectives for ind in obj.indicators
             for text in (ind.deadline, ind.description) if text}
    assert texts <= set(SAMPLE)


@pytest.mark.parametrize("text, amount, unit, event", [
    ("Entro 300 giorni dalla data di avvio del procedimento", 300, "giorni",
     "dalla data di avvio del procedimento"),
    ("entro 1 mese dalla notifica del Decreto", 1, "mesi", "dalla notifica del Decreto"),
    ("entro 2 settimane dalla richiesta", 2, "settimane", "dalla richiesta"),
    ("entro 30 giorni", 30, "giorni", None),
    ("Entro trenta giorni lavorativi dall’avvio.", 30, "giorni lavorativi", "dall’avvio"),
    ("entro 48 ore dalla segnalazione; costante", 48, "ore", "dalla segnalazione"),
])
def test_relative_terms_keep_amount_unit_and_event_as_written(text, amount, unit, event):
    d = parse_deadline(text, YEAR)
    assert (d.kind, d.amount, d.unit, d.event) == (RELATIVE, amount, unit, event)


def test_a_year_less_date_takes_the_plan_year():
    assert parse_deadline("entro 31/12", 2024).date == D(2024, 12, 31)
    assert parse_deadline("entro il 29/02", 2024).date == D(2024, 2, 29)
    assert parse_deadline("Giugno - settembre", 2031).start == D(2031, 6, 1)


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t"])
def test_blank_is_missing(text):
    assert parse_deadline(text, YEAR) == Deadline(MISSING)


@pytest.mark.parametrize("text, shown", [
    ("entro 31/12", "entro il 31/12/2022"),
    ("Giugno - settembre", "da giugno a settembre 2022"),
    ("nell'arco dell'anno 2022", "nell'anno 2022"),
    ("nel mese di giugno", "giugno 2022"),
    ("dal 01/11/2021 al 31/03/2022", "da novembre 2021 a marzo 2022"),
    ("dal 15/3 al 30/6", "dal 15/03/2022 al 30/06/2022"),
    ("costante", "ricorrente (costante)"),
    ("costante entro 31/12", "entro il 31/12/2022, ricorrente (costante)"),
    ("all'occorrenza", "all'occorrenza"),
    ("entro 1 mese dalla notifica del Decreto", "entro 1 mese dalla notifica del Decreto"),
    ("Entro 300 giorni dalla data di avvio del procedimento",
     "entro 300 giorni dalla data di avvio del procedimento"),
    ("Numero dei controlli", "numero da rendicontare"),
    ("Numero degli eventi fino al 31/12/2022", "numero da rendicontare entro il 31/12/2022"),
    (None, "non indicata"),
    ("prima dell'estate", "da definire (testo non interpretato)"),
])
def test_describe_in_italian(text, shown):
    assert describe(parse_deadline(text, YEAR)) == shown


# --- properties ------------------------------------------------------------------------

years = st.integers(min_value=1990, max_value=2100)


@settings(max_examples=400)
@given(DEADLINE_TEXTS, years)
def test_never_raises_and_is_consistent(text, year):
    d = parse_deadline(text, year)
    assert d.kind in KINDS
    if d.kind == DATE:
        assert d.date is not None and d.start is None
    if d.kind == PERIOD:
        assert d.start is not None and d.date is not None and d.start <= d.date
    if d.kind in (RECURRENCE,):
        assert d.recurrence
    if d.kind == RELATIVE:
        assert d.amount is not None and d.unit
    assert isinstance(describe(d), str)
