#!/usr/bin/env bash
# Headless Chromium and its driver from the distribution's packages, for the browser tests (the
# worker's page, the printable sheet). Nothing downloads a browser of its own. Idempotent.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure_chromium: chromium and chromium-driver are missing; install them as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium chromium-driver >/dev/null
