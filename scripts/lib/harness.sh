# Shared by the test-harness scripts (contract-test.sh, sdk-test.sh): an early abort counts as one
# more failure, an unexpected exit still prints the summary line, and the BINARY argument is resolved.
# The sourcing script defines say(), finish RC (cleans up, prints its summary, exits) and the variables
# `failed` and `finished`; it may define on_abort() to add context (e.g. a server log tail).
# shellcheck shell=bash

# Ends the run early (setup problems, a server that died): the run counts as one more failure.
abort() {
  say "$*"
  failed=$((failed + 1))
  if declare -F on_abort >/dev/null; then on_abort; fi
  finish 1
}

# shellcheck disable=SC2317  # invoked by the traps
on_exit() {
  local rc=$?
  [ "$finished" = 1 ] && return 0
  [ "$rc" -ne 0 ] || rc=1
  say "stopped before the end (exit status $rc)"
  failed=$((failed + 1))
  finish "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Sets `binary` to the absolute path of the one argument, or stops with usage / aborts.
resolve_binary() {
  [ $# -eq 1 ] || { echo "usage: $0 BINARY" >&2; finished=1; exit 2; }
  case "$1" in
    /*) binary=$1 ;;
    *) binary="$PWD/$1" ;;
  esac
  [ -x "$binary" ] || abort "not an executable: $binary (build it first)"
}
