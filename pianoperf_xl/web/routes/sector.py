"""A sector's page, opened by the link with its key (``web --condividi``): upload the
filled workbook, see that file's findings at once, download its annotated copy. Nothing
of another sector is shown: the files and findings are those of this sector only."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from pianoperf_xl.distribute.files import safe_stem
from pianoperf_xl.web import views
from pianoperf_xl.web.routes import context
from pianoperf_xl.web.routes.common import annotated_copy, save_all

pages = Blueprint("sector", __name__, url_prefix="/settore")


def _sector(key: str) -> str:
    name = context()["keys"].sector_of(key)
    if name is None:
        abort(403)
    return name


def _files(round_, sector: str):
    """This sector's workbooks in the folder: the one used first, then older versions."""
    status = round_.status()
    if status is None:
        return [], []
    mine = [r for r in status.returned if r.expected is not None and r.expected.name == sector]
    used = [r.file for r in mine if r.used]
    return used, [r.file for r in mine if not r.used]


class _Named:
    """A sector name as ``match_sectors`` takes it."""

    def __init__(self, name: str) -> None:
        self.name, self.head = name, None


def _same_sector(sector: str):
    """Refuse a workbook whose sector is not this one, judged against every sector with
    a link: it would take another sector's place."""
    from pianoperf_xl.interpret.sectors import match_sectors

    names = list(context()["keys"].sectors)
    units = [_Named(name) for name in names]

    def check(name: str | None) -> str | None:
        if name is None:
            return None
        match = match_sectors([_Named(name)], units)[0][1]
        if match is None or match.name != sector:
            return (f"Il file è la scheda di «{name}», non del {sector}: da questa pagina si "
                    "carica solo la scheda del proprio settore.")
        return None
    return check


@pages.get("/<key>")
def page(key: str):
    sector = _sector(key)
    round_ = context()["round"]
    used, older = _files(round_, sector)
    report = round_.checked().report
    rows = views.rows(report, set(used)) if report is not None and used else []
    return render_template("sector.html", key=key, sector=sector, used=used, older=older,
                           rows=rows, annotatable=bool(rows))


@pages.post("/<key>/carica")
def upload(key: str):
    sector = _sector(key)
    round_ = context()["round"]
    saved, refused = save_all(round_, request.files.getlist("file")[:1],
                              stem=safe_stem(sector), kinds=("settore",),
                              sector_check=_same_sector(sector))
    for item in saved:
        flash("Scheda caricata: le verifiche qui sotto sono quelle di questo file."
              + (" Anche la versione caricata prima resta conservata: qui sotto è indicata "
                 "quella che si usa, la più recente." if item.renamed else ""), "ok")
    for reason in refused:
        flash(reason, "errore")
    if not saved and not refused:
        flash("Nessun file scelto.", "errore")
    return redirect(url_for("sector.page", key=key) + "#esito")


@pages.get("/<key>/annotata")
def annotated(key: str):
    sector = _sector(key)
    round_ = context()["round"]
    used, _ = _files(round_, sector)
    report = round_.checked().report
    if not used or report is None:
        abort(404)
    return annotated_copy(round_, report, used[0])
