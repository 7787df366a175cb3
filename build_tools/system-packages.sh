#!/usr/bin/env bash
# Install the Debian packages that the build and the tests need, if any is missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail

packages=(
  libpango-1.0-0 libpangoft2-1.0-0   # WeasyPrint lays out text with Pango
  libharfbuzz-subset0                 # fast font subsetting (without it WeasyPrint falls back to fontTools, much slower)
  fonts-noto-core fonts-noto-cjk fonts-noto-mono  # Noto for Latin, Arabic and every other script, Chinese/Japanese/Korean
  poppler-utils                       # pdftotext, pdffonts and pdftoppm, used by the tests
  zbar-tools                          # zbarimg: the tests read the handouts' QR codes back
  python3-venv                        # `python3 -m venv` on Debian's Python
  chromium                            # the tests open the site in it (Playwright, tests/browser)
  default-jre-headless                # Java for the Nu HTML Checker (vnu.jar) and EPUBCheck
)
# npm installs axe-core and vnu-jar (package-lock.json); NodeSource's nodejs carries its own npm.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
  # A package counts as present only when dpkg says it is installed, not merely known.
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing system packages (${missing[*]}) and no apt-get here; install their equivalents" >&2
  exit 1
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "error: missing system packages; run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
