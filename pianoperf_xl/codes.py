"""The registry of finding codes: every code with its severity, title and description.

Readers and checks declare their codes here once; ``pianoperf check --list-codes``
prints the registry, and ``--select``/``--ignore`` pick codes or families from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pianoperf_xl.findings import ERROR, INFO, WARNING, Finding, Location


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    family: str
    title: str
    description: str


CODES: dict[str, Code] = {}

FAMILIES = {
    "file": "File e modelli",
    "cell": "Celle",
    "budget": "Bilancio",
    "staff": "Personale",
    "objective": "Obiettivi e scadenze",
    "context": "Contesto dell'ente",
}


def define(code: str, severity: str, family: str, title: str, description: str) -> str:
    if code in CODES:
        raise ValueError(f"finding code defined twice: {code}")
    CODES[code] = Code(code, severity, family, title, description)
    return code


def emit(code: str, message: str, where: Location, *, value: Any = None,
         hint: str | None = None) -> Finding:
    """A finding of a registered code, with the code's severity."""
    return Finding(code, CODES[code].severity, message, where.file, where.sheet, where.cell,
                   value, hint)


# -- codes of the reader (files, templates, cells) ---------------------------------------

for _code, _severity, _family, _title, _description in (
    ("folder-empty", ERROR, "file", "Cartella vuota", "La cartella non contiene file da leggere."),
    ("file-not-workbook", WARNING, "file", "Non è un file Excel",
     "Un file che non è una cartella di lavoro .xlsx: ignorato."),
    ("file-not-regular", WARNING, "file", "Non è un file",
     "Nella cartella c'è una pipe, un dispositivo o un collegamento interrotto: ignorato."),
    ("file-link-outside", WARNING, "file", "Collegamento fuori dalla cartella",
     "Un collegamento simbolico porta fuori dalla cartella: non è stato seguito."),
    ("file-name-encoding", WARNING, "file", "Nome del file illeggibile",
     "Il nome del file non è testo UTF-8 (zip di Windows): il file è letto, il nome è "
     "mostrato con «�»; rinominarlo."),
    ("file-legacy-xls", ERROR, "file", "Formato .xls",
     "Il vecchio formato .xls non si legge: risalvare come .xlsx."),
    ("file-unreadable", ERROR, "file", "File illeggibile",
     "Il file non si apre come cartella di lavoro: danneggiato o di altro tipo."),
    ("file-macro-enabled", INFO, "file", "File con macro",
     "File .xlsm: si leggono solo i valori, le macro non sono mai eseguite."),
    ("file-duplicate-kind", ERROR, "file", "Due file dello stesso tipo",
     "Due file dell'ente o del bilancio: ne è stato usato uno solo."),
    ("file-encrypted", ERROR, "file", "File protetto da password",
     "Il file è cifrato con una password: rimuoverla e salvarlo di nuovo."),
    ("file-too-large", ERROR, "file", "File troppo grande",
     "Il file è molto più grande di un modello compilato: non è stato aperto."),
    ("file-zip-bomb", ERROR, "file", "File compresso anomalo",
     "Il file decompresso occuperebbe troppa memoria (zip bomb): non è stato aperto."),
    ("file-xml-entities", ERROR, "file", "Entità XML",
     "Il file dichiara entità XML (DOCTYPE), che Excel non scrive mai: non è stato aperto."),
    ("sector-duplicate", WARNING, "file", "Settore inviato due volte",
     "Due file per lo stesso settore: è stato usato il più recente, l'altro no."),
    ("sheet-too-large", ERROR, "file", "Foglio troppo esteso",
     "Un foglio ha celle usate fino a righe o colonne lontanissime: non è stato letto."),
    ("sheet-hidden-content", WARNING, "file", "Foglio nascosto con dati",
     "Un foglio nascosto contiene dati: letto se è del modello, altrimenti no."),
    ("template-unknown", ERROR, "file", "Non è un modello",
     "Il file non è un modello di pianoperf (manca il foglio nascosto _meta)."),
    ("template-wrong-kind", ERROR, "file", "Modello di altro tipo",
     "Il file è un modello diverso da quello richiesto."),
    ("template-wrong-version", ERROR, "file", "Versione del modello",
     "Il modello è di una versione che questo programma non legge."),
    ("template-year-invalid", ERROR, "file", "Anno del modello non valido",
     "L'anno scritto nei dati nascosti del modello non è l'anno di un piano: file non usato."),
    ("template-wrong-year", ERROR, "file", "Anno del modello",
     "Il modello è di un anno diverso da quello del piano."),
    ("sheet-missing", ERROR, "file", "Foglio mancante",
     "Un foglio del modello è stato rinominato o eliminato."),
    ("header-missing", ERROR, "file", "Intestazione mancante",
     "Non si trova la riga di intestazione di una tabella del modello."),
    ("column-missing", ERROR, "file", "Colonna mancante",
     "Una colonna del modello è stata eliminata o la sua intestazione cambiata."),
    ("column-unknown", WARNING, "file", "Colonna in più",
     "Una colonna aggiunta al modello ha dei valori: non sono stati usati."),
    ("field-missing", ERROR, "file", "Voce mancante",
     "Una voce di un foglio a modulo è stata eliminata o rinominata."),
    ("field-unknown", WARNING, "file", "Voce in più",
     "Una riga aggiunta a un foglio a modulo ha un valore: non è stato usato."),
    ("row-without-code", ERROR, "file", "Riga senza codice",
     "Una riga di una tabella prestampata ha valori ma non il codice."),
    ("row-ignored", WARNING, "file", "Riga ignorata",
     "Una riga di una tabella prestampata non ha codice né valori."),
    ("cell-required", ERROR, "cell", "Cella obbligatoria vuota",
     "Manca un valore obbligatorio."),
    ("cell-wrong-type", ERROR, "cell", "Tipo di valore errato",
     "Serve un numero o una data ma c'è del testo che non si può leggere con certezza."),
    ("cell-text-as-number", INFO, "cell", "Numero scritto come testo",
     "Un numero scritto come testo è stato capito: meglio scriverlo come numero."),
    ("cell-text-as-date", INFO, "cell", "Data scritta come testo",
     "Una data scritta come testo è stata capita: meglio scriverla come data."),
    ("cell-not-in-list", ERROR, "cell", "Valore fuori elenco",
     "Il valore non è tra quelli ammessi (es. categoria non valida per l'anno del piano)."),
    ("cell-out-of-range", ERROR, "cell", "Valore fuori intervallo",
     "Ore settimanali fuori da 1-36 o percentuale fuori da 0-100%."),
    ("cell-invalid-email", WARNING, "cell", "Email non valida",
     "Il testo non sembra un indirizzo email."),
    ("cell-control-chars", INFO, "cell", "Caratteri invisibili",
     "Tolti caratteri di controllo invisibili da un testo."),
    ("cell-formula-not-computed", WARNING, "cell", "Formula non calcolata",
     "Una formula senza valore calcolato (file scritto da un programma): non letta come 0."),
    ("cell-error-value", ERROR, "cell", "Errore in una cella",
     "La cella contiene un errore come #DIV/0! o #N/D: nessun valore letto."),
    ("cell-line-break", INFO, "cell", "A capo in un testo di una riga",
     "Un nome, un settore o un codice andava a capo (Alt+Invio): letto su una riga sola."),
    ("cell-hidden", WARNING, "cell", "Dati in righe o colonne nascoste",
     "Valori letti da una riga o colonna nascosta: mostrarla per controllarli."),
    ("cell-too-long", ERROR, "cell", "Testo troppo lungo",
     "Un testo supera i 32.767 caratteri di una cella di Excel: letto intero, va accorciato."),
    ("objective-missing-text", ERROR, "objective", "Obiettivo non indicato",
     "Una riga di obiettivo senza il testo dell'obiettivo specifico."),
):
    define(_code, _severity, _family, _title, _description)
