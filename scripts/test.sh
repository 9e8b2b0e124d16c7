#!/usr/bin/env bash
# Install what the tests need and run them:
#  - LibreOffice (Calc and Writer) from Debian's packages: the real spreadsheet and
#    word processor the tests open our files with, plus metric-compatible fonts and
#    poppler-utils (pdftotext) to read the PDFs back;
#  - this package with its test extras.
# Extra arguments are passed to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    libreoffice-calc libreoffice-writer fonts-dejavu-core fonts-liberation2 poppler-utils \
    >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -e '.[test]'
python3 -m pytest "$@"
