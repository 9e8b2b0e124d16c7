"""LibreOffice headless: the real spreadsheet and word-processor client, for conversions.

Used to recalculate workbooks (the bundled sample is saved through it, as a file saved by
Excel would be) and to turn documents into PDF. A private user profile makes every run
independent of the user's own LibreOffice settings and forces formulas to be recalculated
on load, which LibreOffice by default does not do for .xlsx files, and the locale is
Italian, so documents show 5.115.600,00 and 31/12/2022.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from pianoperf_xl.errors import Unusable

PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>it-IT</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>it-IT</value></prop></item>
</oor:items>
"""


class OfficeUnavailable(Unusable):
    """LibreOffice is not installed or could not convert the file."""


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: str | os.PathLike, target_format: str, out_dir: str | os.PathLike,
            *, timeout: float = 180) -> Path:
    """Convert ``source`` with LibreOffice headless (e.g. ``"xlsx"``, ``"pdf"``).

    Returns the path of the converted file in ``out_dir``. Raises ``OfficeUnavailable``
    with an Italian message when LibreOffice is missing or fails.
    """
    soffice = find_soffice()
    if soffice is None:
        raise OfficeUnavailable("LibreOffice non è installato: impossibile convertire "
                                f"{Path(source).name}.")
    source = Path(source).resolve()
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pianoperf-lo-") as profile:
        user_dir = Path(profile) / "user"
        user_dir.mkdir()
        (user_dir / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--nolockcheck", "--convert-to", target_format,
                   "--outdir", str(out_dir), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                    check=False)
        except subprocess.TimeoutExpired as exc:
            raise OfficeUnavailable(f"LibreOffice non ha risposto entro {timeout:.0f} secondi "
                                    f"convertendo {source.name}.") from exc
    target = out_dir / (source.stem + "." + target_format.split(":")[0])
    if result.returncode != 0 or not target.exists():
        raise OfficeUnavailable(f"LibreOffice non è riuscito a convertire {source.name}: "
                                f"{(result.stderr or result.stdout).strip()[:300]}")
    return target
