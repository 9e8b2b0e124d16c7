"""``pianoperf web``: the round's folder, the keys and the server put together."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from pianoperf_xl.errors import Unusable
from pianoperf_xl.web.access import Keys
from pianoperf_xl.web.round import Round


def make_round(folder: str | Path, *, outbox=None, output=None, year: int | None = None,
               approval_date: dt.date | None = None) -> Round:
    folder = Path(folder)
    if not folder.is_dir():
        raise Unusable(f"La cartella «{folder}» non esiste.")
    here = folder.resolve()
    out_dir = Path(output) if output else here.parent / f"{here.name}-uscita"
    if out_dir.resolve() == folder.resolve():
        raise Unusable("La cartella di uscita deve essere diversa da quella dei file "
                       "restituiti.")
    return Round(folder, out_dir, Path(outbox) if outbox else None, year, approval_date)


def sector_keys(outbox: str | Path | None) -> dict[str, str]:
    from pianoperf_xl.distribute.web_keys import FILE_NAME, read_keys

    keys = read_keys(outbox) if outbox else None
    if not keys:
        raise Unusable("Con --condividi serve --outbox, la cartella scritta da «pianoperf "
                       f"distribute» con il file «{FILE_NAME}» delle chiavi dei settori.")
    return keys


def run(folder, *, outbox=None, output=None, shared: bool = False, host: str = "127.0.0.1",
        port: int = 8765, browser: bool = True, year: int | None = None,
        approval_date: dt.date | None = None, echo: Callable[[str], None] = print) -> None:
    from pianoperf_xl.web.app import create_app, serve

    round_ = make_round(folder, outbox=outbox, output=output, year=year,
                        approval_date=approval_date)
    keys = Keys(sectors=sector_keys(outbox) if shared else {})
    app = create_app(round_, keys, shared=shared)

    def ready(base: str) -> None:
        url = f"{base}/accesso/{keys.segreteria}"
        echo(f"Pagina della segreteria (link personale, da non far circolare): {url}")
        if shared:
            echo(f"Link dei settori: {len(keys.sectors)}, elencati nella pagina «Modelli, "
                 "email e link».")
        echo("Per fermare il server: Ctrl+C.")
        if browser:
            import webbrowser

            webbrowser.open(url)

    try:
        serve(app, host, port, ready=ready)
    except OSError as exc:
        raise Unusable(f"Non si può ascoltare su {host}:{port} ({exc.strerror or exc}): "
                       "scegliere un'altra porta con --port.") from exc
    except KeyboardInterrupt:
        echo("Server fermato.")
