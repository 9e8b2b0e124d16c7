"""Regenerate the bundled samples from their transcriptions.

    python scripts/make_sample.py                  # every sample of samples/source
    python scripts/make_sample.py calcinate-2022   # samples/source/calcinate-2022 ->
                                                   # samples/calcinate-2022

A plan sample (one YAML file per workbook), a results sample (``risultati.yaml``, the
sectors' invented returns on a plan sample, regenerated first) or an evaluation sample
(``valutazione.yaml``, invented schede on a results sample, regenerated before it). Needs
LibreOffice (soffice) on the PATH: each workbook is saved once through it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pianoperf_xl.sample import build_named, stage

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def main(*names: str) -> None:
    sources = sorted(p for p in (SAMPLES / "source").iterdir() if p.is_dir())
    # plans, then the results written on them, then the evaluations on the results
    chosen = [p.name for p in sorted(sources, key=stage) if not names or p.name in names]
    for name in names:
        if name not in chosen:
            sys.exit(f"Nessuna trascrizione in samples/source/{name}")
    for name in chosen:
        for path in build_named(SAMPLES, name):
            print(f"Scritto {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
