"""«Cannot go on»: every exception that stops a command is an ``errors.Unusable``, and the
command line turns each into one Italian line on stderr and its exit code, in one place.

Each class is raised by the real command on a real input where one can raise it; the
consolidated workbook's write error, which no input can cause, by xlsxwriter refusing a
cell (as in tests/test_consolidated.py).
"""

from __future__ import annotations

import pytest

from pianoperf_xl.distribute import DistributionError
from pianoperf_xl.distribute.send import SendError
from pianoperf_xl.errors import EXIT_UNUSABLE, Unusable
from pianoperf_xl.office import OfficeUnavailable
from pianoperf_xl.read import UnusableInput
from pianoperf_xl.read.safety import UnreadableWorkbook
from pianoperf_xl.write.annex import UnusableBase
from pianoperf_xl.write.consolidated import ConsolidationError

from helpers import SAMPLE, free_port, invoke, pianoperf

SENDER = "segreteria@comune.calcinate.bg.it"


def one_line(stderr: str) -> str:
    """The one line a stopped command prints; nothing else on stderr."""
    assert "Traceback" not in stderr
    [line] = stderr.splitlines()
    assert line.startswith("Errore: ") and "Errore imprevisto" not in line
    return line


def test_every_cannot_go_on_is_an_unusable_with_exit_code_2():
    for cls in (UnusableInput, UnusableBase, OfficeUnavailable, ConsolidationError,
                DistributionError, SendError):
        assert issubclass(cls, Unusable) and cls("Messaggio.").exit_code == EXIT_UNUSABLE
    # one bad file does not stop a command: the reader turns it into a finding
    assert not issubclass(UnreadableWorkbook, Unusable)
    assert Unusable("Altro.", exit_code=3).exit_code == 3


def test_a_missing_folder(tmp_path):
    result = pianoperf("check", tmp_path / "manca")
    assert result.returncode == 2 and result.stdout == ""
    assert one_line(result.stderr) == f"Errore: La cartella «{tmp_path / 'manca'}» non esiste."


def test_an_unusable_word_model(tmp_path):
    (tmp_path / "rotto.docx").write_text("non è un documento")
    result = pianoperf("build", SAMPLE, "-o", tmp_path / "out", "--modello-word",
                       tmp_path / "rotto.docx")
    assert result.returncode == 2
    assert one_line(result.stderr).startswith(
        "Errore: Il modello Word «rotto.docx» non si apre come documento .docx")
    assert not (tmp_path / "out").exists()


def test_an_unreadable_previous_plan(tmp_path):
    (tmp_path / "piano-2021.xlsx").write_bytes(b"PK\x03\x04 troncato")
    result = pianoperf("distribute", "--ente", SAMPLE / "Ente.xlsx", "-o", tmp_path / "invio",
                       "--from", tmp_path / "piano-2021.xlsx")
    assert result.returncode == 2
    assert one_line(result.stderr).startswith(
        "Errore: «piano-2021.xlsx» è danneggiato o incompleto")


def test_a_mail_server_that_does_not_answer(tmp_path):
    prepared = pianoperf("distribute", "--ente", SAMPLE / "Ente.xlsx", "-o", tmp_path / "invio")
    assert prepared.returncode == 0, prepared.stderr
    port = free_port()  # nobody listens there
    result = pianoperf("send", tmp_path / "invio", "--smtp", f"127.0.0.1:{port}", "--from",
                       SENDER)
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        f"Errore: Connessione a 127.0.0.1:{port} rifiutata: nessun server di posta risponde "
        "su quella porta (controllare --smtp).")


def test_no_libreoffice_for_the_pdf(tmp_path):
    (tmp_path / "bin").mkdir()  # a PATH where no soffice is
    result = pianoperf("annex", SAMPLE, "-o", tmp_path / "allegato.docx", "--pdf",
                       env={"PATH": str(tmp_path / "bin")})
    assert result.returncode == 2
    assert f"Scritto {tmp_path / 'allegato.docx'}" in result.stdout
    assert one_line(result.stderr).startswith(
        "Errore: LibreOffice non è installato: impossibile produrre il PDF/A di allegato.docx.")


def test_a_cell_the_consolidated_workbook_cannot_take(tmp_path, monkeypatch):
    from xlsxwriter.worksheet import Worksheet

    for name in ("write_string", "_write_string"):  # the tables use the undecorated one
        write_string = getattr(Worksheet, name)
        monkeypatch.setattr(Worksheet, name, lambda ws, row, col, text, *args, _w=write_string: (
            -2 if text == "Settore Polizia Locale" else _w(ws, row, col, text, *args)))
    result = invoke("consolidate", str(SAMPLE), "-o", str(tmp_path / "piano.xlsx"))
    assert isinstance(result.exception, SystemExit) and result.exit_code == 2
    line = one_line(result.stderr)
    assert line.startswith("Errore: Impossibile scrivere la cella Obiettivi!A")
    assert line.endswith(" del documento consolidato: valore troppo lungo o non valido.")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["status", "annotate"])
def test_the_round_on_a_missing_folder(tmp_path, command):
    args = [command, tmp_path / "manca"] + (["-o", tmp_path / "out"] if command == "annotate"
                                            else [])
    result = pianoperf(*args)
    assert result.returncode == 2
    assert "non esiste" in one_line(result.stderr)
