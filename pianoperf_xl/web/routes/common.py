"""What both the segreteria's and the sectors' pages do: save uploads, make an annotated
copy, send a file from a folder."""

from __future__ import annotations

from pathlib import Path

from flask import abort, send_file
from werkzeug.utils import safe_join

from pianoperf_xl.web.round import Round
from pianoperf_xl.web.uploads import Refused, Saved, save_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def save_all(round_: Round, files, **options) -> tuple[list[Saved], list[str]]:
    """Save every uploaded file; the saved ones and the Italian reasons of the others."""
    saved, refused = [], []
    for upload in files:
        if not upload or not upload.filename:
            continue
        try:
            saved.append(save_upload(round_.folder, upload.stream, upload.filename,
                                     **options))
        except Refused as exc:
            refused.append(str(exc))
    return saved, refused


def send_from(folder: Path, name: str, suffixes: tuple[str, ...]):
    """``name`` from ``folder`` as a download: only a plain file directly inside it,
    with one of ``suffixes``; anything else is «not found»."""
    path = safe_join(str(folder), name)
    if (path is None or "/" in name or "\\" in name or not name.lower().endswith(suffixes)
            or Path(path).parent.resolve() != folder.resolve() or not Path(path).is_file()
            or Path(path).is_symlink()):
        abort(404)
    return send_file(path, as_attachment=True, download_name=name)


def annotated_copy(round_: Round, report, file: str):
    """The annotated copy of ``file`` (written again from the current findings)."""
    from pianoperf_xl.distribute.annotate import REFUSED, Unfaithful, annotate_workbook

    findings = [f for f in report.findings if f.file == file]
    source = next((s for s in report.plan.files if s.name == file), None)
    if (source is None or not findings or any(f.code in REFUSED for f in findings)
            or not file.lower().endswith((".xlsx", ".xlsm"))):
        abort(404)
    target = round_.annotated_dir() / file
    try:
        annotate_workbook(source.path or round_.folder / file, target, findings)
    except Unfaithful:
        abort(404)
    return send_file(target, as_attachment=True, download_name=f"verifiche - {file}")
