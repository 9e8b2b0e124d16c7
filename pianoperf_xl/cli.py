"""The ``pianoperf`` command line: thin wrappers over the library, in Italian.

Heavy libraries are imported inside the commands that need them, so ``pianoperf --help``
starts as fast as Click itself. Exit codes: 0 no error finding, 1 error findings,
2 unusable input or wrong usage. A command that cannot go on raises ``errors.Unusable``,
which ``Commands`` turns into one Italian line, for every command.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from pianoperf_xl import __version__, cli_italian
from pianoperf_xl.cli_types import DATE, YEAR
from pianoperf_xl.errors import EXIT_UNUSABLE, Unusable
from pianoperf_xl.years import default_year

cli_italian.install()


class Stopped(click.ClickException):
    """An ``Unusable`` as Click shows an error: «Errore: <message>» on stderr."""

    def __init__(self, cause: Unusable) -> None:
        super().__init__(cause.message)
        self.exit_code = cause.exit_code


class Commands(click.Group):
    """The commands; the one place where «cannot go on» becomes a line for the user."""

    def invoke(self, ctx: click.Context):
        from pianoperf_xl.write.output_set import unwritable

        try:
            return super().invoke(ctx)
        except Unusable as exc:
            raise Stopped(exc) from exc
        except Exception as exc:  # a full, read-only or missing disk while writing
            problem = unwritable(exc)
            if problem is None:
                raise
            raise Stopped(problem) from exc


@click.group(cls=Commands,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             options_metavar="[OPZIONI]", subcommand_metavar="COMANDO [ARGOMENTI]...")
@click.version_option(__version__, "--version", message="pianoperf %(version)s")
def cli() -> None:
    """Piano della Performance / PEG / PDO del comune, tramite modelli Excel.

    \b
    Il giro di ogni anno:
      1. pianoperf templates -o MODELLI      genera i modelli vuoti da compilare
      2. i settori, la ragioneria e la segreteria compilano i modelli
         (distribute, send, status: schede precompilate, email, chi manca)
      3. pianoperf check CARTELLA            verifica i file restituiti
         (annotate: copie con le verifiche sulle celle, da rimandare)
      4. pianoperf build CARTELLA -o USCITA  consolidato, Allegato A e report delle verifiche

    \b
    Durante l'anno e a fine anno:
      5. pianoperf results-templates PIANO -o RENDICONTI --round consuntivo --date 2022-12-31
      6. pianoperf results RENDICONTI --plan PIANO -o USCITA
      7. pianoperf evaluation-templates PIANO --risultati RENDICONTI -o SCHEDE
      8. pianoperf evaluation SCHEDE --plan PIANO --risultati RENDICONTI -o USCITA
    """


@cli.command(options_metavar="[OPZIONI]")
@click.option("-o", "--output", "output", metavar="CARTELLA", required=True,
              type=click.Path(file_okay=False, writable=True),
              help="Cartella in cui scrivere i modelli (creata se non esiste).")
@click.option("--year", "year", metavar="ANNO", type=YEAR, default=None,
              help="Anno del piano (predefinito: l'anno prossimo da luglio, altrimenti "
                   "quello in corso).")
def templates(output: str, year: int | None) -> None:
    """Genera i modelli vuoti: ente, bilancio, settore; e le regole di misurazione dei
    risultati, con i valori predefiniti."""
    from pianoperf_xl.results.prepare import write_rules_template
    from pianoperf_xl.write.templates import write_blank_templates

    year = year or default_year()
    for path in write_blank_templates(output, year) + [write_rules_template(output, year)]:
        click.echo(f"Scritto {path}")
    click.echo(f"Modelli per il piano {year} pronti in {output}.")


def _codes(values: tuple[str, ...]) -> list[str]:
    """Codes given as repeated options and/or comma-separated lists."""
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def plan_options(func):
    """Options every command that reads a folder shares."""
    func = click.option("--approval-date", "approval_date", metavar="GG/MM/AAAA",
                        type=DATE, default=None,
                        help="Data di approvazione del piano, se non è nel file dell'ente: "
                             "le scadenze precedenti sono segnalate.")(func)
    func = click.option("--year", "year", metavar="ANNO", type=YEAR,
                        default=None,
                        help="Anno del piano (predefinito: quello del file dell'ente).")(func)
    return func


def delibera_options(func):
    """Options of the Word annex: the deliberation's number and date, the comune's style."""
    func = click.option("--modello-word", "base_docx", metavar="FILE.docx", default=None,
                        type=click.Path(exists=True, dir_okay=False),
                        help="Documento Word del comune da cui prendere stili, margini, "
                             "intestazione e piè di pagina dell'Allegato A.")(func)
    func = click.option("--delibera-data", "delibera_data", metavar="GG/MM/AAAA",
                        type=DATE, default=None,
                        help="Data della delibera di Giunta.")(func)
    func = click.option("--delibera-numero", "delibera_numero", metavar="N", default=None,
                        help="Numero della delibera di Giunta.")(func)
    func = click.option("--piao", "piao", is_flag=True,
                        help="Intitola l'Allegato A come sottosezione 2.2 «Performance» del "
                             "PIAO (stesso contenuto).")(func)
    return func


def _checked(folder: str, year, approval_date, select=(), ignore=()):
    """The folder read, interpreted once and checked: its ``Report`` (with the reading)."""
    from pianoperf_xl.pipeline import check_folder

    return check_folder(folder, year=year, select=select, ignore=ignore,
                        approval_date=approval_date)


@cli.command(options_metavar="[OPZIONI]")
@click.argument("folder", metavar="CARTELLA", type=click.Path(file_okay=False), required=False)
@click.option("--json", "as_json", is_flag=True, help="Stampa il risultato in JSON.")
@plan_options
@click.option("--select", "select", metavar="CODICI", multiple=True,
              help="Solo questi codici o famiglie (es. budget,staff-ref-unknown).")
@click.option("--ignore", "ignore", metavar="CODICI", multiple=True,
              help="Escludi questi codici o famiglie.")
@click.option("--list-codes", is_flag=True, help="Elenca i codici delle verifiche ed esce.")
@click.option("-q", "--quiet", is_flag=True, help="Mostra solo il riepilogo e gli errori.")
def check(folder: str | None, as_json: bool, year: int | None, approval_date, select, ignore,
          list_codes: bool, quiet: bool) -> None:
    """Legge e verifica i file compilati nella CARTELLA."""
    from pianoperf_xl.write.report import print_codes, print_report, report_json

    if list_codes:
        print_codes()
        return
    if folder is None:
        raise click.UsageError("Manca l'argomento 'CARTELLA'.")
    from pianoperf_xl.checks import unknown_patterns

    select, ignore = _codes(select), _codes(ignore)
    unknown = unknown_patterns(select + ignore)
    if unknown:
        raise click.UsageError(f"Codici sconosciuti: {', '.join(unknown)} "
                               "(elenco con «pianoperf check --list-codes»).")
    report = _checked(folder, year, approval_date, select, ignore)
    if as_json:
        click.echo(report_json(report))
    else:
        print_report(report, quiet=quiet)
    sys.exit(report.exit_code)


@cli.command(options_metavar="[OPZIONI]")
@click.argument("folder", metavar="CARTELLA", type=click.Path(file_okay=False))
@click.option("-o", "--output", "output", metavar="FILE.xlsx", required=True,
              type=click.Path(dir_okay=False), help="La cartella di lavoro da scrivere.")
@plan_options
def consolidate(folder: str, output: str, year, approval_date) -> None:
    """Scrive la cartella di lavoro consolidata del piano."""
    from pianoperf_xl.write.consolidated import write_consolidated
    from pianoperf_xl.write.report import file_problem_lines, summary_line

    report = _checked(folder, year, approval_date)
    click.echo(summary_line(report))
    for line in file_problem_lines(report):
        click.echo(line)
    click.echo(f"Scritto {write_consolidated(report.reading, output)}")
    sys.exit(report.exit_code)


@cli.command(options_metavar="[OPZIONI]")
@click.argument("folder", metavar="CARTELLA", type=click.Path(file_okay=False))
@click.option("-o", "--output", "output", metavar="FILE.docx", required=True,
              type=click.Path(dir_okay=False), help="Il documento Word da scrivere.")
@delibera_options
@click.option("--pdf", is_flag=True, help="Scrive anche il PDF/A (serve LibreOffice).")
@plan_options
def annex(folder: str, output: str, delibera_numero, delibera_data, base_docx, pdf: bool,
          year, approval_date, piao: bool = False) -> None:
    """Scrive l'Allegato A alla delibera di Giunta (Word, e PDF/A con --pdf)."""
    from pianoperf_xl.write.annex import annex_to_pdf, write_annex
    from pianoperf_xl.write.report import file_problem_lines, summary_line

    report = _checked(folder, year, approval_date)
    click.echo(summary_line(report))
    for line in file_problem_lines(report):
        click.echo(line)
    path = write_annex(report.reading, output, delibera_numero=delibera_numero,
                       delibera_data=delibera_data, base=base_docx, piao=piao)
    click.echo(f"Scritto {path}")
    if pdf:
        click.echo(f"Scritto {annex_to_pdf(path, Path(output).with_suffix('.pdf'))}")
    sys.exit(report.exit_code)


@cli.command(options_metavar="[OPZIONI]")
@click.argument("folder", metavar="CARTELLA", type=click.Path(file_okay=False))
@click.option("-o", "--output", "output", metavar="CARTELLA_USCITA", required=True,
              type=click.Path(file_okay=False), help="Dove scrivere i risultati.")
@delibera_options
@click.option("--pdf", is_flag=True, help="Scrive anche l'Allegato A in PDF/A (serve LibreOffice).")
@plan_options
def build(folder: str, output: str, delibera_numero, delibera_data, base_docx, pdf: bool,
          year, approval_date, piao: bool = False) -> None:
    """Verifica la CARTELLA e scrive tutto: consolidato, Allegato A, proposta di delibera,
    dati aperti, report delle verifiche."""
    from rich.console import Console

    from pianoperf_xl.pipeline import build as run_build
    from pianoperf_xl.write.report import file_problem_lines, summary_line

    if Path(output).resolve() == Path(folder).resolve():
        click.echo("Attenzione: la cartella di uscita è quella dei file da leggere. I file "
                   "scritti da pianoperf saranno riconosciuti e lasciati fuori, ma è meglio "
                   "una cartella a parte (es. -o piano-ANNO).", err=True)
    console = Console(stderr=True, highlight=False)
    with console.status("Avvio…") as status:
        result = run_build(folder, output, year=year, approval_date=approval_date,
                           delibera_numero=delibera_numero, delibera_data=delibera_data,
                           pdf=pdf, base_docx=base_docx, piao=piao,
                           progress=lambda step: status.update(f"{step}…"))
    report = result.report
    click.echo(summary_line(report))
    for line in file_problem_lines(report):
        click.echo(line)
    for path in result.outputs:
        click.echo(f"Scritto {path}")
    if not report.valid:
        click.echo("Ci sono errori da correggere: l'Allegato A è segnato come BOZZA. "
                   "Il dettaglio è nel report delle verifiche.")
    if result.pdf_problem:
        click.echo(f"PDF non prodotto: {result.pdf_problem}", err=True)
    sys.exit(report.exit_code)


# -- the distribution round: distribute, send, status, annotate -------------------------

@cli.command(options_metavar="[OPZIONI]")
@click.option("--ente", "ente", metavar="ENTE.xlsx", required=True,
              type=click.Path(dir_okay=False), help="Il file dell'ente, con l'organigramma.")
@click.option("-o", "--output", "output", metavar="CARTELLA", required=True,
              type=click.Path(file_okay=False),
              help="Dove scrivere schede, bozze delle email e distribuzione.csv.")
@click.option("--year", "year", metavar="ANNO", type=YEAR, default=None,
              help="Anno del piano (predefinito: quello del file dell'ente).")
@click.option("--from", "previous", metavar="CONSOLIDATO.xlsx", default=None,
              type=click.Path(exists=True, dir_okay=False),
              help="Il consolidato dell'anno scorso: i suoi obiettivi sono riportati nelle "
                   "schede, da aggiornare.")
@click.option("--due", "due", metavar="GG/MM/AAAA", type=DATE,
              default=None, help="Data entro cui restituire le schede (predefinito: tra "
                                 "30 giorni).")
@click.option("--indirizzo-web", "web_url", metavar="URL", default=None,
              help="Indirizzo di «pianoperf web --condividi» (es. http://server:8765): ogni "
                   "email riporta il link del settore per caricare la scheda.")
def distribute(ente: str, output: str, year, previous, due, web_url) -> None:
    """Prepara per ogni settore la scheda precompilata e la bozza dell'email."""
    from pianoperf_xl.distribute.prepare import distribution_lines, prepare_outbox
    from pianoperf_xl.findings import has_errors

    result = prepare_outbox(ente, output, year=year, previous_path=previous, due=due,
                            web_url=web_url)
    for line in distribution_lines(result):
        click.echo(line)
    sys.exit(1 if has_errors(result.findings) else 0)


@cli.command(options_metavar="[OPZIONI]")
@click.argument("outbox", metavar="CARTELLA", type=click.Path(exists=True, file_okay=False))
@click.option("--smtp", "server", metavar="SERVER:PORTA", required=True,
              help="Il server di posta in uscita, es. smtp.comune.it:587.")
@click.option("--starttls", is_flag=True, help="Connessione cifrata con STARTTLS (porta 587).")
@click.option("--ssl", "use_ssl", is_flag=True, help="Connessione cifrata SSL/TLS (porta 465).")
@click.option("--user", "user", metavar="UTENTE", default=None,
              help="Utente del server; la password si legge dalla variabile d'ambiente "
                   "PIANOPERF_SMTP_PASSWORD, altrimenti viene chiesta.")
@click.option("--from", "sender", metavar="INDIRIZZO", default=None,
              help="Mittente dei messaggi (predefinito: l'utente, se è un indirizzo).")
@click.option("--dry-run", is_flag=True, help="Mostra cosa verrebbe inviato, senza inviare.")
@click.option("--resend", is_flag=True, help="Invia di nuovo anche le bozze già inviate.")
@click.option("--timeout", "timeout", metavar="SECONDI", type=click.IntRange(1, 600),
              default=30, show_default=True,
              help="Quanto attendere ogni risposta del server prima di rinunciare.")
def send(outbox: str, server: str, starttls: bool, use_ssl: bool, user, sender,
         dry_run: bool, resend: bool, timeout: int) -> None:
    """Invia le bozze .eml della CARTELLA tramite un server di posta (SMTP)."""
    from pianoperf_xl.distribute import send as sending

    if starttls and use_ssl:
        raise click.UsageError("Usare --starttls oppure --ssl, non tutti e due.")
    try:
        host, port = sending.parse_server(server)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--smtp'") from exc
    security = sending.STARTTLS if starttls else sending.SSL if use_ssl else sending.PLAIN
    settings = sending.SmtpSettings(host, port, security, user, sender, timeout)

    def password() -> str:
        return (os.environ.get(sending.PASSWORD_ENV)
                or click.prompt(f"Password SMTP di {user}", hide_input=True, err=True))

    def confirm_uncertain(draft, when: str) -> bool:
        """Asked only at a terminal: elsewhere an uncertain message is never resent."""
        if not sys.stdin or not sys.stdin.isatty():
            return False
        answer = click.prompt(
            f"«{draft.path.name}» forse è già stato consegnato il {when} (il server non "
            "l'ha confermato). Inviarlo di nuovo? [s/N]", default="n", show_default=False,
            type=click.Choice(["s", "si", "sì", "n", "no"], case_sensitive=False),
            show_choices=False, err=True)
        return answer.casefold() in ("s", "si", "sì")

    report = sending.send_drafts(outbox, settings, password, resend=resend, dry_run=dry_run,
                                 progress=click.echo, confirm_uncertain=confirm_uncertain)
    for line in sending.report_lines(report, settings, dry_run=dry_run):
        click.echo(line)
    sys.exit(1 if report.failed or report.stopped or report.uncertain else 0)


@cli.command(options_metavar="[OPZIONI]")
@click.argument("inbox", metavar="CARTELLA", type=click.Path(file_okay=False))
@click.option("--outbox", "outbox", metavar="CARTELLA_INVIO", default=None,
              type=click.Path(exists=True, file_okay=False),
              help="La cartella scritta da «pianoperf distribute» (con distribuzione.csv) o "
                   "da «pianoperf results-templates».")
@click.option("--build", "build_dir", metavar="CARTELLA_USCITA", default=None,
              type=click.Path(exists=True, file_okay=False),
              help="La cartella di uscita dell'ultima build (o dell'ultimo «pianoperf "
                   "results»): dice quali file sono cambiati da allora.")
def status(inbox: str, outbox, build_dir) -> None:
    """Quali settori hanno restituito la scheda (o il rendiconto), quali mancano, cosa è
    cambiato."""
    from pianoperf_xl.distribute.round_status import is_round, round_status, round_status_lines
    from pianoperf_xl.distribute.status import return_status, status_lines

    if is_round(inbox, outbox):
        result = round_status(inbox, outbox, build_dir)
        lines = round_status_lines(result)
    else:
        result = return_status(inbox, outbox, build_dir)
        lines = status_lines(result)
    for line in lines:
        click.echo(line)
    sys.exit(1 if result.to_chase else 0)


@cli.command(options_metavar="[OPZIONI]")
@click.argument("inbox", metavar="CARTELLA", type=click.Path(file_okay=False))
@click.option("-o", "--output", "output", metavar="CARTELLA_USCITA", required=True,
              type=click.Path(file_okay=False),
              help="Dove scrivere le copie annotate (i file restituiti non si toccano).")
@plan_options
def annotate(inbox: str, output: str, year, approval_date) -> None:
    """Copie dei file con le verifiche scritte sulle celle, da rimandare ai settori."""
    from pianoperf_xl.distribute.annotate import annotate_folder, annotate_lines

    result = annotate_folder(inbox, output, year=year, approval_date=approval_date)
    for line in annotate_lines(result):
        click.echo(line)
    sys.exit(1 if result.errors else 0)

# -- the results rounds: monitoraggio and consuntivo ------------------------------------

@cli.command(options_metavar="[OPZIONI]")  # named results-templates by click
@click.argument("plan", metavar="PIANO", type=click.Path(file_okay=False))
@click.option("-o", "--output", "output", metavar="CARTELLA", required=True,
              type=click.Path(file_okay=False),
              help="Dove scrivere i rendiconti da inviare ai settori.")
@click.option("--round", "round_kind", type=click.Choice(["monitoraggio", "consuntivo"]),
              required=True, help="Rilevazione infrannuale o di fine anno.")
@click.option("--date", "reference_date", metavar="GG/MM/AAAA", required=True,
              type=DATE, help="Data di riferimento dei dati.")
@click.option("--due", "due", metavar="GG/MM/AAAA", type=DATE,
              default=None, help="Data entro cui restituire i rendiconti: scrive anche le "
                                 "bozze delle email (.eml), da inviare con «pianoperf send».")
def results_templates(plan: str, output: str, round_kind: str, reference_date, due) -> None:
    """Un rendiconto per settore, precompilato dal piano approvato in PIANO (la cartella
    delle schede), e il file delle regole di misurazione."""
    from pianoperf_xl.pipeline import read_and_check
    from pianoperf_xl.results.prepare import write_results_templates

    reading = read_and_check(plan)
    if not reading.plan.sectors:
        raise Stopped(Unusable(f"Nella cartella «{plan}» non c'è nessun settore leggibile."))
    for path in write_results_templates(reading, output, round_kind, reference_date,
                                        due=due):
        click.echo(f"Scritto {path}")


@cli.command(options_metavar="[OPZIONI]")
@click.argument("folder", metavar="CARTELLA_RISULTATI", type=click.Path(file_okay=False))
@click.option("--plan", "plan", metavar="PIANO", required=True, type=click.Path(file_okay=False),
              help="La cartella delle schede del piano approvato.")
@click.option("-o", "--output", "output", metavar="CARTELLA_USCITA", required=True,
              type=click.Path(file_okay=False), help="Dove scrivere i risultati.")
@click.option("--modello-word", "base_docx", metavar="FILE.docx", default=None,
              type=click.Path(exists=True, dir_okay=False),
              help="Documento Word da cui prendere stili, margini, intestazione e piè di pagina.")
@click.option("--pdf", is_flag=True, help="Scrive anche il documento in PDF/A (serve LibreOffice).")
@click.option("--monitoraggio", "mid_year", metavar="CARTELLA", default=None,
              type=click.Path(file_okay=False),
              help="I rendiconti del monitoraggio, da confrontare con il consuntivo.")
@click.option("--annota", "annotate_to", metavar="CARTELLA", default=None,
              type=click.Path(file_okay=False),
              help="Scrive qui una copia di ogni rendiconto con le verifiche sulle celle, "
                   "da rimandare al settore.")
def results(folder: str, plan: str, output: str, base_docx, pdf: bool, mid_year,
            annotate_to) -> None:
    """Verifica i rendiconti restituiti, misura il raggiungimento e scrive la cartella di
    lavoro dei risultati e la Relazione sulla performance (o il Report di monitoraggio)."""
    from pianoperf_xl.results.run import run_round
    from pianoperf_xl.write.report import print_report

    outcome, outputs, problem = run_round(folder, plan, output, base_docx=base_docx, pdf=pdf,
                                          mid_year=mid_year)
    report = outcome.report
    if annotate_to is not None:
        from pianoperf_xl.results.run import annotate_returns

        for name, copy in annotate_returns(outcome, folder, annotate_to):
            click.echo(f"Annotato {copy}" if isinstance(copy, Path)
                       else f"Non annotato «{name}»: {copy}")
    print_report(report, quiet=True)
    for path in outputs:
        click.echo(f"Scritto {path}")
    if not report.valid:
        click.echo("Ci sono errori da correggere: il documento è segnato come BOZZA.")
    if problem:
        click.echo(f"PDF non prodotto: {problem}", err=True)
    sys.exit(report.exit_code)


# -- individual evaluation and merit pay -------------------------------------------------

@cli.command(options_metavar="[OPZIONI]")  # named evaluation-templates by click
@click.argument("plan", metavar="PIANO", type=click.Path(file_okay=False))
@click.option("--risultati", "results_folder", metavar="CARTELLA_RISULTATI", required=True,
              type=click.Path(file_okay=False),
              help="I rendiconti di fine anno restituiti (con il file delle regole).")
@click.option("-o", "--output", "output", metavar="CARTELLA", required=True,
              type=click.Path(file_okay=False),
              help="Dove scrivere le schede da inviare ai valutatori.")
@click.option("--due", "due", metavar="GG/MM/AAAA", type=DATE,
              default=None, help="Data entro cui restituire le schede: scrive anche le "
                                 "bozze delle email (.eml) ai responsabili, da inviare con "
                                 "«pianoperf send».")
def evaluation_templates(plan: str, results_folder: str, output: str, due) -> None:
    """Le schede di valutazione individuale, un file per valutatore (a ogni responsabile
    quelle del suo personale, al Nucleo o al Segretario quelle dei responsabili),
    precompilate con gli obiettivi di ciascuno e il raggiungimento misurato."""
    from pianoperf_xl.evaluation.run import prepare_round
    from pianoperf_xl.findings import Location
    from pianoperf_xl.wording import describe

    paths, findings = prepare_round(plan, results_folder, output, due=due)
    for f in findings:
        click.echo(f"Attenzione: {describe(Location(f.file, f.sheet, f.cell))}: {f.message}")
    for path in paths:
        click.echo(f"Scritto {path}")


@cli.command(options_metavar="[OPZIONI]")
@click.argument("folder", metavar="CARTELLA_SCHEDE", type=click.Path(file_okay=False))
@click.option("--plan", "plan", metavar="PIANO", required=True, type=click.Path(file_okay=False),
              help="La cartella delle schede del piano approvato.")
@click.option("--risultati", "results_folder", metavar="CARTELLA_RISULTATI", required=True,
              type=click.Path(file_okay=False), help="I rendiconti di fine anno restituiti.")
@click.option("-o", "--output", "output", metavar="CARTELLA_USCITA", required=True,
              type=click.Path(file_okay=False),
              help="Dove scrivere i risultati della valutazione (contengono dati personali).")
@click.option("--annota", "annotate_to", metavar="CARTELLA", default=None,
              type=click.Path(file_okay=False),
              help="Scrive qui una copia di ogni scheda con le verifiche sulle celle, da "
                   "rimandare al valutatore.")
@click.option("--modello-word", "base_docx", metavar="FILE.docx", default=None,
              type=click.Path(exists=True, dir_okay=False),
              help="Documento Word da cui le schede prendono stili, margini, intestazione e "
                   "piè di pagina.")
@click.option("--pdf", is_flag=True,
              help="Scrive ogni scheda anche in PDF/A (serve LibreOffice).")
def evaluation(folder: str, plan: str, results_folder: str, output: str, annotate_to,
               base_docx, pdf: bool) -> None:
    """Verifica le schede di valutazione restituite, calcola i punteggi e ripartisce i
    fondi dei premi."""
    from pianoperf_xl.evaluation.run import run_evaluation
    from pianoperf_xl.evaluation.summary import summary_lines
    from pianoperf_xl.write.report import print_report

    result, report, outputs = run_evaluation(folder, plan, results_folder, output,
                                             base_docx=base_docx, pdf=pdf)
    if annotate_to is not None:
        from pianoperf_xl.results.run import annotate_files

        files = sorted({p.source for p in result.people if p.source}
                       | {f.file for f in result.findings if f.file and f.file.endswith(".xlsx")
                          and (Path(folder) / f.file).is_file()})
        for name, copy in annotate_files(folder, annotate_to, files, result.findings,
                                         "delle schede restituite"):
            click.echo(f"Annotato {copy}" if isinstance(copy, Path)
                       else f"Non annotato «{name}»: {copy}")
    print_report(report, quiet=True)
    for line in summary_lines(result):
        click.echo(line)
    for path in outputs:
        click.echo(f"Scritto {path}")
    sys.exit(report.exit_code)


@cli.command(options_metavar="[OPZIONI]")
@click.argument("folder", metavar="CARTELLA", type=click.Path(file_okay=False))
@click.option("--outbox", "outbox", metavar="CARTELLA_INVIO", default=None,
              type=click.Path(exists=True, file_okay=False),
              help="La cartella scritta da «pianoperf distribute»: settori attesi, schede, "
                   "email e chiavi dei link.")
@click.option("-o", "--output", "output", metavar="CARTELLA_USCITA", default=None,
              type=click.Path(file_okay=False),
              help="Dove scrivere i risultati della build e le copie annotate "
                   "(predefinito: CARTELLA-uscita accanto alla CARTELLA).")
@click.option("--condividi", "shared", is_flag=True,
              help="Attiva i link dei settori per caricare le schede (serve --outbox).")
@click.option("--host", "host", metavar="INDIRIZZO", default="127.0.0.1", show_default=True,
              help="Indirizzo su cui ascoltare; per un server d'ufficio quello della sua "
                   "rete interna.")
@click.option("--port", "port", metavar="PORTA", type=click.IntRange(0, 65535), default=8765,
              show_default=True, help="Porta (0: una libera qualsiasi).")
@click.option("--no-browser", is_flag=True, help="Non aprire il browser.")
@plan_options
def web(folder: str, outbox, output, shared: bool, host: str, port: int, no_browser: bool,
        year, approval_date) -> None:
    """Il giro delle schede in una pagina web: caricare, verificare, fare la build."""
    from pianoperf_xl.web.launch import run

    run(folder, outbox=outbox, output=output, shared=shared, host=host, port=port,
        browser=not no_browser, year=year, approval_date=approval_date, echo=click.echo)


def _quiet_unraisable(unraisable) -> None:
    """Errors Python can only print — a zip file closed by the garbage collector on a
    full disk — are not the user's to read: the command has already said what failed."""


def main() -> None:
    """Entry point: no traceback reaches a user unless PIANOPERF_DEBUG is set."""
    if not os.environ.get("PIANOPERF_DEBUG"):
        sys.unraisablehook = _quiet_unraisable
    try:
        cli.main(prog_name="pianoperf", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # pragma: no cover - the last safety net
        if os.environ.get("PIANOPERF_DEBUG"):
            raise
        click.echo(f"Errore imprevisto: {exc.__class__.__name__}: {exc}. "
                   "Rilanciare con PIANOPERF_DEBUG=1 e segnalare il problema.", err=True)
        sys.exit(EXIT_UNUSABLE)
