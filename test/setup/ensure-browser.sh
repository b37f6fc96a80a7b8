#!/usr/bin/env bash
# The dashboard test drives Debian's Chromium through playwright-core (no browser download): install it
# from the distribution's packages when it is missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium is missing; install it (apt-get install chromium) to run the dashboard test" >&2
  exit 1
fi
echo "[test] installing chromium from Debian packages..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
