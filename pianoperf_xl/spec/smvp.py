"""The ``smvp`` template: the comune's measurement rules (its *Sistema di misurazione e
valutazione della performance*) as settings the segreteria fills; ``DEFAULTS`` are the
values the template is written with and the ones used when no such workbook is given."""

from __future__ import annotations

from decimal import Decimal

from pianoperf_xl.spec.base import CHOICE, INT, PERCENT, Field, FormSheet, TemplateSpec

DEFAULTS = {
    "ritardo_giorni": 30,
    "ritardo_riduzione": Decimal("0.10"),
    "fasce": "no",
    "evidenze": "sì",
    "stato_senza_target": "no",
    "tolleranza": Decimal("0.10"),
    "soglia_verde": Decimal("0.90"),
    "soglia_gialla": Decimal("0.60"),
}

RULES = FormSheet(
    name="Regole",
    title="Regole di misurazione dei risultati",
    note="Valori predefiniti già inseriti: modificarli se il sistema di misurazione del "
         "comune dice diversamente.",
    fields=(
        Field("ritardo_giorni", "Periodo di ritardo (giorni)", INT, required=True,
              help="Un obiettivo a scadenza completato in ritardo perde la riduzione sotto "
                   "per ogni periodo (o frazione) di questi giorni. Predefinito: 30."),
        Field("ritardo_riduzione", "Riduzione per periodo di ritardo", PERCENT, required=True,
              help="Punti percentuali tolti per ogni periodo di ritardo. Predefinito: 10%."),
        Field("fasce", "Punteggio per fasce (0/50/75/100)", CHOICE, choices="si_no",
              required=True,
              help="sì: la percentuale è arrotondata per difetto alla fascia 0, 50, 75 o "
                   "100%. Predefinito: no."),
        Field("evidenze", "Evidenze obbligatorie per «raggiunto»", CHOICE, choices="si_no",
              required=True, help="Predefinito: sì."),
        Field("stato_senza_target", "Indicatori senza target: misurare dallo stato",
              CHOICE, choices="si_no", required=True,
              help="sì: un indicatore senza target né scadenza datata vale 100% se "
                   "«raggiunto», 50% se «parzialmente raggiunto», 0% se «non raggiunto». "
                   "no: è riportato come non misurabile. Predefinito: no."),
        Field("tolleranza", "Scarto ammesso tra % dichiarata e calcolata", PERCENT,
              required=True, help="Predefinito: 10%."),
        Field("soglia_verde", "Semaforo verde da", PERCENT, required=True,
              help="Predefinito: 90%."),
        Field("soglia_gialla", "Semaforo giallo da", PERCENT, required=True,
              help="Sotto questa soglia il semaforo è rosso. Predefinito: 60%."),
    ),
)


def smvp_spec(year: int, version: str) -> TemplateSpec:
    return TemplateSpec(
        kind="smvp",
        version=version,
        year=year,
        title=f"Piano della Performance {year} - Regole di misurazione (SMVP)",
        purpose=("Da compilare a cura della segreteria: le regole del sistema di "
                 "misurazione e valutazione con cui si calcola il grado di raggiungimento "
                 "di ogni indicatore."),
        sheets=(RULES,),
    )
