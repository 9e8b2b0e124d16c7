"""Protection of the pages: cross-site requests refused, strict headers, no key in logs.

- Forms carry a CSRF token (Flask-WTF's ``CSRFProtect``, tied to the session cookie);
  besides, a POST whose ``Origin`` (or ``Sec-Fetch-Site``) says it comes from another
  site is refused before the token is even looked at.
- The session cookie is HttpOnly and SameSite=Strict; pages are never cached, never
  framed, send their address (which may hold a sector's key) to no other site, and load scripts and
  styles from this server only (Content-Security-Policy).
- Flask logs an unexpected error with the request's path, which holds a sector's key:
  ``RedactedFlask`` logs the endpoint instead.
"""

from __future__ import annotations

from flask import Flask, abort, request
from flask_wtf.csrf import CSRFProtect

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

csrf = CSRFProtect()


class RedactedFlask(Flask):
    def log_exception(self, exc_info) -> None:
        self.logger.error("Errore imprevisto nella pagina %s [%s]",
                          request.endpoint or "?", request.method, exc_info=exc_info)


def install(app: Flask) -> None:
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict",
                      WTF_CSRF_TIME_LIMIT=None)
    app.before_request(refuse_cross_site)
    csrf.init_app(app)
    app.after_request(headers)


def same_origin() -> bool:
    """The request comes from a page of this server, by what the browser says."""
    if request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
        return False
    origin = request.headers.get("Origin")
    return origin is None or origin == request.host_url.rstrip("/")


def refuse_cross_site() -> None:
    if request.method in UNSAFE_METHODS and not same_origin():
        abort(403, description="cross-site")


def headers(response):
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response
