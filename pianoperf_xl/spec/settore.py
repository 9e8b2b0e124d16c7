"""The ``settore`` template: one per sector, filled by its head (Responsabile di settore)."""

from __future__ import annotations

from pianoperf_xl.spec.base import (
    CHOICE, EMAIL, HOURS, INT, LONG_TEXT, PERCENT, TEXT, Field, FormSheet, TableSheet,
    TemplateSpec,
)

SECTOR = FormSheet(
    name="Settore",
    title="Dati del settore",
    note="Compilare le celle gialle. Il responsabile è il titolare di posizione organizzativa.",
    fields=(
        Field("ente", "Ente", TEXT, required=True, width=50, help="Es. Comune di Calcinate"),
        Field("anno", "Anno del piano", INT, required=True),
        Field("settore", "Settore", TEXT, required=True, help="Es. Settore Affari Generali"),
        Field("responsabile", "Responsabile (cognome e nome)", TEXT, required=True),
        Field("email", "Email del settore", EMAIL),
        Field("note", "Note", LONG_TEXT),
    ),
)

STAFF = TableSheet(
    name="Personale",
    title="Risorse umane del servizio",
    note=("Una riga per persona, responsabile compreso. Ore settimanali solo per il "
          "part-time (vuoto = tempo pieno, 36 ore). Esterno: personale non dipendente "
          "dell'ente (es. assistente sociale dell'Ambito)."),
    columns=(
        Field("nome", "Cognome e nome", TEXT, required=True, width=28),
        Field("profilo", "Profilo professionale", TEXT, width=26),
        Field("ufficio", "Ufficio / servizio", TEXT, width=30),
        Field("categoria", "Categoria / area", CHOICE, required=True, choices="categoria",
              width=14),
        Field("ore", "Ore settimanali (part-time)", HOURS, width=14,
              help="Solo per il part-time: ore su 36. Vuoto = tempo pieno."),
        Field("rapporto", "Rapporto", CHOICE, required=True, choices="rapporto", width=14),
        Field("note", "Note", LONG_TEXT, width=30),
    ),
    blank_rows=25,
)

OBJECTIVES = TableSheet(
    name="Obiettivi",
    title="Obiettivi del settore",
    note=("Una riga per indicatore. Per un secondo indicatore dello stesso obiettivo "
          "lasciare vuoti codice e obiettivo. Area e azione vuote = come la riga sopra. "
          "Le righe con «Riportato da» compilato vengono dal piano precedente: aggiornarle, "
          "poi cancellare quella cella."),
    columns=(
        Field("codice", "Codice", TEXT, width=10, help="Facoltativo, es. AG.01"),
        Field("area", "Area strategica", TEXT, width=22),
        Field("azione", "Azione da strumento di indirizzi di governo", LONG_TEXT, width=32),
        Field("obiettivo", "Obiettivo specifico", LONG_TEXT, width=46),
        Field("indicatore", "Indicatore", LONG_TEXT, width=30,
              help="Cosa si misura, es. Numero di controlli effettuati"),
        Field("target", "Target", TEXT, width=14, help="Valore atteso, es. 40 controlli"),
        Field("scadenza", "Scadenza", TEXT, width=22,
              help="Es. entro 31/12, entro fine aprile, Giugno - settembre"),
        Field("personale", "Personale coinvolto", TEXT, width=26,
              help="Cognomi separati da virgola o trattino"),
        Field("peso", "Peso %", PERCENT, width=9,
              help="Facoltativo: se usato, la somma per settore è 100%"),
        Field("missione", "Missione", CHOICE, choices="missione", width=18),
        Field("programma", "Programma", CHOICE, choices="programma", width=18),
        Field("note", "Note", LONG_TEXT, width=24),
        Field("riportato", "Riportato da", TEXT, width=13,
              help="Prestampato sugli obiettivi copiati dal piano precedente. Aggiornare "
                   "la riga (indicatore, target, scadenza, personale), poi cancellare "
                   "questa cella; cancellarla anche per confermare un obiettivo che resta "
                   "uguale. Vuoto per gli obiettivi nuovi."),
    ),
    blank_rows=60,
)


def settore_spec(year: int, version: str) -> TemplateSpec:
    return TemplateSpec(
        kind="settore",
        version=version,
        year=year,
        title=f"Piano della Performance {year} - Scheda del settore",
        purpose=("Da compilare a cura del Responsabile di settore: dati del settore, "
                 "personale assegnato, obiettivi con indicatori, scadenze e personale "
                 "coinvolto."),
        sheets=(SECTOR, STAFF, OBJECTIVES),
    )
