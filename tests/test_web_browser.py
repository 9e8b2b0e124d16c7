"""The web pages in a real headless Chromium (Debian's), against a real server on
127.0.0.1: drop the sample's files, findings as ``check --json`` counts them, the build
and its downloads opened again, the sectors' links kept apart, refused uploads, and
axe-core's accessibility check on every page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from pianoperf_xl.distribute.prepare import prepare_outbox
from web_helpers import (ROOT, Server, axe_violations, chromium, downloaded,
                               wait_for)

SCREENSHOT = ROOT / "docs" / "web-giro.png"
FILE_A = "Settore Polizia Locale.xlsx"
FILE_B = "Settore Servizi Demografici.xlsx"


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("scaricati")


@pytest.fixture(scope="module")
def browser(downloads):
    driver = chromium(downloads)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def round_server(tmp_path_factory):
    """A server on an empty folder: the sample's files are dropped on the page."""
    base = tmp_path_factory.mktemp("giro")
    (base / "giro").mkdir()
    server = Server(base / "giro", output=base / "uscita")
    yield server
    server.stop()


def shot(driver, path: Path, height: int | None = None) -> None:
    """A screenshot of the page from its top: all of it, or ``height`` pixels."""
    height = height or driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 4000))
    driver.execute_script("window.scrollTo(0, 0)")
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 1000)


def check_json(folder: Path) -> dict:
    run = subprocess.run([sys.executable, "-m", "pianoperf_xl", "check", str(folder), "--json"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def no_serious_violations(driver) -> None:
    violations = axe_violations(driver)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def upload(driver, paths: list[Path]) -> None:
    field = driver.find_element(By.ID, "file")
    field.send_keys("\n".join(str(p) for p in paths))
    driver.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#esito .msg"))


def test_drop_the_sample_and_see_its_findings(browser, round_server, sample_dir, tmp_path):
    browser.get(round_server.login)
    assert "non contiene ancora nessuna cartella di lavoro" in browser.page_source
    no_serious_violations(browser)
    upload(browser, sorted(sample_dir.glob("*.xlsx")))
    saved = browser.find_element(By.CSS_SELECTOR, "#esito .msg-ok").text
    assert all(f"«{p.name}»" in saved for p in sample_dir.glob("*.xlsx")), saved
    expected = check_json(sample_dir)
    total = browser.find_element(By.ID, "conteggio").get_attribute("data-total")
    assert int(total) == len(expected["findings"]) > 0
    rows = browser.find_elements(By.CSS_SELECTOR, "table.findings tbody tr")
    assert len(rows) == len(expected["findings"])
    # every finding's message is on the page, with its file and cell
    text = browser.find_element(By.CSS_SELECTOR, "table.findings").text
    for finding in expected["findings"]:
        assert finding["message"].split("\n")[0][:60] in text
    # the README's picture: the page as it opens, filtered to the errors and warnings
    browser.get(round_server.url + "/")
    shot(browser, SCREENSHOT if os.environ.get("PIANOPERF_UPDATE_SCREENSHOTS")
         else tmp_path / "web-giro.png", height=1500)
    no_serious_violations(browser)


def test_filters_narrow_the_table(browser, round_server):
    browser.get(round_server.url + "/")
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, "f-gravita")).select_by_visible_text("errore")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait_for(lambda: "gravita=errore" in browser.current_url)
    badges = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "table.findings .badge")}
    assert badges == {"errore"}
    Select(browser.find_element(By.ID, "f-file")).select_by_visible_text(FILE_A)
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait_for(lambda: "file=" in browser.current_url)
    files = {row.find_element(By.CSS_SELECTOR, "td:nth-child(2)").text.split("\n")[0]
             for row in browser.find_elements(By.CSS_SELECTOR, "table.findings tbody tr")}
    assert files <= {FILE_A}


def test_annotated_copy_downloads_and_opens(browser, round_server, downloads):
    import openpyxl

    browser.get(round_server.url + "/")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, f"Copia annotata di «{FILE_A}»")
    link.click()
    path = downloaded(downloads, f"verifiche - {FILE_A}")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Verifiche"
    assert book["Verifiche"].max_row > 1


def test_build_and_download_the_outputs(browser, round_server, downloads, tmp_path):
    import docx
    import openpyxl

    browser.get(round_server.url + "/build")
    no_serious_violations(browser)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(lambda: browser.find_elements(By.ID, "uscite")
             or browser.find_elements(By.CSS_SELECTOR, ".msg-errore"), timeout=300)
    state = browser.find_element(By.ID, "stato-piano").text
    assert "BOZZA" in state and "errori" in state  # the sample has errors, on purpose
    steps = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#passi li")]
    assert steps and all(s.endswith("fatto") for s in steps)
    shot(browser, tmp_path / "web-build.png")
    no_serious_violations(browser)
    links = browser.find_elements(By.CSS_SELECTOR, "#uscite a")
    names = [a.get_attribute("href").rsplit("/", 1)[-1] for a in links]
    assert {n.rsplit(".", 1)[-1] for n in names} == {"xlsx", "docx", "pdf", "json", "html",
                                                     "csv"}
    got = {}
    for a, name in zip(links, names):  # one at a time: a browser may hold back a burst
        a.click()
        got[name] = downloaded(downloads, name, timeout=60)
    for name, path in got.items():
        if name.endswith(".xlsx"):
            assert "Obiettivi" in openpyxl.load_workbook(path, read_only=True).sheetnames
        elif name.endswith(".docx"):
            text = "\n".join(p.text for p in docx.Document(path).paragraphs)
            assert "BOZZA" in text
        elif name.endswith(".pdf"):
            assert path.read_bytes().startswith(b"%PDF")
        elif name.endswith("verifiche.json"):
            assert len(json.loads(path.read_text())["findings"]) > 0
        elif name.endswith("obiettivi.json"):  # open data
            assert len(json.loads(path.read_text())["settori"]) == 5
        elif name.endswith(".csv"):
            assert path.read_text(encoding="utf-8-sig").startswith("anno;ente;")
    # the round page now knows the build
    browser.get(round_server.url + "/")
    assert "Ultima build" in browser.page_source


def test_templates_page(browser, round_server, downloads):
    import openpyxl

    browser.get(round_server.url + "/modelli")
    no_serious_violations(browser)
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "modello-settore")
    name = link.text
    link.click()
    book = openpyxl.load_workbook(downloaded(downloads, name))
    assert "Istruzioni" in book.sheetnames


def test_refused_uploads_say_why_in_italian(browser, round_server, tmp_path):
    browser.get(round_server.url + "/")
    before = sorted(p.name for p in round_server.round.folder.iterdir())
    notes = tmp_path / "appunti.txt"
    notes.write_text("appunti")
    big = tmp_path / "enorme.xlsx"
    big.write_bytes(b"\0" * (21 * 1024 * 1024))
    upload(browser, [notes])
    assert "si accettano solo file .xlsx o .xlsm" in browser.find_element(By.ID, "esito").text
    upload(browser, [big])
    assert "supera il limite di 20 MB" in browser.find_element(By.ID, "esito").text
    assert sorted(p.name for p in round_server.round.folder.iterdir()) == before
    no_serious_violations(browser)


def test_error_pages_are_italian_and_accessible(browser, round_server):
    browser.get(round_server.url + "/non-esiste")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Pagina non trovata"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "it"
    no_serious_violations(browser)


def test_keyboard_reaches_the_content(browser, round_server):
    from selenium.webdriver.common.keys import Keys

    browser.get(round_server.url + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.text == "Vai al contenuto"
    active.send_keys(Keys.ENTER)
    wait_for(lambda: browser.current_url.endswith("#contenuto"))


# -- the sectors' links -------------------------------------------------------------------

@pytest.fixture(scope="module")
def shared_server(tmp_path_factory, sample_dir):
    """The sample without two sectors, an outbox made by distribute, links on."""
    base = tmp_path_factory.mktemp("condiviso")
    folder = base / "giro"
    shutil.copytree(sample_dir, folder)
    for name in (FILE_A, FILE_B):
        (folder / name).unlink()
    distribution = prepare_outbox(sample_dir / "Ente.xlsx", base / "invio",
                                  web_url="http://127.0.0.1:8765")
    from pianoperf_xl.distribute.web_keys import read_keys

    keys = read_keys(base / "invio")
    server = Server(folder, outbox=base / "invio", output=base / "uscita", shared=True,
                    sector_keys=keys)
    server.distribution = distribution
    yield server
    server.stop()


def sector_key(server, prefix: str) -> tuple[str, str]:
    return next((name, key) for name, key in server.keys.sectors.items()
                if name.startswith(prefix))


def test_the_email_draft_carries_the_sectors_link(shared_server):
    import email

    name, key = sector_key(shared_server, "Settore Polizia Locale")
    draft = next(p.draft for p in shared_server.distribution.prepared if p.sector.name == name)
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    body = message.get_body(("plain",)).get_content()
    assert f"http://127.0.0.1:8765/settore/{key}" in body
    others = [k for n, k in shared_server.keys.sectors.items() if n != name]
    assert not any(k in body for k in others)


def test_a_sector_sees_and_uploads_only_its_own(browser, shared_server, sample_dir,
                                                tmp_path):
    name_a, key_a = sector_key(shared_server, "Settore Polizia Locale")
    name_b, key_b = sector_key(shared_server, "Settore Demografico")
    folder = shared_server.round.folder
    browser.delete_all_cookies()
    browser.get(f"{shared_server.url}/settore/{key_a}")
    assert name_a in browser.find_element(By.TAG_NAME, "h1").text
    assert "Nessuna scheda del settore è ancora arrivata" in browser.page_source
    no_serious_violations(browser)
    # B's workbook through A's link is refused: it would take B's place
    upload(browser, [sample_dir / FILE_B])
    assert "solo la scheda del proprio settore" in browser.find_element(By.ID, "esito").text
    assert not any(p.name.startswith(("Settore Demografico", "Settore Servizi"))
                   for p in folder.iterdir())
    # A's own workbook: saved under A's name, findings of that file only
    upload(browser, [sample_dir / FILE_A])
    saved = folder / f"{name_a}.xlsx"
    # the page before still shows the first answer: wait for the second one's file
    wait_for(saved.is_file)
    wait_for(lambda: browser.find_elements(By.ID, "conteggio"))
    expected = [f for f in check_json(folder)["findings"] if f["file"] == saved.name]
    total = int(browser.find_element(By.ID, "conteggio").get_attribute("data-total"))
    assert total == len(expected) > 0
    files = {row.find_element(By.CSS_SELECTOR, "td:nth-child(2)").text.split("\n")[0]
             for row in browser.find_elements(By.CSS_SELECTOR, "table.findings tbody tr")}
    assert files == {saved.name}
    page = browser.page_source
    for other in ("Affari Generali", "Gestione Territorio", "Economico Finanziario", "Bilancio",
                  key_b):
        assert other not in page, other
    shot(browser, tmp_path / "web-settore.png")
    no_serious_violations(browser)
    # A's link on B's pages: nothing
    for path in (f"/settore/{key_b}x", f"/settore/{key_b[:-1]}", "/", "/build",
                 "/modelli", f"/annotata/{saved.name}"):
        browser.get(shared_server.url + path)
        assert browser.find_element(By.TAG_NAME, "h1").text in (
            "Accesso negato", "Pagina non trovata"), path
    # B's page does not show A's upload
    browser.get(f"{shared_server.url}/settore/{key_b}")
    assert "Nessuna scheda del settore è ancora arrivata" in browser.page_source
    assert saved.name not in browser.page_source
    # upload again after a fix: both kept, the page says which is used
    browser.get(f"{shared_server.url}/settore/{key_a}")
    upload(browser, [sample_dir / FILE_A])
    assert (folder / f"{name_a} (2).xlsx").is_file() and saved.is_file()
    assert "resta conservata" in browser.find_element(By.ID, "esito").text


def test_files_dropped_on_the_zone_are_uploaded(browser, tmp_path, sample_dir):
    """A real drop event (app.js): the files go into the field and the form is sent."""
    import base64

    (tmp_path / "giro").mkdir()
    server = Server(tmp_path / "giro", output=tmp_path / "uscita")
    try:
        browser.get(server.login)
        sources = [sample_dir / "Ente.xlsx", sample_dir / FILE_A]
        payload = [[p.name, base64.b64encode(p.read_bytes()).decode()] for p in sources]
        browser.execute_script("""
            const transfer = new DataTransfer();
            for (const [name, data] of arguments[0]) {
              const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
              transfer.items.add(new File([bytes], name));
            }
            const zone = document.querySelector('[data-drop]');
            zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer,
                                                          bubbles: true, cancelable: true}));
            zone.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer,
                                                      bubbles: true, cancelable: true}));
        """, payload)
        wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#esito .msg-ok"))
        assert sorted(p.name for p in (tmp_path / "giro").iterdir()) == sorted(
            p.name for p in sources)
        for source in sources:
            assert (tmp_path / "giro" / source.name).read_bytes() == source.read_bytes()
    finally:
        server.stop()
