#!/usr/bin/env bash
# One-time set-up on a fresh Debian/Ubuntu machine: Node dependencies and Chromium for the browser tests.
# Electron's own binary is fetched by `npm ci` where its download host is reachable; without it the
# desktop window cannot open, and `npm run web` shows the same UI in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
fi
npm ci --no-audit --no-fund
