#!/usr/bin/env bash
# Install what the tests need and run them:
#  - LibreOffice (Calc and Writer) from Debian's packages: the real spreadsheet and
#    word processor the tests open our files with, plus metric-compatible fonts and
#    poppler-utils (pdftotext) to read the PDFs back;
#  - Chromium and its driver from Debian's packages, for the web page's tests (Selenium
#    drives them headless), and axe-core from the npm registry into tests/.vendor/ (a
#    test-only file for the accessibility check, never part of the product);
#  - python3-venv where Python has no ensurepip (stock Debian/Ubuntu);
#  - this package with its test extras, in the virtual environment .venv (the one the
#    README's first command makes; created here if missing), since the system pip of
#    Debian and Ubuntu refuses to install packages (externally managed environment).
# Extra arguments are passed to pytest, which runs from .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  packages+=(libreoffice-calc libreoffice-writer fonts-dejavu-core fonts-liberation2
             poppler-utils)
fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  packages+=(chromium chromium-driver)
fi
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi
if [ ! -x .venv/bin/python ] && ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  packages+=(python3-venv)
fi
if [ "${#packages[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${packages[@]}" >/dev/null
fi

if [ ! -f tests/.vendor/axe.min.js ]; then
  vendor=$(mktemp -d)
  (cd "$vendor" && npm pack --silent axe-core@4 >/dev/null && tar -xzf axe-core-*.tgz package/axe.min.js)
  mkdir -p tests/.vendor
  mv "$vendor/package/axe.min.js" tests/.vendor/axe.min.js
  rm -rf "$vendor"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/python -m pytest "$@"
