"""Issue 13, points 2 and 3: dates and years as Italians type them, every message of the
usual mistakes in Italian (with Italian quotation marks), and a plan of the wrong year."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner
from docx import Document

from pianoperf_xl import spec as specs
from pianoperf_xl import cli_types
from pianoperf_xl.cli import cli

from helpers import SAMPLE


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("typed", ["15/03/2022", "15.03.2022", "2022-03-15", "15-03-2022",
                                   " 15/3/2022 "])
def test_the_approval_date_is_accepted_as_italians_type_it(tmp_path, typed):
    result = run("annex", SAMPLE, "-o", tmp_path / "a.docx", "--delibera-data", typed,
                 "--delibera-numero", "12", "--approval-date", typed)
    assert result.exit_code == 1, result.output  # the sample's one error
    text = "\n".join(p.text for p in Document(tmp_path / "a.docx").paragraphs)
    assert "15/03/2022" in text or "15 marzo 2022" in text


def test_the_due_date_of_distribute_is_accepted_with_slashes(tmp_path):
    result = run("distribute", "--ente", SAMPLE / "Ente.xlsx", "-o", tmp_path / "invio",
                 "--due", "31/10/2030", "--year", "2023")
    assert result.exit_code == 0, result.output
    assert "31/10/2030" in (tmp_path / "invio" / "distribuzione.csv").read_text("utf-8-sig")


USUAL_MISTAKES = [
    (["build", SAMPLE, "-o", "x", "--year", "22"],
     "Errore: Valore non valido per «--year»: «22» non è un anno per intero: scrivere tutte "
     "e quattro le cifre, per esempio 2022."),
    (["check", SAMPLE, "--year", "duemila"],
     "Errore: Valore non valido per «--year»: «duemila» non è un anno: scrivere l'anno del "
     "piano in cifre, per esempio 2022."),
    (["templates", "-o", "x", "--year", "1999"],
     "Errore: Valore non valido per «--year»: «1999» non è l'anno di un piano: scrivere un "
     "anno da 2000 a 2100, per esempio 2022."),
    (["build", SAMPLE, "-o", "x", "--delibera-data", "15 marzo"],
     "Errore: Valore non valido per «--delibera-data»: «15 marzo» non è una data: scrivere "
     "la data come 15/03/2022 (giorno/mese/anno, anno per intero)."),
    (["build", SAMPLE, "-o", "x", "--delibera-data", "31/02/2022"],
     "Errore: Valore non valido per «--delibera-data»: «31/02/2022» non è una data del "
     "calendario (giorno o mese fuori misura): scrivere la data come 15/03/2022 "
     "(giorno/mese/anno, anno per intero)."),
    (["check", SAMPLE / "Ente.xlsx"],
     f"Errore: Valore non valido per «CARTELLA»: «{SAMPLE / 'Ente.xlsx'}» è un file, non "
     "una cartella."),
    (["consolidate", SAMPLE, "-o", SAMPLE],
     f"Errore: Valore non valido per «-o» / «--output»: «{SAMPLE}» è una cartella, non un "
     "file."),
    (["build", SAMPLE], "Errore: Manca l'opzione «-o» / «--output»."),
    (["build"], "Errore: Manca l'argomento «CARTELLA»."),
    (["check", SAMPLE, "--anno", "2022"], "Errore: L'opzione «--anno» non esiste."),
    (["chek"], "Errore: Il comando «chek» non esiste. Forse si intendeva «check»?"),
    (["check", SAMPLE, "--year"], "Errore: L'opzione «--year» vuole un valore."),
]


@pytest.mark.parametrize("args, message", USUAL_MISTAKES)
def test_the_usual_mistakes_get_an_italian_line(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == message
    assert not re.search(r"'[-\w/. ]+'", message)  # no name in English quotes


def test_the_years_the_command_line_accepts_are_the_spec_s():
    assert (cli_types.FIRST_PLAN_YEAR, cli_types.LAST_PLAN_YEAR) == (
        specs.FIRST_PLAN_YEAR, specs.LAST_PLAN_YEAR)
    assert cli_types.DATE.convert("2022-03-15", None, None) == dt.date(2022, 3, 15)


@pytest.mark.parametrize("command", ["build", "annex", "consolidate", "check"])
def test_a_plan_of_the_wrong_year_is_one_line_and_no_document(tmp_path, command):
    out = tmp_path / "out"
    target = {"build": out, "annex": out / "a.docx", "consolidate": out / "c.xlsx"}
    args = [command, SAMPLE, "--year", "2023"] + (["-o", target[command]]
                                                  if command in target else [])
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        "Errore: Nessun file della cartella è per il piano 2023: ogni file è per il piano "
        "2022. Togliere --year 2023 (l'anno è quello dei file) o compilare i modelli del "
        "2023.")
    assert not out.exists() or not any(out.iterdir())
