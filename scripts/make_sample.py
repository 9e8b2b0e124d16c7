"""Regenerate the bundled sample workbooks from their transcription.

    python scripts/make_sample.py            # samples/source/calcinate-2022 -> samples/calcinate-2022

Needs LibreOffice (soffice) on the PATH: each workbook is saved once through it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pianoperf_xl.sample import build_sample

ROOT = Path(__file__).resolve().parent.parent


def main(name: str = "calcinate-2022") -> None:
    target = ROOT / "samples" / name
    for old in target.glob("*.xlsx"):
        old.unlink()
    for path in build_sample(ROOT / "samples" / "source" / name, target):
        print(f"Scritto {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
