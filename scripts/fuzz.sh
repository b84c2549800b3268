#!/usr/bin/env bash
# Builds the libFuzzer target for the HTTP/1.1 parser and runs it for SECONDS (default 60).
# A crash fails the run; its input is copied into Fuzz/regressions/ so the unit tests replay it
# forever after (Tests/HTTPServerTests/FuzzRegressionTests.swift).
set -euo pipefail
seconds="${1:-60}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$repo/.build-fuzz"
work="$scratch/run"
mkdir -p "$work/corpus" "$work/artifacts"

echo "fuzz: building (release, -sanitize=fuzzer) in $scratch" >&2
swift build -c release --package-path "$repo/Fuzz" --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -warnings-as-errors >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log" >&2; echo "fuzz: 0 passed, 1 failed"; exit 1; }
binary="$scratch/release/HTTP1ParserFuzzer"

echo "fuzz: running for ${seconds}s" >&2
set +e
SWIFT_BACKTRACE=enable=no "$binary" "$work/corpus" "$repo/Fuzz/seeds" "$repo/Fuzz/regressions" \
  -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" >"$work/fuzz.log" 2>&1
status=$?
set -e
grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done )" "$work/fuzz.log" >&2 || true
if [ "$status" -ne 0 ]; then
  tail -30 "$work/fuzz.log" >&2
  for artifact in "$work"/artifacts/*; do
    [ -e "$artifact" ] || continue
    cp "$artifact" "$repo/Fuzz/regressions/$(basename "$artifact")"
    echo "fuzz: saved $(basename "$artifact") to Fuzz/regressions/ — add it to git once fixed" >&2
  done
  echo "fuzz: 0 passed, 1 failed"
  exit 1
fi
echo "fuzz: 1 passed, 0 failed"
