"""The sectors' upload keys for ``pianoperf web --condividi``.

``distribute`` gives every sector a random key (``secrets.token_urlsafe``) and writes
them to ``chiavi-web.json`` in the outbox, readable by its owner only (0600): the keys
are not in distribuzione.csv, which is opened in Excel and passed around. Writing the
outbox again keeps the keys already given, so links already sent stay valid. The web
server reads the file to know which link is which sector's.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from pathlib import Path

from pianoperf_xl.distribute import DistributionError

FILE_NAME = "chiavi-web.json"
KEY_BYTES = 24  # 32 URL-safe characters


def read_keys(outbox: str | Path) -> dict[str, str] | None:
    """Sector name -> key; None when the outbox has no keys file."""
    path = Path(outbox) / FILE_NAME
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = {str(k): str(v) for k, v in data["settori"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DistributionError(f"«{path}» non è il file delle chiavi scritto da «pianoperf "
                                "distribute»: rifare la distribuzione.") from exc
    return keys


def write_keys(outbox: str | Path, sectors: list[str]) -> dict[str, str]:
    """A key for every sector (the old ones kept), written readable by the owner only."""
    old = read_keys(outbox) or {}
    keys = {name: old.get(name) or secrets.token_urlsafe(KEY_BYTES) for name in sectors}
    path = Path(outbox) / FILE_NAME
    # mkstemp makes the file 0600 from the start: the keys are never readable by others,
    # not even for a moment (atomic_path would widen the mode to the umask's).
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"settori": keys}, handle, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return keys


def sector_link(base_url: str, key: str) -> str:
    """The upload page of one sector on the server at ``base_url``."""
    return f"{base_url.rstrip('/')}/settore/{key}"
