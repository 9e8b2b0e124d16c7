"""The command line through click's CliRunner: help, templates, check and its JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from pianoperf_xl.cli import cli, default_year

from conftest import SAMPLE


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_help_lists_the_commands_in_italian():
    result = run("--help")
    assert result.exit_code == 0
    assert "Comandi:" in result.output and "Opzioni:" in result.output
    assert "check" in result.output and "templates" in result.output


def test_module_entry_point():
    result = subprocess.run([sys.executable, "-m", "pianoperf_xl", "--version"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith("pianoperf ")


def test_help_does_not_load_heavy_libraries():
    code = ("import sys; from pianoperf_xl.cli import cli\n"
            "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit: pass\n"
            "heavy = {'pandas', 'openpyxl', 'docx', 'xlsxwriter', 'python_calamine', 'rich',"
            " 'rapidfuzz', 'babel'}\n"
            "print(sorted(heavy & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().endswith("[]")


def test_check_json_on_the_sample():
    result = run("check", SAMPLE, "--json")
    report = json.loads(result.output)
    assert set(report) == {"valid", "stats", "findings"}
    assert report["stats"] == {"files": 7, "sectors": 5, "objectives": 48, "indicators": 49,
                               "staff": 19}
    assert report["valid"] is (result.exit_code == 0)
    for finding in report["findings"]:
        assert set(finding) == {"code", "severity", "message", "file", "sheet", "cell",
                                "value", "hint"}


def test_check_exit_code_1_on_error_findings(sample_copy, make_workbook):
    make_workbook("settore", {"Settore": {"settore": "Settore Vuoto"}}, folder=sample_copy)
    result = run("check", sample_copy, "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False
    assert {(f["code"], f["file"], f["cell"]) for f in report["findings"]} >= {
        ("cell-required", "settore.xlsx", "B5"), ("cell-required", "settore.xlsx", "B8")}


def test_check_text_report_names_file_sheet_and_cell(sample_copy, make_workbook):
    make_workbook("settore", {"Settore": {"settore": "Settore Vuoto"}}, folder=sample_copy)
    result = CliRunner().invoke(cli, ["check", str(sample_copy)], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "settore.xlsx — foglio «Settore»" in result.output
    assert "Manca «Ente», che è obbligatorio." in result.output
    assert result.output.startswith("Piano 2022 — file: 8, settori: 6,")


def test_check_exit_code_2_on_unusable_input(tmp_path):
    missing = run("check", tmp_path / "non-esiste")
    assert missing.exit_code == 2
    assert "non esiste" in missing.output
    (tmp_path / "lettera.txt").write_text("nessun modello qui")
    nothing_usable = run("check", tmp_path, "--json")
    assert nothing_usable.exit_code == 2
    assert json.loads(nothing_usable.output)["findings"][0]["code"] == "file-not-workbook"
    assert run("check").exit_code == 2  # usage error: no folder


def test_templates_command(tmp_path):
    result = run("templates", "-o", tmp_path / "modelli", "--year", 2023)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "modelli").iterdir()) == [
        "modello-bilancio.xlsx", "modello-ente.xlsx", "modello-settore.xlsx"]
    assert "Modelli per il piano 2023" in result.output


def test_default_year():
    import datetime as dt
    assert default_year(dt.date(2026, 11, 25)) == 2027
    assert default_year(dt.date(2027, 2, 1)) == 2027
