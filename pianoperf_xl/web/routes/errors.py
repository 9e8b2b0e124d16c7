"""An Italian page for every error, never a traceback."""

from __future__ import annotations

from flask import render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from pianoperf_xl.web.uploads import too_large_message

MESSAGES = {
    400: ("Richiesta non valida", "La richiesta non è stata capita. Tornare alla pagina "
                                  "precedente e riprovare."),
    403: ("Accesso negato", "Questo link non dà accesso alla pagina: controllare di aver "
                            "aperto il link completo ricevuto per email."),
    404: ("Pagina non trovata", "La pagina o il file richiesto non esiste. Controllare "
                                "l'indirizzo, o tornare alla pagina iniziale."),
    405: ("Operazione non permessa", "Questa pagina non accetta questa operazione."),
    413: ("File troppo grande", too_large_message()),
    500: ("Errore imprevisto", "Qualcosa non ha funzionato. I dettagli sono nel terminale "
                               "in cui è stato avviato «pianoperf web»: segnalare il "
                               "problema."),
}
CROSS_SITE = ("La richiesta è stata rifiutata perché non viene da una pagina di questo "
              "programma (protezione contro le richieste da altri siti). Ricaricare la "
              "pagina e riprovare.")


def page(status: int, detail: str | None = None):
    title, text = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    return render_template("error.html", status=status, title=title,
                           text=detail or text), status


def install(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return page(403, CROSS_SITE + " (" + _csrf_reason(exc) + ")")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code == 403 and exc.description == "cross-site":
            return page(403, CROSS_SITE)
        return page(exc.code or 500)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.log_exception((type(exc), exc, exc.__traceback__))
        return page(500)


def _csrf_reason(exc: CSRFError) -> str:
    """Flask-WTF's English reason, said in Italian."""
    reason = (exc.description or "").lower()
    if "missing" in reason:
        return "manca il codice di sicurezza del modulo"
    return "il codice di sicurezza del modulo non è valido o è scaduto"
