"""The segreteria's pages: the round at a glance, uploads and findings, the build, the
templates and e-mail drafts. Open only with the segreteria's key (``/accesso/KEY``,
which opens a session)."""

from __future__ import annotations

from flask import (Blueprint, abort, flash, jsonify, redirect, render_template, request,
                   session, url_for)

from pianoperf_xl.web import views
from pianoperf_xl.web.routes import context
from pianoperf_xl.web.routes.common import annotated_copy, save_all, send_from

pages = Blueprint("segreteria", __name__)
OPEN = {"segreteria.access", "static"}
OUTPUT_SUFFIXES = (".xlsx", ".docx", ".pdf", ".json", ".html", ".csv")
OUTBOX_SUFFIXES = (".xlsx", ".eml")  # never chiavi-web.json


@pages.before_app_request
def segreteria_only():
    if request.blueprint == "segreteria" and request.endpoint not in OPEN \
            and not session.get("segreteria"):
        abort(403)


@pages.get("/accesso/<key>")
def access(key: str):
    if not context()["keys"].is_segreteria(key):
        abort(403)
    session.clear()
    session["segreteria"] = True
    return redirect(url_for("segreteria.round_page"))


@pages.get("/")
def round_page():
    ctx = context()
    round_ = ctx["round"]
    checked = round_.checked()
    status = round_.status() if checked.report is not None else None
    all_rows = views.rows(checked.report) if checked.report is not None else []
    chosen = {k: request.args.get(k, "") for k in views.FILTERS}
    annotatable = _annotatable(checked.report)
    return render_template("round.html", checked=checked, status=status,
                           rows=views.filtered(all_rows, chosen), total=len(all_rows),
                           choices=views.choices(all_rows), chosen=chosen,
                           annotatable=annotatable, job=ctx["builder"].job)


def _annotatable(report) -> set[str]:
    from pianoperf_xl.distribute.annotate import REFUSED

    if report is None:
        return set()
    files = {f.file for f in report.findings}
    refused = {f.file for f in report.findings if f.code in REFUSED}
    return {f for f in files - refused if f.lower().endswith((".xlsx", ".xlsm"))}


@pages.post("/carica")
def upload():
    round_ = context()["round"]
    saved, refused = save_all(round_, request.files.getlist("file"))
    for text in upload_messages(saved):
        flash(text, "ok")
    for reason in refused[:MAX_MESSAGES]:
        flash(reason, "errore")
    if len(refused) > MAX_MESSAGES:
        flash(f"Altri {len(refused) - MAX_MESSAGES} file non salvati.", "errore")
    if not saved and not refused:
        flash("Nessun file scelto.", "errore")
    return redirect(url_for("segreteria.round_page") + "#esito")


# The messages travel in the session cookie, which browsers cap at 4 KB.
MAX_MESSAGES = 8


def upload_messages(saved) -> list[str]:
    """One line for the files saved as they were named, one for each renamed."""
    plain = [item.name for item in saved if not item.renamed]
    lines = []
    if plain:
        shown = ", ".join(f"«{name}»" for name in plain[:MAX_MESSAGES])
        more = f" e altri {len(plain) - MAX_MESSAGES}" if len(plain) > MAX_MESSAGES else ""
        lines.append(f"Salvat{'o' if len(plain) == 1 else 'i'} {shown}{more}.")
    renamed = [item for item in saved if item.renamed]
    for item in renamed[:MAX_MESSAGES]:
        lines.append(f"«{item.wanted}» c'era già: il nuovo file è salvato come «{item.name}», "
                     "senza sostituire l'altro (se sono dello stesso settore si usa il più "
                     "recente).")
    if len(renamed) > MAX_MESSAGES:
        lines.append(f"Altri {len(renamed) - MAX_MESSAGES} file salvati con un numero.")
    return lines


@pages.get("/annotata/<file>")
def annotated(file: str):
    round_ = context()["round"]
    report = round_.checked().report
    if report is None:
        abort(404)
    return annotated_copy(round_, report, file)


@pages.post("/build")
def start_build():
    context()["builder"].start(pdf=request.form.get("pdf") == "1")
    return redirect(url_for("segreteria.build_page"))


@pages.get("/build")
def build_page():
    job = context()["builder"].job
    return render_template("build.html", job=job, label=views.output_label)


@pages.get("/build/stato")
def build_state():
    job = context()["builder"].job
    return jsonify(job.to_dict() if job else {"done": True, "steps": [], "problem": None})


@pages.get("/scarica/uscita/<name>")
def output_file(name: str):
    return send_from(context()["round"].out_dir, name, OUTPUT_SUFFIXES)


@pages.get("/modelli")
def templates_page():
    ctx = context()
    round_ = ctx["round"]
    outbox = round_.outbox
    outbox_files = (sorted((p.name for p in outbox.iterdir() if p.is_file()
                            and p.suffix.lower() in OUTBOX_SUFFIXES), key=str.casefold)
                    if outbox and outbox.is_dir() else [])
    blank = _blank_templates(round_)
    links = []
    if ctx["shared"]:
        from pianoperf_xl.distribute.web_keys import sector_link

        links = [(name, sector_link(request.host_url, key))
                 for name, key in ctx["keys"].sectors.items()]
    return render_template("templates.html", blank=blank, outbox_files=outbox_files,
                           outbox=outbox, links=links)


def _blank_templates(round_) -> list[str]:
    """The blank templates of the plan's year, written once into the output folder."""
    from pianoperf_xl.years import default_year
    from pianoperf_xl.write.templates import write_blank_templates

    folder = round_.templates_dir()
    report = round_.checked().report
    year = round_.year or (report.year if report else None) or default_year()
    year_dir = folder / str(year)
    if not year_dir.is_dir() or not any(year_dir.glob("*.xlsx")):
        write_blank_templates(year_dir, year)
    return sorted(p.name for p in year_dir.glob("*.xlsx"))


@pages.get("/scarica/modelli/<name>")
def blank_template(name: str):
    round_ = context()["round"]
    folders = sorted(round_.templates_dir().glob("*"))
    if not folders:
        abort(404)
    return send_from(folders[-1], name, (".xlsx",))


@pages.get("/scarica/invio/<name>")
def outbox_file(name: str):
    outbox = context()["round"].outbox
    if outbox is None:
        abort(404)
    return send_from(outbox, name, OUTBOX_SUFFIXES)
