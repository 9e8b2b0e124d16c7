"""The ``scheda`` template: one workbook per evaluator, with the schede di valutazione of
the people they evaluate (a sector head: the sector's staff; the segretario or the
Nucleo: the heads).

A table layout, one row per person (and per person and objective, per person and
behaviour), so that one evaluator's people sit side by side and can be filtered and
compared: the Word scheda to sign at the interview is one per person (the outputs).
What comes from the plan and the measured results is locked (the sheets are protected
without a password, like the ``rendiconto``); the evaluator fills the yellow cells: the
scores, the days of service, the interview date, a comment and their own name. The
hidden ``_meta`` sheet says whose workbook it is (``META_EVALUATOR``).
"""

from __future__ import annotations

import dataclasses

from pianoperf_xl.spec.base import (
    DATE, DECIMAL, INT, LONG_TEXT, PERCENT, TEXT, Field, FormSheet, TableSheet,
    TemplateSpec,
)

META_EVALUATOR = "evaluator"  # _meta row: «nucleo», «segretario», «responsabile:<settore>»
META_INVENTED = "invented"  # _meta row: «sì» in the bundled sample's schede (invented data)
DEFAULT_SCALE = 10

FORM = FormSheet(
    name="Valutatore",
    title="Schede di valutazione individuale",
    note="Le celle grigie vengono dal piano e dai risultati misurati. Compilare le celle "
         "gialle qui e nei fogli «Persone» e «Comportamenti».",
    fields=(
        Field("ente", "Ente", TEXT, width=50, locked=True),
        Field("anno", "Anno valutato", TEXT, locked=True),
        Field("ruolo", "Valutatore", TEXT, locked=True,
              help="Chi valuta, secondo il sistema di valutazione del comune"),
        Field("settore", "Settore", TEXT, locked=True),
        Field("valutatore", "Nome del valutatore", TEXT,
              help="Chi compila le schede: nome e cognome"),
    ),
)

PEOPLE = TableSheet(
    name="Persone",
    title="Persone valutate",
    note=("Una riga per persona. Il punteggio dei risultati (su 100) viene dal "
          "raggiungimento misurato degli obiettivi (foglio «Obiettivi»)."),
    columns=(
        Field("nome", "Persona", TEXT, width=24, locked=True),
        Field("settore", "Settore", TEXT, width=22, locked=True),
        Field("profilo", "Profilo", TEXT, width=18, locked=True),
        Field("categoria", "Categoria", TEXT, width=9, locked=True),
        Field("gruppo", "Gruppo di valutazione", TEXT, width=18, locked=True),
        Field("ore", "Ore settimanali", INT, width=12, locked=True),
        Field("risultati", "Punteggio dei risultati (su 100)", DECIMAL, width=17,
              locked=True),
        Field("peso_risultati", "Peso dei risultati", PERCENT, width=11, locked=True),
        Field("giorni", "Giorni di servizio nell'anno", INT, width=15,
              bounds=(0, 366),
              help="Già inserito l'anno intero: ridurlo per chi è stato assunto o è "
                   "cessato durante l'anno (esclusi i giorni di assenza che il contratto "
                   "decentrato non conta)."),
        Field("data_colloquio", "Data del colloquio", DATE, width=12),
        Field("commento", "Commento del valutatore", LONG_TEXT, width=40),
    ),
    blank_rows=0,
    validated_rows=300,
)

OBJECTIVES = TableSheet(
    name="Obiettivi",
    title="Obiettivi su cui ogni persona è valutata",
    note=("Gli obiettivi del piano su cui la persona è indicata, con il raggiungimento "
          "misurato a fine anno: la quota è il peso dell'obiettivo tra i suoi."),
    columns=(
        Field("nome", "Persona", TEXT, width=24, locked=True),
        Field("settore", "Settore", TEXT, width=22, locked=True),
        Field("rif", "Rif.", TEXT, width=9, locked=True),
        Field("obiettivo", "Obiettivo", LONG_TEXT, width=50, locked=True),
        Field("peso", "Peso %", PERCENT, width=8, locked=True),
        Field("quota", "Quota nella valutazione", PERCENT, width=13, locked=True),
        Field("raggiungimento", "Raggiungimento misurato", PERCENT, width=16, locked=True,
              help="Vuoto: obiettivo non misurato, escluso dal punteggio"),
    ),
    blank_rows=0,
    validated_rows=0,
)

BEHAVIOURS = TableSheet(
    name="Comportamenti",
    title="Comportamenti da valutare",
    note="Per ogni persona e comportamento, il punteggio nella scala indicata.",
    columns=(
        Field("nome", "Persona", TEXT, width=24, locked=True),
        Field("codice", "Codice", TEXT, width=8, locked=True),
        Field("comportamento", "Comportamento", LONG_TEXT, width=44, locked=True),
        Field("peso", "Peso", PERCENT, width=8, locked=True),
        Field("scala", "Scala", TEXT, width=10, locked=True),
        Field("punteggio", "Punteggio", DECIMAL, width=11,
              bounds=(0, DEFAULT_SCALE),
              help="Un numero della scala indicata nella riga"),
    ),
    blank_rows=0,
    validated_rows=1000,
)


def scheda_spec(year: int, version: str, scale: int = DEFAULT_SCALE) -> TemplateSpec:
    """The template; ``scale``: the highest score of the workbook's groups, which the
    spreadsheet lets the evaluator type."""
    score = dataclasses.replace(BEHAVIOURS.column("punteggio"), bounds=(0, scale))
    behaviours = dataclasses.replace(
        BEHAVIOURS, columns=tuple(score if c.key == "punteggio" else c
                                  for c in BEHAVIOURS.columns))
    return TemplateSpec(
        kind="scheda",
        version=version,
        year=year,
        title=f"Valutazione individuale {year} - Schede di valutazione",
        purpose=("Da compilare a cura del valutatore (il Responsabile di settore per il suo "
                 "personale, il Nucleo di valutazione o il Segretario per i Responsabili): "
                 "per ogni persona il punteggio di ogni comportamento, i giorni di servizio, "
                 "la data del colloquio e un commento. I risultati vengono dal rendiconto di "
                 "fine anno e non si modificano qui."),
        sheets=(FORM, PEOPLE, OBJECTIVES, BEHAVIOURS),
    )
