"""The Flask application and its server.

``create_app`` wires the round, the keys and the pages; ``serve`` runs it under waitress
(a maintained, pure-Python WSGI server) on 127.0.0.1 unless another address is given.
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

from pianoperf_xl.web import security
from pianoperf_xl.web.access import Keys
from pianoperf_xl.web.builds import Builder
from pianoperf_xl.web.round import Round
from pianoperf_xl.web.uploads import MAX_UPLOAD_BYTES

HERE = Path(__file__).parent
LOCALHOST = "127.0.0.1"


def create_app(round_: Round, keys: Keys | None = None, *, shared: bool = False):
    """The application for ``round_``. ``shared``: the sectors' upload pages are on
    (``web --condividi``), with the keys in ``keys.sectors``."""
    from pianoperf_xl.web.routes import errors, sector, segreteria

    app = security.RedactedFlask(__name__, template_folder=str(HERE / "templates"),
                                 static_folder=str(HERE / "static"))
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),  # a new one at each start: sessions end too
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES * 10 + 1024 * 1024,  # a few files at once
        MAX_FORM_MEMORY_SIZE=1024 * 1024)
    app.extensions["pianoperf"] = {"round": round_, "keys": keys or Keys(),
                                   "builder": Builder(round_), "shared": shared}
    app.jinja_env.globals["shared"] = shared
    security.install(app)
    app.register_blueprint(segreteria.pages)
    if shared:
        app.register_blueprint(sector.pages)
    errors.install(app)
    return app


def make_server(app, host: str = LOCALHOST, port: int = 8765):
    """A waitress server listening on ``host:port`` (0: a free port); ``url(server)``."""
    from waitress import create_server

    logging.getLogger("waitress").setLevel(logging.WARNING)
    return create_server(app, host=host, port=port, threads=4,
                         max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024,
                         ident="pianoperf")


def url(server) -> str:
    return f"http://{_url_host(server.effective_host)}:{server.effective_port}"


def serve(app, host: str = LOCALHOST, port: int = 8765, *, ready=None) -> None:
    """Serve until interrupted. ``ready(url)`` is called once the socket listens."""
    server = make_server(app, host, port)
    if ready is not None:
        ready(url(server))
    try:
        server.run()
    finally:
        server.close()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
