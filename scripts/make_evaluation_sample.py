"""Regenerate the bundled evaluation sample (INVENTED scores and funds) from its
transcription.

    python scripts/make_evaluation_sample.py   # samples/source/calcinate-2022-valutazione -> samples/calcinate-2022-valutazione

Needs LibreOffice (soffice) on the PATH: each workbook is saved once through it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pianoperf_xl.evaluation.sample import build_evaluation_sample

ROOT = Path(__file__).resolve().parent.parent


def main(name: str = "calcinate-2022-valutazione") -> None:
    target = ROOT / "samples" / name
    for old in target.glob("*.xlsx"):
        old.unlink()
    for path in build_evaluation_sample(ROOT / "samples" / "source" / name / "valutazione.yaml",
                                        ROOT / "samples", target):
        print(f"Scritto {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
