#!/usr/bin/env bash
# Installs (or, without root and sudo, names) the Debian/Ubuntu packages that Manim needs:
# a compiler, Python headers and venv, cairo and pango to build pycairo/manimpango, and a
# minimal TeX with dvisvgm for MathTex, espeak-ng, and npm when there is none. With the argument
# `test`, also what only the tests need:
# chromium, in which the lecture's index.html is played (driven by Playwright, no browser download).
# Fast when everything is there already: one dpkg-query, no apt-get.
set -euo pipefail

PACKAGES=(
  gcc python3-dev python3-venv
  pkg-config libcairo2-dev libpango1.0-dev
  texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm cm-super-minimal
  espeak-ng  # the draft and test voice (scripts/voice)
)
# npm vendors reveal.js for the slides (Makefile); Debian's package only where there is no npm yet.
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)
TEST_PACKAGES=(chromium)
if [[ "${1:-}" == "test" ]]; then
  PACKAGES+=("${TEST_PACKAGES[@]}")
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

install_cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "nnlecture needs these system packages, and this machine has no apt-get: ${missing[*]}" >&2
  echo "Install their equivalents (cairo, pango, pkg-config, a LaTeX with dvisvgm) with your package manager." >&2
  exit 1
fi
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
  sudo=(sudo)   # may ask for the password at a terminal
else
  echo "nnlecture needs these system packages: ${missing[*]}" >&2
  echo "Install them as root:  sudo sh -c '$install_cmd'" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
