#!/usr/bin/env bash
# Puts the `h2` package (the frame-level HTTP/2 client of Tests/h2/h2probe.py) into $REPO/.venv,
# the venv scripts/contract-test.sh also uses; does nothing when it is already there. The HTTP/2
# server tests that need it are skipped, not failed, without it.
set -euo pipefail
H2_VERSION=4.4.1
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$REPO/.venv"
export PIP_CACHE_DIR="$VENV/pip-cache" PIP_DISABLE_PIP_VERSION_CHECK=1
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c "import h2, sys; sys.exit(h2.__version__ != '$H2_VERSION')" 2>/dev/null && exit 0
echo "installing h2==$H2_VERSION into $VENV" >&2
"$VENV/bin/python" -m pip install --quiet "h2==$H2_VERSION"
