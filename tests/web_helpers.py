"""Helpers for the web tests: a real server on 127.0.0.1 (a free port) in a thread, and
headless Chromium from Debian's packages driven by Selenium."""

from __future__ import annotations

import re
import threading
import time
import zipfile
from pathlib import Path

from pianoperf_xl.web.access import Keys
from pianoperf_xl.web.app import create_app, make_server, url
from pianoperf_xl.web.launch import make_round

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE = ROOT / "tests" / ".vendor" / "axe.min.js"  # fetched by scripts/test.sh (npm pack)


class Server:
    """``create_app`` served by waitress in a thread; ``stop()`` closes it."""

    def __init__(self, folder: Path, *, outbox: Path | None = None, output: Path | None = None,
                 shared: bool = False, sector_keys: dict[str, str] | None = None) -> None:
        self.round = make_round(folder, outbox=outbox, output=output)
        self.keys = Keys(sectors=sector_keys or {})
        self.app = create_app(self.round, self.keys, shared=shared)
        self.server = make_server(self.app, "127.0.0.1", 0)
        self.url = url(self.server)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    @property
    def login(self) -> str:
        return f"{self.url}/accesso/{self.keys.segreteria}"

    def stop(self) -> None:
        self.server.task_dispatcher.shutdown()  # the requests under way end first
        self.server.close()
        self.thread.join(timeout=5)


def chromium(download_dir: Path):
    """Headless Chromium, downloads going to ``download_dir``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists(), \
        "Chromium e chromedriver mancano: eseguire i test con scripts/test.sh"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--lang=it-IT", "--disable-gpu"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir),
        "download.prompt_for_download": False, "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(download_dir)})
    driver.set_page_load_timeout(120)
    return driver


def wait_for(predicate, timeout: float = 120.0, step: float = 0.25):
    """Poll ``predicate`` until it returns something true; that value."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("condition not met in time")


def downloaded(folder: Path, name: str, timeout: float = 60.0) -> Path:
    """The file ``name`` once Chromium has finished writing it into ``folder``."""
    path = folder / name
    try:
        wait_for(lambda: path.is_file() and not any(folder.glob("*.crdownload")), timeout)
    except AssertionError:
        raise AssertionError(f"{name} not downloaded; the folder holds "
                             f"{sorted(p.name for p in folder.iterdir())}") from None
    return path


def axe_violations(driver, impacts=("serious", "critical")) -> list[dict]:
    """axe-core run in the page: the violations of the given impacts (WCAG 2.1 A/AA)."""
    assert AXE.is_file(), "axe-core manca: eseguire i test con scripts/test.sh"
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', "
        "impact: 'critical', help: String(e), nodes: []}]));")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n.get("target") for n in v["nodes"]][:5]}
            for v in result if v["impact"] in impacts]


def with_modified(source: Path, target: Path, when: str) -> Path:
    """A copy of workbook ``source`` whose saved time (docProps/core.xml) is ``when``."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + when.encode() + rb"\g<2>", data)
            dst.writestr(info, data)
    return target
