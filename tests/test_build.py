"""The main job, ``pianoperf build``, and the ``consolidate`` and ``annex`` commands."""

from __future__ import annotations

import json

import openpyxl
from docx import Document

from helpers import SAMPLE, corrected_sample, document_text, invoke


def document_string(path) -> str:
    return "\n".join(document_text(path))


def test_build_on_the_sample_writes_every_output(tmp_path):
    out = tmp_path / "out"
    result = invoke("build", SAMPLE, "-o", out)
    assert result.exit_code == 1, result.output  # the sample has one error: saldo migratorio
    assert sorted(p.name for p in out.iterdir()) == [
        "piano-2022-allegato-A.docx", "piano-2022-consolidato.xlsx",
        "piano-2022-delibera.docx", "piano-2022-obiettivi.csv", "piano-2022-obiettivi.json",
        "piano-2022-verifiche.html", "piano-2022-verifiche.json"]
    report = json.loads((out / "piano-2022-verifiche.json").read_text(encoding="utf-8"))
    assert report["valid"] is False and report["stats"]["objectives"] == 48
    html = (out / "piano-2022-verifiche.html").read_text(encoding="utf-8")
    assert "Saldo migratorio: dichiarato 12" in html and "<h2>Ente.xlsx</h2>" in html
    book = openpyxl.load_workbook(out / "piano-2022-consolidato.xlsx")
    assert {"Sintesi", "Verifiche", "Obiettivi", "Personale", "Matrice", "Bilancio",
            "Contesto"} <= set(book.sheetnames)
    assert "BOZZA" in document_string(out / "piano-2022-allegato-A.docx")
    assert "l'Allegato A è segnato come BOZZA" in result.output
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp-")]


def test_build_without_errors_is_not_a_draft(tmp_path):
    out = tmp_path / "out"
    result = invoke("build", SAMPLE, "-o", out, "--delibera-numero", "12",
                 "--delibera-data", "2022-03-15")
    assert result.exit_code == 1
    # The sample with its one error corrected (the saldo migratorio is -12, not 12): the
    # whole plan, no error, exit 0.
    clean = corrected_sample(tmp_path / "pulito")
    result = invoke("build", clean, "-o", tmp_path / "out2")
    assert result.exit_code == 0, result.output
    text = document_string(tmp_path / "out2" / "piano-2022-allegato-A.docx")
    assert "BOZZA" not in text
    assert "n. 12 del 15/03/2022" in document_string(out / "piano-2022-allegato-A.docx")


def test_consolidate_and_annex_commands(tmp_path):
    result = invoke("consolidate", SAMPLE, "-o", tmp_path / "piano.xlsx")
    assert result.exit_code == 1 and "Scritto" in result.output
    rows = list(openpyxl.load_workbook(tmp_path / "piano.xlsx")["Obiettivi"].iter_rows(
        values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "Settore"))
    assert sum(1 for row in rows[header + 1:] if any(row)) == 49
    result = invoke("annex", SAMPLE, "-o", tmp_path / "allegato.docx")
    assert result.exit_code == 1 and (tmp_path / "allegato.docx").exists()


def test_build_pdf(tmp_path, soffice):
    result = invoke("build", SAMPLE, "-o", tmp_path, "--pdf")
    pdf = tmp_path / "piano-2022-allegato-A.pdf"
    assert pdf.exists(), result.output
    assert b"pdfaid:part" in pdf.read_bytes() or b"pdfaid" in pdf.read_bytes()


def test_build_on_a_missing_folder(tmp_path):
    result = invoke("build", tmp_path / "manca", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "non esiste" in result.output
    assert not (tmp_path / "out").exists()


def test_build_with_the_comune_word_style(tmp_path):
    base = Document()
    base.sections[0].header.paragraphs[0].text = "Stemma e intestazione del Comune di Prova"
    base.add_paragraph("testo del modello, che non deve comparire nell'allegato")
    base.save(tmp_path / "carta-intestata.docx")
    result = invoke("build", SAMPLE, "-o", tmp_path / "out", "--modello-word",
                 tmp_path / "carta-intestata.docx")
    assert result.exit_code == 1, result.output
    annex = Document(tmp_path / "out" / "piano-2022-allegato-A.docx")
    headers = " ".join(p.text for s in annex.sections for p in s.header.paragraphs)
    assert "Stemma e intestazione del Comune di Prova" in headers
    assert "testo del modello" not in document_string(tmp_path / "out" / "piano-2022-allegato-A.docx")


def test_unusable_word_style_is_a_clear_error(tmp_path):
    (tmp_path / "rotto.docx").write_text("non è un documento")
    result = invoke("build", SAMPLE, "-o", tmp_path / "out", "--modello-word", tmp_path / "rotto.docx")
    assert result.exit_code == 2
    assert "non si apre come documento .docx" in result.output
    assert not (tmp_path / "out").exists()
    result = invoke("annex", SAMPLE, "-o", tmp_path / "a.docx", "--modello-word", tmp_path / "rotto.docx")
    assert result.exit_code == 2 and "Traceback" not in result.output
