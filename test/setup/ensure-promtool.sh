#!/usr/bin/env bash
# The deploy tests check the Prometheus config and alert rules with promtool, which Debian ships in the
# `prometheus` package: install it from the distribution's packages when it is missing.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "promtool is missing; install it (apt-get install prometheus) to check the alert rules" >&2
  exit 1
fi
echo "[test] installing promtool (Debian package prometheus)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
