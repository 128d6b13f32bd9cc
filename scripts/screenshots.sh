#!/usr/bin/env bash
# Screenshots of every workbench page at 1366 and 390 pixels into a folder (default test-output/screens),
# over the example corpus or the store given with --db; --axe also lists accessibility violations.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-test-output/screens}"
[ $# -gt 0 ] && shift
command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
exec python3 scripts/screenshots.py "$out" "$@"
