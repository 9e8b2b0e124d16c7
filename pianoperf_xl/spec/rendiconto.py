"""The ``rendiconto`` template: one per sector, pre-filled from the approved plan, where
the sector head reports what each indicator reached at the round's reference date.

The approved content (objective, weight, indicator, target, deadline) is repeated in
locked cells, so the head sees what was approved without being able to change it; the
results are compared with the plan itself, never with these cells (see ``results.checks``).
The round (``monitoraggio`` or ``consuntivo``) and its reference date are in the hidden
``_meta`` sheet and shown, locked, on the «Rendiconto» sheet.
"""

from __future__ import annotations

from pianoperf_xl.spec.base import (
    CHOICE, DATE, INT, LONG_TEXT, PERCENT, TEXT, Field, FormSheet, TableSheet, TemplateSpec,
)

META_ROUND = "round"  # _meta rows of a results template
META_DATE = "reference_date"

FORM = FormSheet(
    name="Rendiconto",
    title="Rendiconto dei risultati del settore",
    note="Le celle grigie vengono dal piano approvato. Compilare le celle gialle.",
    fields=(
        Field("ente", "Ente", TEXT, width=50, locked=True),
        Field("anno", "Anno del piano", INT, locked=True),
        Field("settore", "Settore", TEXT, required=True, locked=True),
        Field("responsabile", "Responsabile", TEXT, locked=True),
        Field("turno", "Rilevazione", CHOICE, choices="turno", locked=True,
              help="monitoraggio (infrannuale) o consuntivo (fine anno)"),
        Field("data_riferimento", "Data di riferimento della rilevazione", DATE, locked=True),
        Field("aggiornato_al", "Dati aggiornati al", DATE, required=True,
              help="La data a cui si riferiscono i valori indicati: non oltre la data di "
                   "riferimento della rilevazione."),
        Field("compilato_da", "Compilato da", TEXT),
        Field("note", "Note", LONG_TEXT),
    ),
)

RESULTS = TableSheet(
    name="Risultati",
    title="Risultati per obiettivo e indicatore",
    note=("Una riga per indicatore del piano approvato. Le colonne grigie non si modificano: "
          "per cambiare un obiettivo serve una variazione del piano approvata dalla Giunta."),
    columns=(
        Field("rif", "Rif.", TEXT, width=10, locked=True,
              help="Codice dell'obiettivo e numero dell'indicatore nel piano approvato"),
        Field("area", "Area strategica", LONG_TEXT, width=18, locked=True),
        Field("obiettivo", "Obiettivo", LONG_TEXT, width=40, locked=True),
        Field("peso", "Peso %", PERCENT, width=8, locked=True),
        Field("indicatore", "Indicatore", LONG_TEXT, width=30, locked=True),
        Field("target", "Target", TEXT, width=14, locked=True),
        Field("scadenza", "Scadenza", TEXT, width=16, locked=True),
        Field("valore", "Valore raggiunto", TEXT, width=14,
              help="Un numero, una data o sì/no, come chiede l'indicatore"),
        Field("data_completamento", "Data di completamento", DATE, width=13),
        Field("stato", "Stato", CHOICE, choices="stato_risultato", width=16,
              help="in corso, raggiunto, parzialmente raggiunto, non raggiunto, non più "
                   "pertinente"),
        Field("percentuale", "% dichiarata", PERCENT, width=10,
              help="Facoltativa: la percentuale di raggiungimento secondo il settore"),
        Field("cause", "Cause dello scostamento", LONG_TEXT, width=28),
        Field("azioni", "Azioni correttive", LONG_TEXT, width=28),
        Field("evidenze", "Evidenze (atti, documenti, link)", LONG_TEXT, width=28),
        Field("atto_giunta", "Atto di Giunta di variazione", TEXT, width=16,
              help="Per «non più pertinente»: numero e data della delibera che ha "
                   "modificato il piano"),
        Field("note", "Note", LONG_TEXT, width=24),
    ),
    blank_rows=0,
    validated_rows=500,
)


def rendiconto_spec(year: int, version: str) -> TemplateSpec:
    return TemplateSpec(
        kind="rendiconto",
        version=version,
        year=year,
        title=f"Piano della Performance {year} - Rendiconto dei risultati",
        purpose=("Da compilare a cura del Responsabile di settore: per ogni indicatore del "
                 "piano approvato, il valore raggiunto alla data di riferimento, lo stato, "
                 "le cause degli scostamenti, le azioni correttive e le evidenze."),
        sheets=(FORM, RESULTS),
    )
