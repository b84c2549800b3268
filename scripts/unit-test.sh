#!/usr/bin/env bash
# Runs the Swift unit and process tests (already built) and repeats every failure at the end, so a CI
# log that keeps only its tail still names the failing test and its expectation.
# Extra arguments go to `swift test` (e.g. --filter ScheduleCrashStormTests).
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
log="$repo/.build/unit-test.log"
mkdir -p "$repo/.build"

swift test --package-path "$repo" --skip-build --no-parallel "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

if [ "$status" -ne 0 ]; then
  echo
  echo "unit: failures (full log: $log)"
  # Swift Testing starts failed tests and recorded issues with ✘; a crash of the test process
  # prints "Fatal error" or a caught signal. Long expectation dumps are cut at 1,500 characters.
  grep -a -E '^✘|^Fatal error|Caught signal|^💣' "$log" | grep -a -v '^✘ Test run with' | cut -c1-1500 | tail -60
  grep -E '^✘ Test run with' "$log" | tail -1
fi
exit "$status"
