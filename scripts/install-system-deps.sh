#!/usr/bin/env bash
# Installs the Debian packages Regiokompas needs, only when they are missing.
#   runtime: Cairo (CairoSVG draws charts for docx) and fonts (Typst makes the PDF with its own
#            engine and needs no system library)
#   test:    also Chromium, for the browser tests (driven by Playwright), and Pango for WeasyPrint,
#            which the tests use as a second pdf producer and the benchmark as the comparison
set -euo pipefail
want=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libcairo.so.2 || want+=(libcairo2)
[ -d /usr/share/fonts/truetype/dejavu ] || want+=(fonts-dejavu-core)
if [ "${1:-runtime}" = "test" ]; then
  have_lib libpango-1.0.so.0 || want+=(libpango-1.0-0)
  have_lib libpangoft2-1.0.so.0 || want+=(libpangoft2-1.0-0)
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
fi
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=$(command -v sudo || true)
  if [ -z "$sudo_cmd" ]; then
    echo "Ontbrekende systeempakketten: ${want[*]}. Installeer ze met apt-get (als root)." >&2
    exit 1
  fi
else
  sudo_cmd=""
fi
echo "Systeempakketten installeren: ${want[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
