#!/usr/bin/env bash
# Rebuild blog/tests/fixtures/rtl_deck.pdf from rtl_deck.fodp with LibreOffice, the way
# real decks are made (Debian: apt-get install -y libreoffice-impress fonts-dejavu-core).
# blog/tests/test_pdf_text.py reads the committed PDF, and converts the source again
# where LibreOffice is installed (CI installs it).
set -euo pipefail
cd "$(dirname "$0")/../blog/tests/fixtures"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
soffice --headless -env:UserInstallation=file://"$out"/profile --convert-to pdf --outdir "$out" rtl_deck.fodp >/dev/null
mv "$out"/rtl_deck.pdf rtl_deck.pdf
echo "blog/tests/fixtures/rtl_deck.pdf: $(stat -c %s rtl_deck.pdf) bytes"
