#!/usr/bin/env bash
# test/deploy/k8s.spec.ts renders the Kubernetes overlays with `kubectl kustomize`: install Debian's
# kubernetes-client when no kubectl with kustomize is on the PATH. Fails (never skips) where it cannot.
set -euo pipefail
if command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "kubectl (with kustomize) is missing and cannot be installed here: install kubectl 1.20+ (Debian: apt-get install kubernetes-client) to run test/deploy/k8s.spec.ts" >&2
  exit 1
fi
echo "[test] installing kubectl from Debian packages (kubernetes-client)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq kubernetes-client >/dev/null
kubectl kustomize --help >/dev/null
