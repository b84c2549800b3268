#!/usr/bin/env bash
# Contract test: starts BINARY (`serve --listen 127.0.0.1:0`) in a temp directory, runs Schemathesis
# against it with openapi.yaml and every check (plus the gateway checks in Tests/contract/hooks.py),
# then the probes in Tests/contract/probes.py for behaviour outside the document (unknown paths and
# methods, X-Request-Id, HEAD/GET parity).
#
# Usage: scripts/contract-test.sh BINARY
# Environment:
#   CONTRACT_MAX_EXAMPLES  examples per operation (default 50)
#   CONTRACT_SEED          Schemathesis seed, to replay a run (default: random, printed by Schemathesis)
#   CONTRACT_KEEP=1        keep the temp directory (server log, junit reports) even on success
#
# The last line printed is always `contract: N passed, M failed` (junit testcases of Schemathesis and of
# the probes; a run that could not test at all, or a server that exited during the run, counts as a
# failure). Exit status is non-zero on any failure. Python packages go to $REPO/.venv only.
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5
STARTUP_TIMEOUT=30

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$REPO/.venv"
CONTRACT_DIR="$REPO/Tests/contract"
MAX_EXAMPLES=${CONTRACT_MAX_EXAMPLES:-50}

passed=0
failed=0
status=0
server_pid=""
tmp=""

say() { printf 'contract-test: %s\n' "$*" >&2; }

summary() { printf 'contract: %d passed, %d failed\n' "$passed" "$failed"; }

stop_server() {
  [ -n "$server_pid" ] || return 0
  local pid=$server_pid
  server_pid=""
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      say "server (pid $pid) still running 10 s after SIGTERM; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# Stops the server, keeps the temp directory unless all passed, prints the summary as the last line.
finished=0
finish() {
  local rc=$1
  finished=1
  stop_server
  if [ -n "$tmp" ] && [ -d "$tmp" ]; then
    if [ "$rc" -eq 0 ] && [ "${CONTRACT_KEEP:-0}" != 1 ]; then
      rm -rf "$tmp"
    else
      say "kept $tmp (server log, junit reports)"
    fi
  fi
  summary
  exit "$rc"
}

# Adds the server's last words to an abort.
on_abort() {
  if [ -n "${log:-}" ] && [ -s "$log" ]; then
    say "server log (last 40 lines):"
    tail -n 40 "$log" >&2
  fi
}

# shellcheck source=scripts/lib/harness.sh
source "$REPO/scripts/lib/harness.sh"
resolve_binary "$@"
[[ "$MAX_EXAMPLES" =~ ^[1-9][0-9]*$ ]] || abort "CONTRACT_MAX_EXAMPLES must be a positive integer, got '$MAX_EXAMPLES'"

# --- Schemathesis in $REPO/.venv -------------------------------------------------------------------
export PIP_CACHE_DIR="$VENV/pip-cache" PIP_DISABLE_PIP_VERSION_CHECK=1
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  python3 -m venv "$VENV" || abort "python3 -m venv failed (on Debian: apt-get install python3-venv)"
fi
installed=""
if [ -x "$VENV/bin/st" ]; then
  installed=$("$VENV/bin/st" --version 2>/dev/null | awk '{print $NF}') || installed=""
fi
if [ "$installed" != "$SCHEMATHESIS_VERSION" ]; then
  say "installing schemathesis==$SCHEMATHESIS_VERSION into $VENV${installed:+ (found $installed)}"
  "$VENV/bin/python" -m pip install --quiet "schemathesis==$SCHEMATHESIS_VERSION" \
    || abort "pip install schemathesis==$SCHEMATHESIS_VERSION failed"
fi

# --- start the server -------------------------------------------------------------------------------
CONTRACT_KEY="contract-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/contract-test.XXXXXX")
mkdir -p "$tmp/work" "$tmp/st"
log="$tmp/server.log"
say "starting $binary serve --listen 127.0.0.1:0 (in $tmp/work, log $log)"
(
  cd "$tmp/work"
  export GATEWAY_DATABASE="sqlite:$tmp/gw.sqlite3"
  export GATEWAY_DATA_DIR="$tmp/work/data"
  # With a key configured, Schemathesis also checks that protected endpoints refuse missing or bad keys.
  export GATEWAY_API_KEYS="contract:admin:$CONTRACT_KEY"
  # Schemathesis sends far more than 50 requests a second; the limit itself has its own tests.
  export GATEWAY_RATE_LIMIT=off
  exec "$binary" serve --listen 127.0.0.1:0
) </dev/null >"$tmp/server.stdout" 2>"$log" &
server_pid=$!

# The server logs one JSON object per line on stderr; the `listening` line carries `address`.
port=""
deadline=$((SECONDS + STARTUP_TIMEOUT))
while [ -z "$port" ]; do
  port=$(grep -E '"msg"[[:space:]]*:[[:space:]]*"listening"' "$log" 2>/dev/null \
    | sed -nE 's/.*"address"[[:space:]]*:[[:space:]]*"[^"]*:([0-9]+)".*/\1/p' | head -n 1) || true
  [ -n "$port" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    wait "$server_pid" && rc=0 || rc=$?
    server_pid=""
    abort "server exited with status $rc before logging \"listening\""
  fi
  [ "$SECONDS" -lt "$deadline" ] || abort "no \"msg\":\"listening\" line with an \"address\" on stderr within ${STARTUP_TIMEOUT}s"
  sleep 0.1
done
base="http://127.0.0.1:$port"
say "server pid $server_pid listening at $base"

# --- Schemathesis -----------------------------------------------------------------------------------
st_args=(
  --config-file "$CONTRACT_DIR/schemathesis.toml"
  run "$REPO/openapi.yaml"
  --url "$base"
  --checks all
  --max-examples "$MAX_EXAMPLES"
  --report junit --report-junit-path "$tmp/st/junit.xml"
  --request-timeout 10
  --no-color
  --header "Authorization: Bearer $CONTRACT_KEY"
)
[ -n "${CONTRACT_SEED:-}" ] && st_args+=(--seed "$CONTRACT_SEED")
st_rc=0
# From the temp directory, so nothing Schemathesis or Hypothesis writes lands in the repository.
(cd "$tmp/st" && SCHEMATHESIS_HOOKS="$CONTRACT_DIR/hooks.py" CONTRACT_OPENAPI_PATH="$REPO/openapi.yaml" \
  "$VENV/bin/st" "${st_args[@]}") || st_rc=$?

# --- probes -----------------------------------------------------------------------------------------
probes_rc=0
if kill -0 "$server_pid" 2>/dev/null; then
  echo "Probes against $base"
  "$VENV/bin/python" "$CONTRACT_DIR/probes.py" "$base" "$tmp/probes.xml" || probes_rc=$?
fi

# --- verdict ----------------------------------------------------------------------------------------
# A junit testcase failed if it has a <failure> or <error>; every other testcase (including one whose
# only note is a skipped phase, e.g. "No examples in schema") passed.
count_junit() {
  "$VENV/bin/python" - "$@" <<'PY'
import sys
import xml.etree.ElementTree as ET
passed = failed = 0
for path in sys.argv[1:]:
    for case in ET.parse(path).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        else:
            passed += 1
print(passed, failed)
PY
}
reports=()
[ -s "$tmp/st/junit.xml" ] && reports+=("$tmp/st/junit.xml")
[ -s "$tmp/probes.xml" ] && reports+=("$tmp/probes.xml")
if [ ${#reports[@]} -gt 0 ]; then
  read -r passed failed < <(count_junit "${reports[@]}") || { passed=0; failed=0; say "could not read the junit reports"; status=1; }
fi
if [ ! -s "$tmp/st/junit.xml" ]; then
  say "schemathesis wrote no junit report (exit status $st_rc)"
  failed=$((failed + 1))
  status=1
fi
if [ "$st_rc" -ne 0 ]; then
  say "schemathesis failed (exit status $st_rc)"
  status=1
fi
if [ "$probes_rc" -ne 0 ]; then
  say "probes failed (exit status $probes_rc)"
  status=1
fi
if ! kill -0 "$server_pid" 2>/dev/null; then
  wait "$server_pid" && rc=0 || rc=$?
  server_pid=""
  say "the server exited during the run (status $rc)"
  failed=$((failed + 1))
  status=1
fi
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
  status=1
fi
# A failure the reports do not show (a crashed probe script, Schemathesis refusing its input) still
# has to show in the summary line CI reads.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
if [ "$status" -ne 0 ]; then
  say "server log (last 40 lines):"
  tail -n 40 "$log" >&2 || true
fi
finish "$status"
