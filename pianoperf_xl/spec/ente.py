"""The ``ente`` template: ente data, organigram and context tables, filled by the segreteria."""

from __future__ import annotations

from pianoperf_xl.spec import STAFF_HISTORY_ROWS, staff_groups
from pianoperf_xl.spec.base import (
    CHOICE, DATE, DECIMAL, EMAIL, INT, LONG_TEXT, PERCENT, TEXT, Field, FixedRow, FixedTable,
    FormSheet, TableRow, TableSheet, TemplateSpec,
)

HISTORY_YEARS = 9  # the staff history covers the nine years before the plan year

ENTE = FormSheet(
    name="Ente",
    title="Dati dell'ente",
    note="Compilare le celle gialle. Data e numero della delibera si possono aggiungere dopo.",
    fields=(
        Field("denominazione", "Denominazione", TEXT, required=True, width=50,
              help="Es. Comune di Calcinate"),
        Field("provincia", "Provincia (sigla)", TEXT, help="Es. BG"),
        Field("anno", "Anno del piano", INT, required=True),
        Field("data_approvazione", "Data di approvazione del piano", DATE,
              help="Data della delibera di Giunta, se nota"),
        Field("numero_delibera", "Numero della delibera di Giunta", TEXT),
        Field("superficie", "Superficie (km²)", DECIMAL),
        Field("abitanti", "Abitanti", INT, help="Residenti al 31 dicembre dell'anno precedente"),
        Field("densita", "Densità demografica dichiarata (ab/km²)", DECIMAL,
              help="Facoltativo: se indicata, è confrontata con abitanti / superficie"),
        Field("note", "Note", LONG_TEXT),
    ),
)

BODIES = TableSheet(
    name="Organi",
    title="Organi politici",
    note="Sindaco, assessori e consiglieri delegati con le loro deleghe.",
    columns=(
        Field("ruolo", "Ruolo", CHOICE, required=True, choices="ruolo", width=20),
        Field("nome", "Cognome e nome", TEXT, required=True, width=26),
        Field("deleghe", "Deleghe", LONG_TEXT, width=44),
        Field("ricevimento", "Ricevimento", TEXT, width=34),
        Field("email", "Email", EMAIL, width=34),
    ),
    blank_rows=15,
)

ORGANIGRAM = TableSheet(
    name="Organigramma",
    title="Organigramma",
    note=("Segretario, settori (con il responsabile titolare di P.O.) e uffici (con il "
          "settore di appartenenza e le persone)."),
    columns=(
        Field("tipo", "Tipo", CHOICE, required=True, choices="struttura", width=12),
        Field("struttura", "Struttura", TEXT, required=True, width=40),
        Field("settore", "Settore di appartenenza", TEXT, width=34,
              help="Solo per uffici e servizi"),
        Field("responsabile", "Responsabile", TEXT, width=28),
        Field("persone", "Persone", LONG_TEXT, width=44,
              help="Cognome e nome, separati da trattino o virgola"),
        Field("email", "Email", EMAIL, width=34),
        Field("note", "Note", LONG_TEXT, width=24),
    ),
    blank_rows=30,
)


def history_years(year: int) -> range:
    return range(year - HISTORY_YEARS, year)


# Empty rows a blank template leaves below each group's total for its categories (more
# can be inserted); a group missing here has none, its total is typed.
HISTORY_PART_ROWS = {"Dirigenti": 2, "Posizioni organizzative": 7,
                     "Elevata Qualificazione": 3, "Altri dipendenti": 20}


def staff_history_rows(year: int) -> tuple[TableRow, ...]:
    """The rows the staff history prints: each group's total (the sum of its categories),
    then the staff total, the inhabitants and the inhabitants per employee."""
    groups = staff_groups(year)
    total, inhabitants, ratio = STAFF_HISTORY_ROWS
    return tuple(TableRow(g, parts=g in HISTORY_PART_ROWS,
                          blank_after=HISTORY_PART_ROWS.get(g, 0)) for g in groups) + (
        TableRow(total, sum_of=groups), TableRow(inhabitants),
        TableRow(ratio, ratio=(inhabitants, total)))


def staff_history_sheet(year: int) -> TableSheet:
    return TableSheet(
        name="Personale storico",
        title="Personale dipendente al 31 dicembre",
        note=("Sotto la riga di ogni gruppo, una riga per categoria (scegliere di nuovo il "
              "gruppo): il totale del gruppo, il Totale personale e gli Abitanti per "
              "dipendente sono calcolati; un valore scritto al posto della formula viene "
              "confrontato con i suoi componenti. Lasciare vuoti gli anni senza dato."),
        columns=(
            Field("gruppo", "Gruppo", CHOICE, required=True, choices="gruppo_personale",
                  width=26),
            Field("categoria", "Categoria / area", CHOICE, choices="categoria_storica",
                  width=14),
        ) + tuple(Field(str(y), str(y), DECIMAL, width=9) for y in history_years(year)),
        blank_rows=50,
        printed=staff_history_rows(year),
        row_key="gruppo",
        part_key="categoria",
    )


def average_age_sheet(year: int) -> TableSheet:
    return TableSheet(
        name="Età media",
        title="Età media del personale",
        note="Una riga per gruppo (es. Posizioni organizzative, Altre posizioni).",
        columns=(Field("gruppo", "Gruppo", TEXT, required=True, width=28),)
        + tuple(Field(str(y), str(y), DECIMAL, width=9) for y in history_years(year)),
        blank_rows=6,
    )


# The age bands of the «Popolazione» sheet: (key, years, description). The one place
# their names are written: the template, the annex and the checks' messages read them
# here. The seed's «oltre 65» is 66 and over (its 886 is the pyramid's 65+ less one yearly
# class, and its adult band is 30-65 inclusive): said so, the bands cannot overlap.
AGE_BANDS = (
    ("eta_0_6", "0-6 anni", "In età prescolare"),
    ("eta_7_14", "7-14 anni", "In età scuola dell'obbligo"),
    ("eta_15_29", "15-29 anni", "In forza lavoro prima occupazione"),
    ("eta_30_65", "30-65 anni", "In età adulta"),
    ("eta_oltre_65", "66 anni e oltre", "In età senile"),
)


def age_band_label(key: str) -> str:
    """«In età adulta (30-65 anni)»: the band's description and its years."""
    _, years, description = next(band for band in AGE_BANDS if band[0] == key)
    return f"{description} ({years})"


POPULATION = FormSheet(
    name="Popolazione",
    title="Contesto socio-demografico",
    note=("I saldi sono calcolati dal modello; se si scrive un valore al posto della formula "
          "viene confrontato con i suoi componenti."),
    fields=(
        Field("popolazione_censimento", "Popolazione legale all'ultimo censimento", INT),
        Field("anno_censimento", "Anno del censimento", INT),
        Field("anno_bilancio", "Anno del bilancio demografico", INT, required=True),
        Field("popolazione_inizio", "Popolazione al 1° gennaio", INT, required=True),
        Field("nati", "Nati nell'anno", INT, required=True),
        Field("deceduti", "Deceduti nell'anno", INT, required=True),
        Field("saldo_naturale", "Saldo naturale", INT, formula="{nati}-{deceduti}"),
        Field("immigrati", "Immigrati nell'anno", INT, required=True),
        Field("emigrati", "Emigrati nell'anno", INT, required=True),
        Field("saldo_migratorio", "Saldo migratorio", INT, formula="{immigrati}-{emigrati}"),
        Field("popolazione_fine", "Popolazione al 31 dicembre", INT, required=True),
        Field("maschi", "di cui maschi", INT),
        Field("femmine", "di cui femmine", INT),
        Field("nuclei_familiari", "Nuclei familiari", INT),
        Field("convivenze", "Comunità / convivenze", INT),
    ) + tuple(Field(key, age_band_label(key), INT) for key, _, _ in AGE_BANDS) + (
        Field("data_piramide", "Data di riferimento della piramide delle età", DATE),
        Field("stranieri", "Stranieri residenti", INT),
        Field("stranieri_percentuale", "Stranieri sul totale dei residenti", PERCENT),
        Field("data_stranieri", "Data di riferimento degli stranieri", DATE),
    ),
)

TEXTS = TableSheet(
    name="Testi",
    title="Testi del comune per l'Allegato A",
    note=("Presentazione: un paragrafo per riga, stampati all'inizio dell'Allegato. Linea "
          "strategica: una riga per linea o programma del DUP (titolo e, se si vuole, testo)."),
    columns=(
        Field("parte", "Parte", CHOICE, required=True, choices="parte_testo", width=18),
        Field("titolo", "Titolo", TEXT, width=40,
              help="Per una linea strategica: es. POLITICHE AMBIENTALI E DI TUTELA DEL "
                   "TERRITORIO"),
        Field("testo", "Testo", LONG_TEXT, width=90,
              help="Il testo così come deve comparire, un paragrafo per riga"),
    ),
    blank_rows=20,
    optional=True,
)

DELIBERATION = FormSheet(
    name="Delibera",
    title="Dati per la proposta di deliberazione",
    note=("Gli atti del Consiglio che la deliberazione di approvazione del piano richiama: "
          "si possono aggiungere quando sono noti."),
    fields=(
        Field("dup_numero", "Numero della delibera C.C. di approvazione del DUP", TEXT),
        Field("dup_data", "Data della delibera C.C. di approvazione del DUP", DATE),
        Field("bilancio_numero", "Numero della delibera C.C. di approvazione del bilancio",
              TEXT),
        Field("bilancio_data", "Data della delibera C.C. di approvazione del bilancio", DATE),
        Field("dipendenti", "Dipendenti in servizio (per la scelta PIAO / PIAO semplificato)",
              INT, help="Almeno 50: PIAO; meno di 50: PIAO semplificato"),
    ),
    optional=True,
)

AGE_CLASSES = tuple(f"{a}-{a + 4}" for a in range(0, 100, 5)) + ("100+",)


def _pyramid_sheet() -> FixedTable:
    classes = tuple(FixedRow(c, c) for c in AGE_CLASSES)
    return FixedTable(
        name="Piramide",
        title="Popolazione per classi di età e sesso",
        note="Residenti per classe quinquennale di età alla data indicata nel foglio Popolazione.",
        code_header="Età",
        label_header="Classe",
        value_columns=(
            Field("maschi", "Maschi", INT, width=10),
            Field("perc_maschi", "% maschi", PERCENT, width=10,
                  formula="IF({totale}=0,0,{maschi}/{totale})"),
            Field("femmine", "Femmine", INT, width=10),
            Field("perc_femmine", "% femmine", PERCENT, width=10,
                  formula="IF({totale}=0,0,{femmine}/{totale})"),
            Field("totale", "Totale", INT, width=10, formula="{maschi}+{femmine}"),
            Field("perc_totale", "% sul totale", PERCENT, width=10,
                  formula="IF({totale@TOT}=0,0,{totale}/{totale@TOT})"),
        ),
        rows=classes + (FixedRow("TOT", "Totale", sum_of=tuple(r.code for r in classes)),),
        label_editable=False,
    )


PYRAMID = _pyramid_sheet()


def ente_spec(year: int, version: str) -> TemplateSpec:
    return TemplateSpec(
        kind="ente",
        version=version,
        year=year,
        title=f"Piano della Performance {year} - Dati dell'ente",
        purpose=("Da compilare a cura della Segreteria: dati dell'ente, organi politici, "
                 "organigramma, andamento del personale, contesto demografico, testi del "
                 "comune e dati per la proposta di deliberazione."),
        sheets=(ENTE, BODIES, ORGANIGRAM, staff_history_sheet(year), average_age_sheet(year),
                POPULATION, PYRAMID, TEXTS, DELIBERATION),
    )
