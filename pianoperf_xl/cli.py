"""The ``pianoperf`` command line: thin wrappers over the library, in Italian.

Heavy libraries are imported inside the commands that need them, so ``pianoperf --help``
starts as fast as Click itself. Exit codes: 0 no error finding, 1 error findings,
2 unusable input or wrong usage.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

import click

from pianoperf_xl import __version__, cli_italian

EXIT_UNUSABLE = 2
cli_italian.install()


def default_year(today: dt.date | None = None) -> int:
    """Plans are prepared in the second half of the year before: from July, next year."""
    today = today or dt.date.today()
    return today.year + 1 if today.month >= 7 else today.year


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             options_metavar="[OPZIONI]", subcommand_metavar="COMANDO [ARGOMENTI]...")
@click.version_option(__version__, "--version", message="pianoperf %(version)s")
def cli() -> None:
    """Piano della Performance / PEG / PDO del comune, tramite modelli Excel.

    \b
    Il giro di ogni anno:
      1. pianoperf templates -o MODELLI      genera i modelli vuoti da compilare
      2. i settori, la ragioneria e la segreteria compilano i modelli
      3. pianoperf check CARTELLA            verifica i file restituiti
    """


@cli.command(options_metavar="[OPZIONI]")
@click.option("-o", "--output", "output", metavar="CARTELLA", required=True,
              type=click.Path(file_okay=False, writable=True),
              help="Cartella in cui scrivere i modelli (creata se non esiste).")
@click.option("--year", "year", metavar="ANNO", type=click.IntRange(2000, 2100), default=None,
              help="Anno del piano (predefinito: l'anno prossimo da luglio, altrimenti "
                   "quello in corso).")
def templates(output: str, year: int | None) -> None:
    """Genera i modelli vuoti: ente, bilancio, settore."""
    from pianoperf_xl.write.templates import write_blank_templates

    year = year or default_year()
    for path in write_blank_templates(output, year):
        click.echo(f"Scritto {path}")
    click.echo(f"Modelli per il piano {year} pronti in {output}.")


def _codes(values: tuple[str, ...]) -> list[str]:
    """Codes given as repeated options and/or comma-separated lists."""
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


@cli.command(options_metavar="[OPZIONI]")
@click.argument("folder", metavar="CARTELLA", type=click.Path(file_okay=False), required=False)
@click.option("--json", "as_json", is_flag=True, help="Stampa il risultato in JSON.")
@click.option("--year", "year", metavar="ANNO", type=click.IntRange(2000, 2100), default=None,
              help="Anno del piano (predefinito: quello del file dell'ente).")
@click.option("--approval-date", "approval_date", metavar="AAAA-MM-GG",
              type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Data di approvazione del piano, se non è nel file dell'ente: le "
                   "scadenze precedenti sono segnalate.")
@click.option("--select", "select", metavar="CODICI", multiple=True,
              help="Solo questi codici o famiglie (es. budget,staff-ref-unknown).")
@click.option("--ignore", "ignore", metavar="CODICI", multiple=True,
              help="Escludi questi codici o famiglie.")
@click.option("--list-codes", is_flag=True, help="Elenca i codici delle verifiche ed esce.")
@click.option("-q", "--quiet", is_flag=True, help="Mostra solo il riepilogo e gli errori.")
def check(folder: str | None, as_json: bool, year: int | None, approval_date, select, ignore,
          list_codes: bool, quiet: bool) -> None:
    """Legge e verifica i file compilati nella CARTELLA."""
    from pianoperf_xl.write.report import exit_code, print_codes, print_report, report_json

    if list_codes:
        print_codes()
        return
    if folder is None:
        raise click.UsageError("Manca l'argomento 'CARTELLA'.")
    from pianoperf_xl.checks import unknown_patterns
    from pianoperf_xl.pipeline import check_folder
    from pianoperf_xl.read import UnusableInput

    select, ignore = _codes(select), _codes(ignore)
    unknown = unknown_patterns(select + ignore)
    if unknown:
        raise click.UsageError(f"Codici sconosciuti: {', '.join(unknown)} "
                               "(elenco con «pianoperf check --list-codes»).")
    try:
        plan = check_folder(folder, year=year, select=select, ignore=ignore,
                            approval_date=approval_date.date() if approval_date else None)
    except UnusableInput as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        click.echo(report_json(plan))
    else:
        print_report(plan, quiet=quiet)
    sys.exit(exit_code(plan))


def main() -> None:
    """Entry point: no traceback reaches a user unless PIANOPERF_DEBUG is set."""
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
