#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine (idempotent): system packages, Node
# packages for the web editor, and a Python virtual environment with the cchc package.
# Python and Node packages are installed exactly as reviewed: every distribution, direct or
# indirect, from a lock file with its hash (requirements/dev.txt, package-lock.json), no
# install scripts from npm, and the package itself without fetching anything more.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v qpdf >/dev/null 2>&1 || need_apt+=(qpdf)
command -v git-lfs >/dev/null 2>&1 || need_apt+=(git-lfs)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc libreoffice-writer)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --require-hashes -r requirements/dev.txt
.venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
