"""The command line through click's CliRunner: help, templates, check and its JSON contract."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import subprocess
import sys

from pianoperf_xl.years import default_year

from helpers import SAMPLE, corrected_sample, invoke


def test_help_lists_the_commands_in_italian():
    result = invoke("--help")
    assert result.exit_code == 0
    assert "Comandi:" in result.output and "Opzioni:" in result.output
    assert "check" in result.output and "templates" in result.output


def test_module_entry_point():
    result = subprocess.run([sys.executable, "-m", "pianoperf_xl", "--version"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith("pianoperf ")


# What the package depends on besides click (the test below checks the list against
# its declared dependencies), and lxml, which python-docx loads.
HEAVY = {"openpyxl", "xlsxwriter", "docx", "python_calamine", "lxml", "rapidfuzz", "rich",
         "babel", "defusedxml", "yaml", "flask", "flask_wtf", "waitress", "pandas"}


def test_heavy_libraries_are_the_dependencies():
    """Every dependency but click is heavy for ``--help``: a new one joins HEAVY, and no
    name is listed that the package does not use."""
    required = {re.match(r"[A-Za-z0-9_.-]+", r)[0].lower().replace("_", "-")
                for r in importlib.metadata.requires("pianoperf_xl") if "extra ==" not in r}
    modules = {name for name, dists in importlib.metadata.packages_distributions().items()
               if not name.startswith("_")
               and any(d.lower().replace("_", "-") in required for d in dists)}
    assert modules - {"click"} == HEAVY - {"lxml"}
    assert importlib.util.find_spec("lxml") is not None


def test_help_does_not_load_heavy_libraries():
    code = ("import sys; from pianoperf_xl.cli import cli\n"
            "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit: pass\n"
            f"heavy = {sorted(HEAVY)!r}\n"
            "print(sorted(set(heavy) & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().endswith("[]")


def test_check_json_on_the_sample():
    result = invoke("check", SAMPLE, "--json")
    report = json.loads(result.output)
    assert set(report) == {"valid", "stats", "findings"}
    assert report["stats"] == {"files": 7, "sectors": 5, "objectives": 48, "indicators": 49,
                               "staff": 19}
    assert result.exit_code == 1 and report["valid"] is False  # the saldo migratorio error
    assert "error" in {f["severity"] for f in report["findings"]}
    for finding in report["findings"]:
        assert set(finding) == {"code", "severity", "message", "file", "sheet", "cell",
                                "value", "hint"}


def test_check_exit_code_0_on_a_clean_plan(tmp_path):
    folder = corrected_sample(tmp_path / "piano")
    result = invoke("check", folder, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["valid"] is True
    assert not [f for f in report["findings"] if f["severity"] == "error"]
    assert report["stats"]["objectives"] == 48


def test_check_exit_code_1_on_error_findings(sample_copy, make_workbook):
    make_workbook("settore", {"Settore": {"settore": "Settore Vuoto"}}, folder=sample_copy)
    result = invoke("check", sample_copy, "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False
    assert {(f["code"], f["file"], f["cell"]) for f in report["findings"]} >= {
        ("cell-required", "settore.xlsx", "B5"), ("cell-required", "settore.xlsx", "B8")}


def test_check_text_report_names_file_sheet_and_cell(sample_copy, make_workbook):
    make_workbook("settore", {"Settore": {"settore": "Settore Vuoto"}}, folder=sample_copy)
    result = invoke("check", sample_copy, env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "settore.xlsx — foglio «Settore»" in result.output
    assert "Manca «Ente», che è obbligatorio." in result.output
    assert result.output.startswith("Piano 2022 — file: 8, settori: 6,")


def test_check_exit_code_2_on_unusable_input(tmp_path):
    missing = invoke("check", tmp_path / "non-esiste")
    assert missing.exit_code == 2
    assert "non esiste" in missing.output
    (tmp_path / "lettera.txt").write_text("nessun modello qui")
    nothing_usable = invoke("check", tmp_path, "--json")
    assert nothing_usable.exit_code == 2
    assert json.loads(nothing_usable.output)["findings"][0]["code"] == "file-not-workbook"
    assert invoke("check").exit_code == 2  # usage error: no folder


def test_templates_command(tmp_path):
    result = invoke("templates", "-o", tmp_path / "modelli", "--year", 2023)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "modelli").iterdir()) == [
        "modello-bilancio.xlsx", "modello-ente.xlsx", "modello-settore.xlsx",
        "regole-misurazione.xlsx"]
    assert "Modelli per il piano 2023" in result.output


def test_default_year():
    import datetime as dt
    assert default_year(dt.date(2026, 11, 25)) == 2027
    assert default_year(dt.date(2027, 2, 1)) == 2027


def test_check_on_the_sample_finds_the_seed_mistakes():
    result = invoke("check", SAMPLE, "--json")
    assert result.exit_code == 1  # the saldo migratorio error
    codes = {f["code"] for f in json.loads(result.output)["findings"]}
    assert {"context-saldo-mismatch", "staff-name-variant", "staff-no-objective"} <= codes


def test_select_and_ignore_by_code_and_family():
    only_context = json.loads(invoke("check", SAMPLE, "--json", "--select", "context").output)
    assert {f["code"] for f in only_context["findings"]} == {
        "context-saldo-mismatch", "context-density-mismatch"}
    one_code = invoke("check", SAMPLE, "--json", "--select", "staff-no-objective,budget-label-differs")
    assert {f["code"] for f in json.loads(one_code.output)["findings"]} == {
        "staff-no-objective", "budget-label-differs"}
    without_errors = invoke("check", SAMPLE, "--json", "--ignore", "context-saldo-mismatch",
                         "--ignore", "objective")
    assert without_errors.exit_code == 0
    report = json.loads(without_errors.output)
    assert report["valid"] is True
    assert not any(f["code"].startswith(("indicator-", "objective-", "deadline-",
                                         "context-saldo")) for f in report["findings"])


def test_unknown_code_is_a_usage_error():
    result = invoke("check", SAMPLE, "--select", "budget-inventato")
    assert result.exit_code == 2
    assert "Codici sconosciuti: budget-inventato" in result.output


def test_list_codes():
    result = invoke("check", "--list-codes", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    from pianoperf_xl.codes import CODES
    for code in CODES:
        assert code in result.output
    assert "context-saldo-mismatch" in result.output and "cell-required" in result.output


def test_approval_date_option():
    result = invoke("check", SAMPLE, "--json", "--approval-date", "2022-05-01",
                 "--select", "deadline-before-approval")
    cells = sorted((f["file"], f["cell"]) for f in json.loads(result.output)["findings"])
    assert cells == [("Settore Affari Generali.xlsx", "G9"),
                     ("Settore Economico Finanziario.xlsx", "G6"),
                     ("Settore Economico Finanziario.xlsx", "G9")]
    italian = invoke("check", SAMPLE, "--json", "--approval-date", "01/05/2022",
                  "--select", "deadline-before-approval")
    assert json.loads(italian.output) == json.loads(result.output)
    bad = invoke("check", SAMPLE, "--approval-date", "05/2022")
    assert bad.exit_code == 2
