#!/usr/bin/env bash
# Install what the tests need and run the whole (fast) suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e '.[test,ray]'
# The browser tests drive Debian's Chromium through Playwright (no browser download).
command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
python3 -m pytest "$@"
