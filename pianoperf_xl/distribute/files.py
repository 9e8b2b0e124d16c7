"""File names made from user text."""

from __future__ import annotations

import re
import unicodedata

from pianoperf_xl.values import clean_text

# Characters Windows, macOS or Linux refuse in a file name, and control characters.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}
MAX_STEM = 80  # well under every file system's limit, with room for " (2).xlsx"


def safe_stem(text: str | None, fallback: str = "Settore") -> str:
    """A file name stem from user text: no separators or forbidden characters, no
    invisible format characters (a right-to-left override would show «Tributi‮xslx.jpg»
    for a workbook), no leading dots (no hidden files, no ".."), no Windows reserved
    name, not too long."""
    text = unicodedata.normalize("NFC", clean_text(text))
    text = " ".join(_FORBIDDEN.sub(" ", text).split())
    text = text[:MAX_STEM].strip(" .")
    if not text or text.split(".")[0].casefold() in _RESERVED:
        text = f"{fallback} {text}".strip(" .") if text else fallback
    return text


def unique_stem(text: str | None, taken: set[str], fallback: str = "Settore") -> str:
    """``safe_stem``, made unique against ``taken`` (compared without case, as Windows
    and macOS do), and added to it."""
    stem = base = safe_stem(text, fallback)
    n = 2
    while stem.casefold() in taken:
        stem = f"{base} ({n})"
        n += 1
    taken.add(stem.casefold())
    return stem
