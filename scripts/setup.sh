#!/usr/bin/env bash
# One-time set-up on a fresh Debian/Ubuntu machine: Node dependencies and Chromium for the browser tests.
# Electron's own binary is fetched by `npm ci` where its download host is reachable; without it the
# desktop window cannot open, and `npm run web` shows the same UI in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium-headless-shell runs the browser e2e tests (the same Blink, without the desktop browser's
# shell: the suite runs in about half the time); chromium is for `npm run bench` and a manual look.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/chromium/chromium-headless-shell ] || missing+=(chromium-headless-shell)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi
npm ci --no-audit --no-fund
