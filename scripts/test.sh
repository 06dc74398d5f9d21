#!/usr/bin/env bash
# Build the wheel, install it in a fresh virtual environment with the test tools, and run the
# whole suite against the installed package (rules/ and parameters/ live outside the import
# package, so the checkout alone proves nothing). Usage: scripts/test.sh [pytest args…]
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${RIGHTS_ENGINE_TEST_VENV:-.venv-test}"
python3 -m venv --clear "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet build
rm -rf dist
"$venv/bin/python" -m build --wheel --outdir dist . >/dev/null
wheel=$(ls dist/rights_engine-*.whl)
"$venv/bin/python" -m pip install --quiet "${wheel}[test]"
# Headless Chromium and its driver from Debian's packages, for the printable sheet's and the
# worker's page browser tests.
scripts/ensure_chromium.sh
# `pytest` (not `python -m pytest`) so that the checkout is not put on sys.path.
"$venv/bin/pytest" "$@"
