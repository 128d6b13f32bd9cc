#!/usr/bin/env bash
# Refresh constraints.txt: resolve the newest releases that pyproject.toml allows
# (with the test and ray extras) in a fresh virtual environment, check them with
# `pip check`, and pin every installed distribution exactly. Run the test suite
# afterwards (bash scripts/test.sh) before committing the new pins.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test,ray]'
"$venv/bin/python" -m pip check
{
  echo "# Exact versions the README's commands install (pip install -c constraints.txt)."
  echo "# Made by scripts/lock.sh on Python $("$venv/bin/python" -c 'import platform; print(platform.python_version())'); do not edit by hand."
  "$venv/bin/python" -m pip freeze --exclude-editable --all | grep -vE '^(pip|setuptools|wheel)=='
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) pins"
