"""The registry of finding codes: every code any command can emit, with its severity,
family, Italian title and one-line description.

Every code is declared here and nowhere else: the reader's and the distribution round's
are used by their text, the checks' through the constants below (the names their modules
import). ``emit`` is the one way to make a finding, with the severity declared here.
``pianoperf check --list-codes`` prints the registry by family, ``--select``/``--ignore``
pick codes or families from it, and tests/test_codes.py finds every code the sources emit
in that list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pianoperf_xl.findings import ERROR, INFO, WARNING, Finding, Location
from pianoperf_xl.spec.ente import AGE_BANDS


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
    "distribution": "Distribuzione delle schede",
    "results": "Rendicontazione",
    "evaluation": "Valutazione individuale e premi",
}


def _define(code: str, severity: str, family: str, title: str, description: str) -> str:
    if code in CODES:
        raise ValueError(f"finding code defined twice: {code}")
    if family not in FAMILIES:
        raise ValueError(f"finding code {code} of an unknown family: {family}")
    CODES[code] = Code(code, severity, family, title, description)
    return code


def emit(code: str, message: str, where: Location, *, value: Any = None,
         hint: str | None = None) -> Finding:
    """The one way to make a finding: a registered code, with the registry's severity."""
    if code not in CODES:
        raise ValueError(f"finding code not declared in pianoperf_xl/codes.py: {code}")
    return Finding(code, CODES[code].severity, message, where.file, where.sheet, where.cell,
                   value, hint)


# -- codes of the reader (files, templates, cells) ---------------------------------------

for _code, _severity, _family, _title, _description in (
    ("folder-empty", ERROR, "file", "Cartella vuota", "La cartella non contiene file da leggere."),
    ("file-not-workbook", WARNING, "file", "Non è un file Excel",
     "Un file che non è una cartella di lavoro .xlsx: ignorato."),
    ("file-own-output", INFO, "file", "File scritto da pianoperf",
     "Un file che pianoperf stesso ha scritto (consolidato, report, Allegato A, schede "
     "preparate e mai modificate, copie annotate mai salvate): non è letto."),
    ("file-not-regular", WARNING, "file", "Non è un file",
     "Nella cartella c'è una pipe, un dispositivo o un collegamento interrotto: ignorato."),
    ("file-link-outside", WARNING, "file", "Collegamento fuori dalla cartella",
     "Un collegamento simbolico porta fuori dalla cartella: non è stato seguito."),
    ("file-name-encoding", WARNING, "file", "Nome del file illeggibile",
     "Il nome del file non è testo UTF-8 (zip di Windows): il file è letto, il nome è "
     "mostrato con «�»; rinominarlo."),
    ("file-read-failed", ERROR, "file", "Errore imprevisto leggendo un file",
     "La lettura di un file è fallita per un errore del programma: il file non è usato, gli "
     "altri sì. Da segnalare."),
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
    ("text-row-empty", WARNING, "file", "Testo senza contenuto",
     "Una riga del foglio «Testi» dice la parte ma non ha né titolo né testo: non c'è "
     "nulla da stampare nell'Allegato."),
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
    _define(_code, _severity, _family, _title, _description)


# -- codes of the budget checks (checks/budget.py) ---------------------------------------

TOTAL_MISMATCH = _define(
    "budget-total-mismatch", ERROR, "budget", "Totale diverso dalla somma",
    "Un totale del bilancio (entrate, spese o missioni) non è uguale alla somma delle sue "
    "righe, o è vuoto mentre le righe hanno importi.")
REVENUE_EXPENSE = _define(
    "budget-revenue-expense-mismatch", ERROR, "budget", "Entrate e spese non in pareggio",
    "Il totale complessivo delle entrate è diverso dal totale complessivo delle spese "
    "(pareggio di bilancio, art. 162 TUEL).")
MISSIONS_TITLES = _define(
    "budget-missions-titles-mismatch", ERROR, "budget", "Missioni diverse dai titoli",
    "Il totale delle spese per missioni è diverso dal totale dei titoli di spesa "
    "(disavanzo escluso).")
PARTITE_GIRO = _define(
    "budget-partite-giro-mismatch", ERROR, "budget", "Partite di giro non corrispondenti",
    "Entrate del titolo 9, spese del titolo 7 e missione 99 (servizi per conto terzi e "
    "partite di giro) non sono uguali.")
ANTICIPAZIONI = _define(
    "budget-anticipazioni-mismatch", ERROR, "budget", "Anticipazioni non corrispondenti",
    "Le anticipazioni da istituto tesoriere/cassiere (entrate titolo 7) sono diverse dalla "
    "loro chiusura (spese titolo 5).")
BALANCE_NEGATIVE = _define(
    "budget-current-balance-negative", ERROR, "budget", "Equilibrio di parte corrente negativo",
    "Le entrate correnti (titoli 1-3, più FPV e avanzo applicati alle spese correnti) non "
    "coprono spese correnti, rimborso prestiti e disavanzo (art. 162 c. 6 TUEL).")
BALANCE = _define(
    "budget-current-balance", INFO, "budget", "Equilibrio di parte corrente",
    "Il valore dell'equilibrio di parte corrente di ogni anno, con le sue componenti.")
UNKNOWN_CODE = _define(
    "budget-unknown-code", ERROR, "budget", "Codice di bilancio sconosciuto",
    "Una riga di entrate, spese o missioni ha un codice che non è un titolo o una missione "
    "del D.Lgs. 118/2011 né una voce del modello: i suoi importi non entrano nei totali.")
LABEL_DIFFERS = _define(
    "budget-label-differs", WARNING, "budget", "Denominazione non ufficiale",
    "La denominazione di un titolo o di una missione è diversa da quella ufficiale del "
    "D.Lgs. 118/2011 (maiuscole, accenti e punteggiatura a parte).")
PROGRAMMES_MISMATCH = _define(
    "budget-programmes-mismatch", ERROR, "budget", "Programmi diversi dalla missione",
    "La somma dei programmi di una missione è diversa dallo stanziamento della missione.")


# -- codes of the staff checks (checks/staff.py) -----------------------------------------

REF_UNKNOWN = _define(
    "staff-ref-unknown", ERROR, "staff", "Persona non trovata",
    "Un nome in «Personale coinvolto» non corrisponde a nessuno degli elenchi del personale.")
REF_AMBIGUOUS = _define(
    "staff-ref-ambiguous", WARNING, "staff", "Nome ambiguo",
    "Un nome in «Personale coinvolto» può indicare più persone degli elenchi del personale.")
REF_TYPO = _define(
    "staff-ref-typo", WARNING, "staff", "Nome scritto diversamente",
    "Un nome in «Personale coinvolto» è stato riconosciuto solo per somiglianza: "
    "probabilmente un errore di battitura.")
NAME_VARIANT = _define(
    "staff-name-variant", WARNING, "staff", "Nome scritto in due modi",
    "La stessa persona è scritta in modo diverso nell'organigramma, come responsabile "
    "di settore o negli elenchi del personale.")
NO_OBJECTIVE = _define(
    "staff-no-objective", WARNING, "staff", "Persona senza obiettivi",
    "Una persona dell'elenco del personale non lavora su nessun obiettivo: la performance "
    "individuale si valuta sugli obiettivi.")
ORGANIGRAM_UNKNOWN = _define(
    "staff-organigram-unknown", WARNING, "staff", "Persona dell'organigramma non trovata",
    "Una persona dell'organigramma non è in nessun elenco del personale dei settori "
    "(il segretario è escluso).")
HEAD_MISMATCH = _define(
    "sector-head-mismatch", ERROR, "staff", "Responsabile diverso dall'organigramma",
    "Il responsabile indicato nel file del settore è una persona diversa da quella "
    "dell'organigramma.")
NOT_IN_ORGANIGRAM = _define(
    "sector-not-in-organigram", WARNING, "staff", "Settore assente dall'organigramma",
    "Un file di settore non corrisponde a nessun settore dell'organigramma.")
HEAD_NOT_IN_STAFF = _define(
    "sector-head-not-in-staff", WARNING, "staff", "Responsabile non nell'elenco",
    "Il responsabile del settore non è nell'elenco del personale del suo settore.")
HEADCOUNT = _define(
    "staff-headcount-mismatch", WARNING, "staff", "Totale del personale diverso",
    "I dipendenti degli elenchi del personale più il segretario non sono il «Totale "
    "personale» dell'ultimo anno del personale storico.")
IN_TWO_LISTS = _define(
    "staff-in-two-lists", WARNING, "staff", "Più di 36 ore in due settori",
    "Una persona è negli elenchi di più settori con più di 36 ore settimanali in tutto.")


# -- codes of the objective and deadline checks (checks/objectives.py) -------------------

NO_INDICATOR = _define(
    "objective-no-indicator", WARNING, "objective", "Obiettivo senza indicatore",
    "Nessuna riga dell'obiettivo indica indicatore, target o scadenza: non si può misurare.")
NO_STAFF = _define(
    "objective-no-staff", WARNING, "objective", "Obiettivo senza personale",
    "Nessuna riga dell'obiettivo indica il personale coinvolto.")
NOT_MEASURABLE = _define(
    "indicator-not-measurable", WARNING, "objective", "Indicatore non misurabile",
    "Solo una ricorrenza o «all'occorrenza» come scadenza, senza target né indicatore "
    "(art. 5 c. 2 D.Lgs. 150/2009: obiettivi misurabili e riferiti a un arco temporale).")
NO_TARGET = _define(
    "indicator-no-target", WARNING, "objective", "Indicatore senza target",
    "Un indicatore dice cosa si misura ma non il valore atteso, né una scadenza datata.")
UNPARSED_DEADLINE = _define(
    "deadline-unparsed", INFO, "objective", "Scadenza non interpretata",
    "Il testo della scadenza non è stato capito: non se ne verificano la data e l'anno.")
OUTSIDE_YEAR = _define(
    "deadline-outside-year", ERROR, "objective", "Scadenza fuori dall'anno del piano",
    "Una scadenza (o la fine di un periodo) cade fuori dall'anno del piano.")
BEFORE_APPROVAL = _define(
    "deadline-before-approval", WARNING, "objective", "Scadenza prima dell'approvazione",
    "Una scadenza cade prima della data di approvazione del piano.")
WEIGHTS_SUM = _define(
    "objective-weights-sum", ERROR, "objective", "Somma dei pesi diversa da 100%",
    "Nel settore i pesi degli obiettivi non sommano a 100%, o solo alcuni obiettivi "
    "hanno un peso.")
DUPLICATE_CODE = _define(
    "objective-duplicate-code", ERROR, "objective", "Codice obiettivo ripetuto",
    "Lo stesso codice è usato per due obiettivi.")
CARRIED_UNTOUCHED = _define(
    "objective-carried-over-untouched", WARNING, "objective",
    "Obiettivo riportato e non aggiornato",
    "Un obiettivo copiato dal piano precedente è tornato identico a come è stato inviato: "
    "aggiornarlo, oppure confermarlo cancellando «Riportato da».")


# -- codes of the ente's context checks (checks/context.py) ------------------------------

POPULATION_BALANCE = _define(
    "context-population-balance", ERROR, "context", "Bilancio demografico non quadra",
    "Popolazione al 1° gennaio + nati − deceduti + immigrati − emigrati non dà la "
    "popolazione al 31 dicembre.")
SALDO_MISMATCH = _define(
    "context-saldo-mismatch", ERROR, "context", "Saldo errato",
    "Il saldo naturale (nati − deceduti) o migratorio (immigrati − emigrati) non è la "
    "differenza dei suoi componenti.")
SEX_TOTAL = _define(
    "context-sex-total", ERROR, "context", "Maschi e femmine non danno il totale",
    "Maschi + femmine non danno la popolazione al 31 dicembre.")
AGE_BANDS_TOTAL = _define(
    "context-age-bands-total", ERROR, "context", "Fasce di età non danno il totale",
    f"Le cinque fasce di età ({', '.join(years for _, years, _ in AGE_BANDS)}) non danno "
    "la popolazione al 31 dicembre.")
PYRAMID_ROW = _define(
    "context-pyramid-row", ERROR, "context", "Riga della piramide non quadra",
    "In una riga della piramide delle età maschi + femmine non danno il totale.")
PYRAMID_TOTAL = _define(
    "context-pyramid-total", ERROR, "context", "Totale della piramide errato",
    "La riga Totale della piramide delle età non è la somma delle classi di età.")
PYRAMID_PERCENT = _define(
    "context-pyramid-percent", WARNING, "context", "Percentuale della piramide errata",
    "Una percentuale della piramide delle età non corrisponde al suo calcolo, "
    "anche arrotondando a un decimale.")
STAFF_GROUP_TOTAL = _define(
    "context-staff-group-total", ERROR, "context", "Totale di gruppo del personale errato",
    "Nel personale storico il totale di un gruppo non è la somma delle sue righe per "
    "categoria.")
STAFF_TOTAL = _define(
    "context-staff-total", ERROR, "context", "Totale personale errato",
    "Totale personale diverso da dirigenti + segretario + posizioni organizzative + "
    "altri dipendenti.")
INHABITANTS_PER_EMPLOYEE = _define(
    "context-inhabitants-per-employee", ERROR, "context", "Abitanti per dipendente errati",
    "Abitanti per dipendente diverso da abitanti / totale personale (tolleranza 0,01).")
DENSITY_MISMATCH = _define(
    "context-density-mismatch", WARNING, "context", "Densità demografica errata",
    "La densità dichiarata è diversa da abitanti / superficie (tolleranza 0,01).")
INHABITANTS_MISMATCH = _define(
    "context-inhabitants-mismatch", WARNING, "context", "Abitanti discordanti",
    "Gli abitanti del foglio Ente sono diversi da quelli dell'ultimo anno del personale "
    "storico.")
FOREIGNERS_PERCENT = _define(
    "context-foreigners-percent", WARNING, "context", "Percentuale di stranieri errata",
    "La percentuale di stranieri è diversa da stranieri / residenti della piramide delle "
    "età alla stessa data.")


# -- codes of the plan's completeness (checks/completeness.py) -------------------------

ENTE_MISSING = _define(
    "plan-ente-missing", ERROR, "file", "Manca il file dell'ente",
    "Nessun file dell'ente nella cartella: l'Allegato A resta senza organizzazione e "
    "contesto, e le verifiche su organigramma, personale e popolazione non si fanno.")
BUDGET_MISSING = _define(
    "plan-budget-missing", ERROR, "file", "Manca il file del bilancio",
    "Nessun file del bilancio nella cartella: l'Allegato A resta senza la parte "
    "finanziaria, e le verifiche sul bilancio non si fanno.")
SECTORS_MISSING = _define(
    "plan-sectors-missing", ERROR, "file", "Nessuna scheda di settore",
    "Nessuna scheda di settore nella cartella: il piano non ha obiettivi.")

# -- codes of the distribution round (pianoperf distribute) ----------------------------

for _code, _severity, _title, _description in (
    ("sector-no-email", WARNING, "Settore senza email",
     "Un settore dell'organigramma non ha un indirizzo email valido: la sua scheda è "
     "preparata, la bozza dell'email no."),
    ("office-sector-unknown", WARNING, "Ufficio di un settore sconosciuto",
     "Il settore di appartenenza di un ufficio non è un settore dell'organigramma: le sue "
     "persone non sono nella scheda di nessun settore."),
    ("due-date-past", WARNING, "Data di restituzione passata",
     "La data entro cui restituire le schede (--due) è già passata."),
    ("previous-plan-year", WARNING, "Piano precedente di un anno non precedente",
     "Il consolidato indicato con --from non è di un anno precedente a quello del piano: "
     "i suoi obiettivi sono riportati comunque."),
    ("previous-sector-unmatched", WARNING, "Settore dell'anno scorso non ritrovato",
     "Gli obiettivi di un settore del consolidato indicato con --from non sono stati "
     "riportati: nessun settore dell'organigramma ha un nome simile."),
):
    _define(_code, _severity, "distribution", _title, _description)


# -- codes of the results round (pianoperf results) -------------------------------------

for _code, _severity, _title, _description in (
    ("results-file-kind", WARNING, "Non è un rendiconto",
     "Un file della cartella dei risultati non è un rendiconto né le regole di misurazione: "
     "ignorato."),
    ("results-round-mismatch", ERROR, "Rendiconto di un'altra rilevazione",
     "Il rendiconto è di un'altra rilevazione (monitoraggio/consuntivo), di un'altra data "
     "di riferimento o di un altro anno: non è stato usato."),
    ("results-sector-unknown", ERROR, "Settore non nel piano",
     "Il settore del rendiconto non è un settore del piano approvato: non è stato usato."),
    ("results-sector-missing", ERROR, "Rendiconto mancante",
     "Un settore del piano non ha restituito il rendiconto: i suoi indicatori non sono "
     "misurati."),
    ("results-sector-duplicate", ERROR, "Due rendiconti dello stesso settore",
     "Due file rendicontano lo stesso settore: è stato usato il primo."),
    ("results-state-missing", ERROR, "Stato mancante",
     "Un indicatore non ha lo stato (in corso, raggiunto, ...)."),
    ("results-value-missing", ERROR, "Valore raggiunto mancante",
     "Un indicatore con target numerico o sì/no non ha il valore raggiunto, o uno a "
     "scadenza «raggiunto» non ha la data di completamento."),
    ("results-value-unreadable", ERROR, "Valore raggiunto non leggibile",
     "Il valore raggiunto non è un numero, una data o sì/no come chiede l'indicatore."),
    ("results-reached-below-target", ERROR, "«Raggiunto» sotto il target",
     "Lo stato è «raggiunto» ma il valore è peggiore del target."),
    ("results-reached-late", WARNING, "«Raggiunto» dopo la scadenza",
     "Lo stato è «raggiunto» ma la data di completamento è dopo la scadenza."),
    ("results-evidence-missing", ERROR, "Evidenze mancanti",
     "Un indicatore «raggiunto» o «parzialmente raggiunto» non indica le evidenze, che le "
     "regole di misurazione chiedono."),
    ("results-gap-no-cause", WARNING, "Scostamento senza cause",
     "Un indicatore non raggiunto (o raggiunto in parte) non indica le cause."),
    ("results-approved-changed", ERROR, "Contenuto approvato modificato",
     "Nel rendiconto restituito un obiettivo, un peso, un indicatore, un target o una "
     "scadenza è diverso dal piano approvato: vale il piano."),
    ("results-objective-added", ERROR, "Riga non nel piano",
     "Il rendiconto ha una riga che non corrisponde a nessun indicatore del piano approvato."),
    ("results-objective-dropped", ERROR, "Indicatore tolto",
     "Un indicatore del piano approvato manca nel rendiconto restituito."),
    ("results-percentage-mismatch", WARNING, "% dichiarata diversa da quella calcolata",
     "La percentuale dichiarata dal settore si scosta da quella calcolata più della "
     "tolleranza delle regole di misurazione."),
    ("results-not-pertinent-no-act", ERROR, "«Non più pertinente» senza atto",
     "Un indicatore «non più pertinente» non indica la delibera di Giunta che ha "
     "modificato il piano."),
    ("results-date-beyond-round", ERROR, "Dati oltre la data di riferimento",
     "La data dei dati, o una data di completamento, è dopo la data di riferimento della "
     "rilevazione."),
    ("results-not-measurable", WARNING, "Indicatore non misurabile",
     "Un indicatore che il piano non rende misurabile (senza target né scadenza datata): "
     "riportato come non misurabile, senza percentuale."),
    ("results-settings-missing", INFO, "Regole di misurazione predefinite",
     "Nella cartella non c'è il file delle regole di misurazione: sono state usate quelle "
     "predefinite."),
    ("results-settings-invalid", ERROR, "Regola di misurazione non valida",
     "Una regola di misurazione ha un valore fuori dai limiti: è stato usato il valore "
     "predefinito."),
):
    _define(_code, _severity, "results", _title, _description)


# -- codes of the evaluation round (pianoperf evaluation) ---------------------------------
# They name people: the report they go into is private.

for _code, _severity, _title, _description in (
    ("evaluation-file-kind", WARNING, "Non è una scheda di valutazione",
     "Un file della cartella delle schede non è una scheda di valutazione dell'anno né il "
     "file delle regole: ignorato."),
    ("evaluation-settings-missing", INFO, "Regole di valutazione predefinite",
     "Non c'è il file delle regole: sono state usate le regole di valutazione predefinite, "
     "senza fondi."),
    ("evaluation-settings-invalid", ERROR, "Regola di valutazione non valida",
     "Una regola di valutazione ha un valore mancante o fuori dai limiti: è stato usato il "
     "valore predefinito."),
    ("evaluation-group-missing", ERROR, "Persona senza gruppo di valutazione",
     "Una persona del personale non rientra in nessun gruppo delle regole."),
    ("evaluation-no-objective", ERROR, "Persona senza obiettivi da valutare",
     "Una persona del personale non è indicata su nessun obiettivo, o nessuno dei suoi "
     "obiettivi è stato misurato."),
    ("evaluation-scheda-missing", ERROR, "Scheda mancante",
     "Una persona del personale non ha la scheda in nessun file restituito."),
    ("evaluation-scheda-incomplete", ERROR, "Scheda incompleta",
     "Nella scheda manca un punteggio, i giorni di servizio, la data del colloquio o il nome "
     "del valutatore."),
    ("evaluation-score-out-of-scale", ERROR, "Punteggio fuori scala",
     "Un punteggio di un comportamento è fuori dalla scala del gruppo: non è stato usato."),
    ("evaluation-evaluator-not-head", ERROR, "Valutatore non competente",
     "La scheda è compilata da chi non è il valutatore della persona secondo le regole (il "
     "responsabile del suo settore, il segretario, il Nucleo)."),
    ("evaluation-person-unknown", ERROR, "Persona non nel personale",
     "Una scheda restituita è di una persona che non è nel personale dei settori."),
    ("evaluation-scheda-duplicate", ERROR, "Due schede della stessa persona",
     "Una persona ha la scheda in due file: è stata usata la prima."),
    ("evaluation-days-out-of-range", ERROR, "Giorni di servizio non validi",
     "I giorni di servizio sono negativi o più dei giorni dell'anno."),
    ("evaluation-no-differentiation", WARNING, "Valutazioni non differenziate",
     "Le schede di uno stesso valutatore hanno tutte lo stesso punteggio totale, o quasi: "
     "meno punti di scarto della differenziazione minima delle regole."),
    ("evaluation-fund-missing", ERROR, "Fondo mancante",
     "Un gruppo con persone da valutare non ha il fondo da distribuire."),
    ("evaluation-fund-over-allocated", ERROR, "Fondi oltre le risorse",
     "I fondi dei gruppi sommano a più delle risorse complessive per i premi."),
):
    _define(_code, _severity, "evaluation", _title, _description)
