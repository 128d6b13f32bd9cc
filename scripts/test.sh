#!/usr/bin/env bash
# Install what the tests need, at the pinned versions, and run the whole (fast) suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test,ray]'
python3 -m pip check
# The browser tests drive Debian's Chromium through Playwright (no browser download).
command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
python3 -m pytest "$@"
