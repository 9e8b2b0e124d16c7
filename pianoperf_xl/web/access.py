"""Who may see what: the segreteria by its key, each sector by its own.

Keys are compared with ``hmac.compare_digest`` (constant time), against every known key
so that the time taken does not depend on which one matched. The segreteria's key is
made at each start and shown only to whoever started the server; the sectors' keys are
those ``distribute`` wrote (``distribute.web_keys``).
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field


def new_key() -> str:
    return secrets.token_urlsafe(24)


@dataclass
class Keys:
    segreteria: str = field(default_factory=new_key)
    sectors: dict[str, str] = field(default_factory=dict)  # sector name -> key

    def is_segreteria(self, given: str | None) -> bool:
        return _same(given, self.segreteria)

    def sector_of(self, given: str | None) -> str | None:
        """The sector whose key ``given`` is, or None; every key is compared."""
        found = None
        for name, key in self.sectors.items():
            if _same(given, key):
                found = name
        return found


def _same(given: str | None, key: str) -> bool:
    return hmac.compare_digest((given or "").encode(), key.encode())
