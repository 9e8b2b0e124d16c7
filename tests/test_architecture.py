"""ARCHITECTURE.md stays true: every module it names exists, and every module and package
of the tool is on the map."""

from __future__ import annotations

import re

from helpers import ROOT

PACKAGE = ROOT / "pianoperf_xl"
MAP = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def named_paths() -> set[str]:
    """The `module.py` and `package/` paths the map names, relative to the package."""
    return set(re.findall(r"`([a-z_]+(?:/[a-z_]+)*(?:\.py|/))", MAP))


def test_every_module_the_map_names_exists():
    missing = [p for p in named_paths()
               if not (PACKAGE / p).exists() and not (ROOT / p).exists()]
    assert missing == []


def test_every_module_and_package_is_on_the_map():
    named = named_paths()
    covered = {p.rstrip("/") for p in named}
    unmapped = []
    for path in sorted(PACKAGE.iterdir()):
        if path.name.startswith("_") or path.name in ("reference", "__pycache__"):
            continue
        if path.is_dir() and (path / "__init__.py").exists():
            if path.name not in covered and not any(c.startswith(path.name + "/")
                                                    for c in covered):
                unmapped.append(path.name + "/")
        elif path.suffix == ".py" and path.name not in named and path.stem not in covered:
            unmapped.append(path.name)
    assert unmapped == []
