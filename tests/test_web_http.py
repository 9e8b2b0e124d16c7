"""The web page's HTTP layer, through Flask's test client and real HTTP to a real server:
keys, cross-site requests, file names, error pages, concurrent uploads."""

from __future__ import annotations

import re
import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pianoperf_xl.distribute.web_keys import FILE_NAME as KEYS_FILE, read_keys, write_keys
from pianoperf_xl.web.access import Keys
from pianoperf_xl.web.app import create_app
from pianoperf_xl.web.launch import make_round
from pianoperf_xl.web.uploads import Refused, upload_stem
from web_helpers import Server, with_modified

# the organigram's names (those distribute gives keys to) and the sample's file names
SECTOR_A, FILE_A = "Settore Polizia Locale - Commercio", "Settore Polizia Locale.xlsx"
SECTOR_B, FILE_B = "Settore Demografico", "Settore Servizi Demografici.xlsx"


@pytest.fixture
def folder(tmp_path, sample_dir) -> Path:
    """The sample without the two sectors the tests upload."""
    target = tmp_path / "giro"
    shutil.copytree(sample_dir, target)
    for name in (FILE_A, FILE_B):
        (target / name).unlink()
    return target


@pytest.fixture
def app(folder, tmp_path):
    keys = Keys(sectors={SECTOR_A: "chiave-a-" + "x" * 24, SECTOR_B: "chiave-b-" + "y" * 24})
    app = create_app(make_round(folder, output=tmp_path / "uscita"), keys, shared=True)
    return app


def keys_of(app) -> Keys:
    return app.extensions["pianoperf"]["keys"]


def token(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def logged_in(app):
    client = app.test_client()
    assert client.get(f"/accesso/{keys_of(app).segreteria}").status_code == 302
    return client


def post_file(client, path: str, source: Path, *, filename: str | None = None,
              csrf: str | None = "auto", headers=None):
    data = {"file": (open(source, "rb"), filename or source.name)}
    if csrf == "auto":
        csrf = token(client, path.rsplit("/carica", 1)[0] or "/")
    if csrf is not None:
        data["csrf_token"] = csrf
    return client.post(path, data=data, content_type="multipart/form-data",
                       headers=headers or {})


# -- keys -------------------------------------------------------------------------------

def test_segreteria_pages_need_the_key(app):
    client = app.test_client()
    for path in ("/", "/build", "/modelli", "/build/stato", "/scarica/uscita/x.xlsx"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Accesso negato" in response.get_data(as_text=True)
    assert client.get("/accesso/sbagliata").status_code == 403
    assert client.get("/").status_code == 403  # a wrong key opens no session
    wrong = keys_of(app).segreteria[:-1] + ("A" if keys_of(app).segreteria[-1] != "A" else "B")
    assert client.get(f"/accesso/{wrong}").status_code == 403
    assert logged_in(app).get("/").status_code == 200


def test_sector_links_need_their_key(app):
    client = app.test_client()
    assert client.get("/settore/").status_code == 404
    assert client.get("/settore/chiave-sbagliata").status_code == 403
    assert client.get("/settore/chiave-a-" + "x" * 23).status_code == 403
    page = client.get("/settore/chiave-a-" + "x" * 24)
    assert page.status_code == 200 and SECTOR_A in page.get_data(as_text=True)
    # a sector's key opens nothing of the segreteria
    assert client.get("/").status_code == 403
    assert client.get("/accesso/chiave-a-" + "x" * 24).status_code == 403


def test_sector_links_are_off_without_condividi(folder, tmp_path):
    keys = Keys(sectors={SECTOR_A: "k" * 32})
    app = create_app(make_round(folder, output=tmp_path / "u"), keys, shared=False)
    assert app.test_client().get("/settore/" + "k" * 32).status_code == 404


def test_keys_are_compared_in_constant_time():
    import inspect

    from pianoperf_xl.web import access

    assert "hmac.compare_digest" in inspect.getsource(access._same)
    keys = Keys(sectors={"A": "a" * 32, "B": "b" * 32})
    assert keys.sector_of("b" * 32) == "B" and keys.sector_of("c" * 32) is None
    assert keys.sector_of(None) is None and keys.sector_of("") is None


def test_distribute_keys_file_is_private_and_stable(tmp_path):
    first = write_keys(tmp_path, ["Settore A", "Settore B"])
    assert (tmp_path / KEYS_FILE).stat().st_mode & 0o077 == 0
    again = write_keys(tmp_path, ["Settore A", "Settore B", "Settore C"])
    assert again["Settore A"] == first["Settore A"] and len(set(again.values())) == 3
    assert read_keys(tmp_path) == again
    assert all(len(key) >= 32 for key in again.values())


# -- cross-site requests ------------------------------------------------------------------

def test_upload_without_or_with_wrong_csrf_token_is_refused(app, folder, sample_dir):
    client = logged_in(app)
    source = sample_dir / FILE_A
    for csrf in (None, "sbagliato"):
        response = post_file(client, "/carica", source, csrf=csrf)
        assert response.status_code == 403
        text = response.get_data(as_text=True)
        assert "altri siti" in text and "Traceback" not in text
    assert not (folder / source.name).exists()
    # a token of another session is no good either
    other = logged_in(app)
    response = post_file(client, "/carica", source, csrf=token(other, "/"))
    assert response.status_code == 403 and not (folder / source.name).exists()


def test_post_from_another_site_is_refused(app, folder, sample_dir):
    client = logged_in(app)
    source = sample_dir / FILE_A
    for headers in ({"Origin": "https://attacco.example"},
                    {"Sec-Fetch-Site": "cross-site"}):
        response = post_file(client, "/carica", source, headers=headers)
        assert response.status_code == 403, headers
        assert "altri siti" in response.get_data(as_text=True)
    assert not (folder / source.name).exists()
    response = client.post("/build", data={"csrf_token": token(client, "/build")},
                           headers={"Origin": "http://evil.localhost"})
    assert response.status_code == 403
    ok = post_file(client, "/carica", source, headers={"Origin": "http://localhost"})
    assert ok.status_code == 302 and (folder / source.name).exists()


def test_sector_upload_needs_csrf_too(app, folder, sample_dir):
    client = app.test_client()
    path = "/settore/chiave-a-" + "x" * 24 + "/carica"
    response = post_file(client, path, sample_dir / FILE_A, csrf=None)
    assert response.status_code == 403 and not (folder / FILE_A).exists()


# -- file names -----------------------------------------------------------------------------

@pytest.mark.parametrize("filename", [
    "../../fuori.xlsx", "..\\..\\fuori.xlsx", "/etc/passwd.xlsx", "C:\\Windows\\fuori.xlsx",
    "....xlsx", ".nascosto.xlsx", "con.xlsx", "a\x00b.xlsx", "Tributi\u202excslx.xlsx"])
def test_uploaded_names_stay_inside_the_folder(app, folder, tmp_path, sample_dir, filename):
    client = logged_in(app)
    before = set(p.name for p in folder.iterdir())
    response = post_file(client, "/carica", sample_dir / FILE_A, filename=filename)
    assert response.status_code == 302
    new = set(p.name for p in folder.iterdir()) - before
    assert len(new) == 1, new
    name = new.pop()
    assert (folder / name).is_file() and not name.startswith(".")
    assert "/" not in name and "\\" not in name and "\x00" not in name and "\u202e" not in name
    assert name.lower().endswith(".xlsx")
    assert not (tmp_path / "fuori.xlsx").exists() and not Path("/etc/passwd.xlsx").exists()
    # no staging folder left behind
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_upload_stem_refuses_what_is_not_a_workbook_by_name():
    assert upload_stem("C:\\Dati\\Settore A.XLSX") == ("Settore A", ".xlsx")
    for name in ("relazione.pdf", "scheda.xls", "scheda.xlsx.exe", "senza_estensione", "", None):
        with pytest.raises(Refused, match="si accettano solo file .xlsx o .xlsm"):
            upload_stem(name)


@pytest.mark.parametrize("path", [
    "/scarica/uscita/../giro/Ente.xlsx", "/scarica/uscita/..%2Fgiro%2FEnte.xlsx",
    "/scarica/uscita/%2Fetc%2Fpasswd", "/scarica/uscita/..%5C..%5Cx.xlsx",
    "/scarica/modelli/..%2F..%2Fgiro%2FEnte.xlsx", "/scarica/invio/chiavi-web.json",
    "/annotata/..%2F..%2Fetc%2Fpasswd", "/annotata/Ente.xlsx%00.xlsx"])
def test_downloads_never_leave_their_folder(app, path):
    client = logged_in(app)
    response = client.get(path, follow_redirects=True)  # «//» is merged by a redirect
    assert response.status_code == 404, path
    assert "Pagina non trovata" in response.get_data(as_text=True)


def test_outbox_keys_file_is_never_served(folder, tmp_path):
    outbox = tmp_path / "invio"
    outbox.mkdir()
    write_keys(outbox, [SECTOR_A])
    app = create_app(make_round(folder, outbox=outbox, output=tmp_path / "u"), Keys())
    client = logged_in(app)
    assert client.get(f"/scarica/invio/{KEYS_FILE}").status_code == 404
    assert KEYS_FILE not in client.get("/modelli").get_data(as_text=True)


# -- refused uploads and error pages ---------------------------------------------------------

def test_non_workbook_and_fake_workbook_are_refused_in_italian(app, folder, tmp_path):
    client = logged_in(app)
    text = tmp_path / "appunti.txt"
    text.write_text("non sono un foglio di calcolo")
    fake = tmp_path / "finto.xlsx"
    fake.write_text("non sono un foglio di calcolo")
    before = sorted(p.name for p in folder.iterdir())
    for source, expected in ((text, "si accettano solo file .xlsx o .xlsm"),
                             (fake, "finto.xlsx")):
        response = post_file(client, "/carica", source)
        page = client.get("/").get_data(as_text=True)
        assert response.status_code == 302 and expected in page, expected
        assert "Non salvato" in page
    assert sorted(p.name for p in folder.iterdir()) == before


def test_request_over_the_limit_gets_the_italian_413_page(app):
    client = logged_in(app)
    csrf = token(client, "/")
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    import io

    response = client.post("/carica", data={"csrf_token": csrf,
                                            "file": (io.BytesIO(b"x" * 200_000), "a.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    text = response.get_data(as_text=True)
    assert "File troppo grande" in text and "20 MB" in text and 'lang="it"' in text


def test_unexpected_error_is_an_italian_page_and_no_key_is_logged(app, caplog):
    key = "chiave-a-" + "x" * 24

    def broken():
        raise RuntimeError("guasto")
    app.extensions["pianoperf"]["round"].status = broken
    response = app.test_client().get(f"/settore/{key}")
    text = response.get_data(as_text=True)
    assert response.status_code == 500 and "Errore imprevisto" in text
    assert "Traceback" not in text and "guasto" not in text and "RuntimeError" not in text
    assert "guasto" in caplog.text  # the details are in the log...
    assert key not in caplog.text  # ...but never the key


def test_every_error_page_is_italian(app):
    client = logged_in(app)
    assert "Pagina non trovata" in client.get("/non-esiste").get_data(as_text=True)
    response = client.delete("/")
    assert response.status_code in (403, 405)
    assert 'lang="it"' in response.get_data(as_text=True)


def test_security_headers(app):
    response = logged_in(app).get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    cookie = response.request.environ  # the session cookie is HttpOnly, SameSite=Strict
    client = app.test_client()
    login = client.get(f"/accesso/{keys_of(app).segreteria}")
    set_cookie = login.headers["Set-Cookie"]
    assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
    assert cookie


# -- concurrent uploads, over real HTTP -------------------------------------------------------

def _multipart(fields: dict[str, str], name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----pianoperf-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
             .encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                 .encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def test_concurrent_uploads_of_the_same_sector_lose_nothing(folder, tmp_path, sample_dir):
    import http.cookiejar

    key = "k" * 32
    server = Server(folder, output=tmp_path / "uscita", shared=True,
                    sector_keys={SECTOR_A: key})
    try:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{server.url}/settore/{key}").read().decode()
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        source = sample_dir / FILE_A
        versions = [with_modified(source, tmp_path / f"v{i}.xlsx", when)
                    for i, when in enumerate(("2022-01-10T09:00:00Z", "2022-01-20T09:00:00Z",
                                              "2022-01-15T09:00:00Z", "2022-01-12T09:00:00Z"))]
        barrier = threading.Barrier(len(versions))
        answers = []

        def upload(path: Path) -> None:
            body, boundary = _multipart({"csrf_token": csrf}, FILE_A,
                                        path.read_bytes())
            request = urllib.request.Request(
                f"{server.url}/settore/{key}/carica", data=body, method="POST",
                headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                         "Origin": server.url})
            barrier.wait()
            try:
                answers.append(opener.open(request).status)
            except urllib.error.HTTPError as exc:
                answers.append(exc.code)
        threads = [threading.Thread(target=upload, args=(v,)) for v in versions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert answers == [200] * len(versions)  # each redirected to the sector's page
        saved = sorted(p for p in folder.iterdir() if p.name.startswith(SECTOR_A))
        assert len(saved) == len(versions)
        assert sorted(p.read_bytes() for p in saved) == sorted(v.read_bytes() for v in versions)
        page = opener.open(f"{server.url}/settore/{key}").read().decode()
        # the newest version (saved 20/01) is the one used; the others are listed as kept
        newest = next(p.name for p in saved if p.read_bytes() == versions[1].read_bytes())
        assert f"Si usa «{newest}»" in page
        for other in saved:
            if other.name != newest:
                assert other.name in page
    finally:
        server.stop()


# -- the command ---------------------------------------------------------------------------

def test_web_command_serves_on_localhost_only(sample_dir, tmp_path):
    import os
    import subprocess
    import sys

    from web_helpers import ROOT

    process = subprocess.Popen(
        [sys.executable, "-m", "pianoperf_xl", "web", str(sample_dir), "--no-browser",
         "--port", "0", "-o", str(tmp_path / "uscita")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline()
        assert line.startswith("Pagina della segreteria"), line + process.stderr.read()
        link = line.split(": ", 1)[1].strip()
        assert link.startswith("http://127.0.0.1:")
        import http.cookiejar

        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = opener.open(link, timeout=60).read().decode()
        assert "Il giro delle schede" in page and 'lang="it"' in page
        base = link.split("/accesso/")[0]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "/", timeout=60)
        assert refused.value.code == 403
    finally:
        process.terminate()
        process.wait(timeout=30)
    # the key is shown once, to whoever started the server, and nowhere else
    assert link.split("/accesso/")[1] not in process.stderr.read()
    assert not (sample_dir.parent / f"{sample_dir.name}-uscita").exists()


def test_web_command_says_what_is_missing(tmp_path):
    from helpers import pianoperf

    result = pianoperf("web", str(tmp_path / "manca"), "--no-browser")
    assert result.returncode == 2 and "non esiste" in result.stderr
    result = pianoperf("web", str(tmp_path), "--no-browser", "--condividi")
    assert result.returncode == 2 and "serve --outbox" in result.stderr
    assert "Traceback" not in result.stderr


def test_drafts_carry_no_link_without_the_address(tmp_path, sample_dir):
    import email

    from pianoperf_xl.distribute.prepare import prepare_outbox

    result = prepare_outbox(sample_dir / "Ente.xlsx", tmp_path / "invio")
    keys = read_keys(tmp_path / "invio")
    for item in result.prepared:
        body = email.message_from_bytes(item.draft.read_bytes(), policy=email.policy.default
                                        ).get_body(("plain",)).get_content()
        assert "/settore/" not in body and keys[item.sector.name] not in body


def test_a_name_already_taken_is_never_overwritten(app, folder, sample_dir):
    client = logged_in(app)
    original = (folder / "Ente.xlsx").read_bytes()
    source = sample_dir / FILE_A
    csrf = token(client, "/")
    files = [(open(source, "rb"), "Ente.xlsx") for _ in range(12)]
    response = client.post("/carica", data={"csrf_token": csrf, "file": files},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert (folder / "Ente.xlsx").read_bytes() == original
    numbered = sorted(p.name for p in folder.glob("Ente (*).xlsx"))
    assert len(numbered) == 12 and "Ente (13).xlsx" in numbered
    page = client.get("/")  # still the segreteria's session: the messages fit the cookie
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "«Ente.xlsx» c&#39;era già: il nuovo file è salvato come «Ente (2).xlsx»" in text
    assert "Altri 4 file salvati con un numero" in text
