"""Regenerate the bundled results sample (invented results) from its transcription.

    python scripts/make_results_sample.py   # samples/source/calcinate-2022-consuntivo -> samples/calcinate-2022-consuntivo

Needs LibreOffice (soffice) on the PATH: each workbook is saved once through it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pianoperf_xl.results.sample import build_results_sample

ROOT = Path(__file__).resolve().parent.parent


def main(name: str = "calcinate-2022-consuntivo") -> None:
    target = ROOT / "samples" / name
    for old in target.glob("*.xlsx"):
        old.unlink()
    for path in build_results_sample(ROOT / "samples" / "source" / name / "risultati.yaml",
                                     ROOT / "samples", target):
        print(f"Scritto {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
