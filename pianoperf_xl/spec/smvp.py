"""The ``smvp`` template: the comune's measurement rules (its *Sistema di misurazione e
valutazione della performance*) as settings the segreteria fills; ``DEFAULTS`` are the
values the template is written with and the ones used when no such workbook is given."""

from __future__ import annotations

from decimal import Decimal

from pianoperf_xl.spec.base import (
    AMOUNT, CHOICE, DECIMAL, INT, LONG_TEXT, PERCENT, TEXT, Field, FormSheet, TableSheet, TemplateSpec,
)

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


# -- individual evaluation (issue 12) ---------------------------------------------------
# Defaults a small comune can take as they are (the README justifies each one): the heads
# (E.Q.) weighed 60% on their sector's results and 40% on behaviours, evaluated by the
# Nucleo (art. 9 c. 1 D.Lgs. 150/2009: their area's results, behaviours, and how they
# evaluate their staff); the other staff 50/50 on their own objectives, evaluated by their
# head; no bonus under 60/100, then four bands; shares pro-rated by hours and days of
# service. The funds are the comune's own figures (the E.Q. result fund at least 15% of
# the E.Q. fund, art. 17 c. 4 CCNL Funzioni Locali 16/11/2022; the productivity part of the
# fondo risorse decentrate): left blank, and a blank fund is reported.
HEADS, OTHERS = "responsabili di settore", "altro personale"
EVALUATORS = ("segretario", "nucleo", "responsabile")
EVALUATION_DEFAULTS = {
    "riproporziona_ore": "sì",
    "riproporziona_giorni": "sì",
    "soglia_riservatezza": 3,
    "differenziazione_minima": Decimal("1"),
}
GROUP_DEFAULTS = (
    {"codice": "EQ", "nome": "Responsabili di settore (E.Q.)", "membri": HEADS,
     "peso_risultati": Decimal("0.60"), "base_risultati": "settore", "valutatore": "nucleo",
     "scala": 10},
    {"codice": "DIP", "nome": "Personale dei settori", "membri": OTHERS,
     "peso_risultati": Decimal("0.50"), "base_risultati": "obiettivi propri",
     "valutatore": "responsabile", "scala": 10},
)
BEHAVIOUR_DEFAULTS = (
    ("EQ", "EQ1", "Programmazione e organizzazione del settore", "0.25"),
    ("EQ", "EQ2", "Guida e valutazione differenziata dei collaboratori", "0.25"),
    ("EQ", "EQ3", "Soluzione dei problemi e innovazione", "0.20"),
    ("EQ", "EQ4", "Relazioni con utenti, amministratori e colleghi", "0.15"),
    ("EQ", "EQ5", "Rispetto dei tempi e degli adempimenti", "0.15"),
    ("DIP", "D1", "Qualità e precisione del lavoro", "0.25"),
    ("DIP", "D2", "Rispetto dei tempi", "0.20"),
    ("DIP", "D3", "Collaborazione e lavoro di gruppo", "0.20"),
    ("DIP", "D4", "Relazioni con l'utenza", "0.20"),
    ("DIP", "D5", "Flessibilità e disponibilità", "0.15"),
)
BAND_DEFAULTS = (
    ("60", "0.60", "da 60 a 69,99"),
    ("70", "0.75", "da 70 a 79,99"),
    ("80", "0.90", "da 80 a 89,99"),
    ("90", "1", "da 90 a 100"),
)

EVALUATION = FormSheet(
    name="Valutazione",
    title="Valutazione individuale e premi: regole generali",
    note="Valori predefiniti già inseriti: modificarli se il sistema di valutazione del "
         "comune dice diversamente. Gruppi, comportamenti e fasce nei fogli seguenti.",
    optional=True,
    fields=(
        Field("riproporziona_ore", "Premio in proporzione alle ore (part-time)", CHOICE,
              choices="si_no", required=True,
              help="sì: la quota di chi lavora a tempo parziale è ridotta in proporzione "
                   "alle ore settimanali (24 ore su 36: due terzi). Predefinito: sì."),
        Field("riproporziona_giorni", "Premio in proporzione ai giorni di servizio",
              CHOICE, choices="si_no", required=True,
              help="sì: la quota è ridotta in proporzione ai giorni di servizio nell'anno "
                   "(assunti o cessati durante l'anno). Predefinito: sì."),
        Field("soglia_riservatezza", "Tabelle pubbliche: gruppo minimo (persone)", INT,
              required=True,
              help="Nelle tabelle di Amministrazione trasparente nessun dato descrive un "
                   "gruppo di meno persone di così. Predefinito: 3."),
        Field("differenziazione_minima", "Differenziazione minima (punti)", DECIMAL,
              required=True,
              help="Se tra il punteggio più alto e il più basso dato da uno stesso "
                   "valutatore ci sono meno punti di così, la verifica lo segnala "
                   "(art. 18 D.Lgs. 150/2009). Predefinito: 1."),
        Field("risorse_totali", "Risorse complessive per i premi (euro)", AMOUNT,
              help="Facoltativo: il totale destinato ai premi; i fondi dei gruppi non "
                   "possono superarlo."),
        Field("note", "Note", LONG_TEXT,
              help="Ad esempio la delibera che ha adottato il sistema di valutazione e "
                   "quella che ha costituito il fondo."),
    ),
)

GROUPS = TableSheet(
    name="Gruppi",
    title="Gruppi di valutazione",
    note=("Una riga per gruppo. Una persona va nel primo gruppo che la comprende: i "
          "responsabili di settore nel gruppo dei responsabili, gli altri nel primo gruppo "
          "«altro personale» delle loro categorie (vuoto: tutte)."),
    columns=(
        Field("codice", "Codice", TEXT, required=True, width=10),
        Field("nome", "Gruppo", TEXT, required=True, width=30),
        Field("membri", "Chi ne fa parte", CHOICE, choices="membri_gruppo", required=True,
              width=22),
        Field("categorie", "Categorie o aree (vuoto: tutte)", TEXT, width=18,
              help="Per «altro personale»: le categorie comprese, separate da virgole "
                   "(es. «B, C»: B1…B8 e C1…C6), o le aree (es. «Istruttori»)."),
        Field("peso_risultati", "Peso dei risultati", PERCENT, required=True, width=11,
              help="Il resto è il peso dei comportamenti (60%: 60 risultati, 40 "
                   "comportamenti)."),
        Field("base_risultati", "Risultati misurati su", CHOICE, choices="base_risultati",
              required=True, width=18,
              help="obiettivi propri: gli obiettivi su cui la persona è indicata; settore: "
                   "il risultato del suo settore; ente: il risultato dell'ente."),
        Field("valutatore", "Valutatore", CHOICE, choices="valutatore", required=True,
              width=16, help="segretario, nucleo (di valutazione) o responsabile (del "
                             "settore della persona)."),
        Field("scala", "Punteggio massimo dei comportamenti", INT, required=True, width=14,
              help="I comportamenti si valutano da 0 a questo numero. Predefinito: 10."),
        Field("fondo", "Fondo del gruppo (euro)", AMOUNT, width=16,
              help="Le risorse da distribuire al gruppo (per le E.Q. la retribuzione di "
                   "risultato, almeno il 15% delle risorse di posizione e risultato)."),
    ),
    blank_rows=6,
    validated_rows=50,
    optional=True,
)

BEHAVIOURS = TableSheet(
    name="Comportamenti",
    title="Comportamenti valutati, per gruppo",
    note="I pesi dei comportamenti di un gruppo sommano a 100%.",
    columns=(
        Field("gruppo", "Codice del gruppo", TEXT, required=True, width=12),
        Field("codice", "Codice", TEXT, required=True, width=10),
        Field("comportamento", "Comportamento", TEXT, required=True, width=50),
        Field("peso", "Peso", PERCENT, required=True, width=10),
    ),
    blank_rows=10,
    validated_rows=100,
    optional=True,
)

BANDS = TableSheet(
    name="Fasce",
    title="Fasce di premio",
    note=("Da quanti punti (su 100) spetta quale parte della quota piena. Sotto la fascia "
          "più bassa non spetta premio. Gruppo vuoto: la fascia vale per tutti i gruppi."),
    columns=(
        Field("gruppo", "Codice del gruppo (vuoto: tutti)", TEXT, width=14),
        Field("da_punti", "Da punti", DECIMAL, required=True, width=10),
        Field("coefficiente", "Parte della quota", PERCENT, required=True, width=12),
        Field("etichetta", "Descrizione", TEXT, width=20),
    ),
    blank_rows=4,
    validated_rows=50,
    optional=True,
)


def evaluation_fill() -> dict:
    """The evaluation sheets as the template is written with: the defaults."""
    return {
        "Valutazione": dict(EVALUATION_DEFAULTS),
        "Gruppi": [dict(g) for g in GROUP_DEFAULTS],
        "Comportamenti": [{"gruppo": g, "codice": c, "comportamento": n, "peso": Decimal(w)}
                          for g, c, n, w in BEHAVIOUR_DEFAULTS],
        "Fasce": [{"da_punti": Decimal(lower), "coefficiente": Decimal(coefficient),
                   "etichetta": label} for lower, coefficient, label in BAND_DEFAULTS],
    }


def default_fill() -> dict:
    """Every sheet of the ``smvp`` template with its documented defaults."""
    return {"Regole": dict(DEFAULTS), **evaluation_fill()}


def smvp_spec(year: int, version: str) -> TemplateSpec:
    return TemplateSpec(
        kind="smvp",
        version=version,
        year=year,
        title=f"Piano della Performance {year} - Regole di misurazione (SMVP)",
        purpose=("Da compilare a cura della segreteria: le regole del sistema di "
                 "misurazione e valutazione con cui si calcola il grado di raggiungimento "
                 "di ogni indicatore, e le regole della valutazione individuale e dei "
                 "premi."),
        sheets=(RULES, EVALUATION, GROUPS, BEHAVIOURS, BANDS),
    )
