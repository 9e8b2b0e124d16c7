"""pianoperf send, end to end against a real SMTP server on 127.0.0.1 (aiosmtpd): every
draft delivered intact, nothing sent twice, bounded and clear failures, and the password
never on the command line or in the output."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from email import policy
from email.parser import BytesParser

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from pianoperf_xl.distribute.send import LOG_NAME, PASSWORD_ENV

from helpers import SECTORS, free_port, invoke, outbox

# A login without TLS is what the tests want to see refused or allowed on 127.0.0.1.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

SENDER = "segreteria@comune.calcinate.bg.it"
PASSWORD = "s3greta-Pa55"


class Mailbox:
    """The aiosmtpd handler: keeps every envelope; refuses the addresses in ``refuse``."""

    def __init__(self, refuse=()):
        self.envelopes = []
        self.refuse = set(refuse)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Casella inesistente"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"

    def messages(self):
        return [BytesParser(policy=policy.default).parsebytes(e.content)
                for e in self.envelopes]


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"segreteria" \
        and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def server():
    started = []

    def start(mailbox=None, **options):
        mailbox = mailbox or Mailbox()
        controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), **options)
        controller.start()
        started.append(controller)
        return mailbox, controller.port

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def drafts(tmp_path):
    return outbox(tmp_path / "invio").outbox


def send(*args, env=None, input=None):
    return invoke("send", *args, env=env or {}, input=input)


def test_every_draft_is_delivered_intact(server, drafts):
    mailbox, port = server()
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Inviati 5 messaggi su 5."
    assert sorted(e.rcpt_tos[0] for e in mailbox.envelopes) == sorted(
        email for _, email in SECTORS.values())
    assert all(e.mail_from == SENDER and len(e.rcpt_tos) == 1 for e in mailbox.envelopes)
    for envelope, message in zip(mailbox.envelopes, mailbox.messages()):
        name = next(n for n, (_, email) in SECTORS.items() if email == envelope.rcpt_tos[0])
        draft = BytesParser(policy=policy.default).parsebytes(
            (drafts / f"{name}.eml").read_bytes())
        assert message["Subject"] == draft["Subject"] and name in message["Subject"]
        assert message["To"] == draft["To"] and message["From"] == SENDER
        assert message["X-Unsent"] is None and message["Date"] and message["Message-ID"]
        assert message.get_body().get_content() == draft.get_body().get_content()
        assert "entro il 31 ottobre 2030" in message.get_body().get_content()
        [attachment] = list(message.iter_attachments())
        assert attachment.get_filename() == f"{name}.xlsx"
        assert attachment.get_content() == (drafts / f"{name}.xlsx").read_bytes()


def test_a_second_run_sends_nothing_again_unless_asked(server, drafts):
    mailbox, port = server()
    assert send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER).exit_code == 0
    again = send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER)
    assert again.exit_code == 0 and len(mailbox.envelopes) == 5
    assert again.output.count("Già inviato il") == 5
    assert (drafts / LOG_NAME).read_text(encoding="utf-8-sig").count(".eml;") == 5
    forced = send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--resend")
    assert forced.exit_code == 0 and len(mailbox.envelopes) == 10


def test_dry_run_shows_what_would_be_sent_and_sends_nothing(server, drafts):
    mailbox, port = server()
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--dry-run")
    assert result.exit_code == 0 and mailbox.envelopes == []
    lines = result.output.splitlines()
    assert lines[0].startswith("Prova (--dry-run): nessun messaggio inviato.")
    assert len([line for line in lines if line.startswith("Da inviare: ")]) == 5
    assert any("a ragioneria@comune.calcinate.bg.it" in line and
               "allegato «Settore Finanziario.xlsx»" in line for line in lines)
    assert not (drafts / LOG_NAME).exists()


def test_refused_connection_is_one_italian_line_and_exit_2(drafts):
    port = free_port()  # nobody listens there
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Errore: Connessione a 127.0.0.1:{port} rifiutata: nessun server di posta risponde "
        "su quella porta (controllare --smtp)."]


def test_login_with_the_password_from_the_environment(server, drafts):
    mailbox, port = server(authenticator=authenticator, auth_require_tls=False,
                           auth_required=True)
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--user", "segreteria", "--from",
                  SENDER, env={PASSWORD_ENV: PASSWORD})
    assert result.exit_code == 0, result.output
    assert len(mailbox.envelopes) == 5 and PASSWORD not in result.output


def test_login_with_the_password_typed_at_the_prompt(server, drafts):
    mailbox, port = server(authenticator=authenticator, auth_require_tls=False,
                           auth_required=True)
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--user", "segreteria", "--from",
                  SENDER, env={PASSWORD_ENV: ""}, input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Password SMTP di segreteria" in result.output
    assert PASSWORD not in result.output and len(mailbox.envelopes) == 5


def test_wrong_password_is_one_italian_line_and_exit_2(server, drafts):
    mailbox, port = server(authenticator=authenticator, auth_require_tls=False,
                           auth_required=True)
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--user", "segreteria", "--from",
                  SENDER, env={PASSWORD_ENV: "sbagliata"})
    assert result.exit_code == 2 and mailbox.envelopes == []
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Errore: Autenticazione rifiutata da 127.0.0.1:{port} per "
                           "l'utente «segreteria»: controllare utente e password")
    assert "sbagliata" not in result.output


def test_no_password_over_an_unencrypted_connection_to_another_host(drafts):
    result = send(drafts, "--smtp", "smtp.comune.example.invalid:25", "--user", "segreteria",
                  "--from", SENDER, env={PASSWORD_ENV: PASSWORD})
    assert result.exit_code == 2
    assert "La password non si invia mai su una connessione in chiaro" in result.output


def test_a_refused_recipient_fails_that_message_only(server, drafts):
    mailbox, port = server(Mailbox(refuse={"ragioneria@comune.calcinate.bg.it"}))
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER)
    assert result.exit_code == 1 and len(mailbox.envelopes) == 4
    assert ("Non inviato: «Settore Finanziario.eml»: destinatari rifiutati: "
            "ragioneria@comune.calcinate.bg.it (550 5.1.1 Casella inesistente)"
            in result.output)
    assert result.output.splitlines()[-1] == "Inviati 4 messaggi su 5."


def test_a_sender_is_needed(server, drafts):
    _, port = server()
    result = send(drafts, "--smtp", f"127.0.0.1:{port}")
    assert result.exit_code == 2 and "Manca il mittente" in result.output


@pytest.mark.parametrize("value", ["smtp.comune.it", "smtp.comune.it:porta", ":25",
                                   "smtp.comune.it:70000"])
def test_server_must_be_host_and_port(drafts, value):
    result = send(drafts, "--smtp", value, "--dry-run")
    assert result.exit_code == 2 and "SERVER:PORTA" in result.output


def test_starttls_and_ssl_together_are_refused(drafts):
    result = send(drafts, "--smtp", "127.0.0.1:25", "--starttls", "--ssl", "--dry-run")
    assert result.exit_code == 2 and "--starttls oppure --ssl" in result.output


# --- encrypted connections, with a certificate made for the test ---------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return folder / "cert.pem", context


def test_starttls_with_login(server, drafts, certificate, monkeypatch):
    cert, context = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts the test's certificate
    mailbox, port = server(tls_context=context, require_starttls=True,
                           authenticator=authenticator, auth_required=True)
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--starttls", "--user",
                  "segreteria", "--from", SENDER, env={PASSWORD_ENV: PASSWORD})
    assert result.exit_code == 0, result.output
    assert len(mailbox.envelopes) == 5


def test_ssl(server, drafts, certificate, monkeypatch):
    cert, context = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    mailbox, port = server(ssl_context=context)
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--ssl", "--from", SENDER)
    assert result.exit_code == 0, result.output
    assert len(mailbox.envelopes) == 5


def test_an_untrusted_certificate_is_refused(server, drafts, certificate, monkeypatch, tmp_path):
    _, context = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "none.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    mailbox, port = server(tls_context=context)
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--starttls", "--from", SENDER)
    assert result.exit_code == 2 and mailbox.envelopes == []
    assert f"Il certificato di 127.0.0.1:{port} non è valido" in result.output


def test_starttls_refused_by_a_server_without_it(server, drafts):
    _, port = server()
    result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--starttls", "--from", SENDER)
    assert result.exit_code == 2 and "non offre STARTTLS" in result.output


# -- a server that goes silent, and messages that may have been delivered ----------------


class StallingMailbox(Mailbox):
    """Queues the first message, then keeps silent past the client's time-out before
    answering: the client cannot know whether it was delivered."""

    def __init__(self, stall_seconds: float):
        super().__init__()
        self.stall_seconds = stall_seconds
        self.stalled = False

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        self.envelopes.append(envelope)
        if not self.stalled:
            self.stalled = True
            await asyncio.sleep(self.stall_seconds)
        return "250 OK"


def test_a_silent_server_is_said_to_be_silent_not_misconfigured(drafts):
    import socket

    with socket.socket() as listener:  # accepts connections (backlog), never speaks
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        result = send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER,
                      "--timeout", "1")
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line == (f"Errore: Il server 127.0.0.1:{port} non risponde (atteso 1 secondi): "
                    "controllare --smtp e la rete, o riprovare più tardi.")
    assert "--ssl" not in line and "Traceback" not in result.output


def uncertain_rows(folder):
    import csv

    with open(folder / LOG_NAME, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][-1] == "Esito"
    return [row for row in rows[1:] if row[-1] == "incerto"]


def test_a_message_left_unconfirmed_is_recorded_as_uncertain_and_never_resent_unasked(
        server, drafts):
    mailbox, port = server(StallingMailbox(stall_seconds=3))
    first = send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--timeout", "1")
    assert first.exit_code == 1, first.output
    assert len(mailbox.envelopes) == 1  # the server queued it
    [row] = uncertain_rows(drafts)
    assert "Forse già inviato" in first.output and row[0] in first.output
    assert "non ha risposto entro 1 secondi" in first.output

    again = send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--timeout", "1")
    assert again.exit_code == 1, again.output  # the uncertain one is not sent again
    envelopes = mailbox.envelopes
    assert len(envelopes) == 5 and sum(e.rcpt_tos == envelopes[0].rcpt_tos
                                       for e in envelopes) == 1
    assert "Forse già inviato" in again.output and "Inviati 4 messaggi su 5." in again.output

    forced = send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--resend")
    assert forced.exit_code == 0, forced.output
    assert len(mailbox.envelopes) == 10


def test_an_uncertain_message_is_resent_when_the_user_says_so(server, drafts):
    from pianoperf_xl.distribute import send as sending

    mailbox, port = server(StallingMailbox(stall_seconds=3))
    settings = sending.SmtpSettings("127.0.0.1", port, sender=SENDER, timeout=1)
    first = sending.send_drafts(drafts, settings, None)
    [(draft, when)] = first.uncertain
    asked = []

    def confirm(candidate, moment):
        asked.append((candidate.path.name, moment))
        return True

    second = sending.send_drafts(drafts, settings, None, confirm_uncertain=confirm)
    assert asked == [(draft.path.name, when)]
    assert draft.path.name in [d.path.name for d in second.sent] and not second.uncertain
    assert len(mailbox.envelopes) == 6


def test_the_send_log_never_holds_a_live_formula(server, drafts):
    import csv

    (drafts / "Settore Finanziario.eml").rename(drafts / "=2+5.eml")
    mailbox, port = server()
    assert send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER).exit_code == 0
    with open(drafts / LOG_NAME, encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle, delimiter=";") for cell in row]
    assert "'=2+5.eml" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    again = send(drafts, "--smtp", f"127.0.0.1:{port}", "--from", SENDER)
    assert again.output.count("Già inviato il") == 5 and len(mailbox.envelopes) == 5
