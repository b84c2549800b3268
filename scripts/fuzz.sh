#!/usr/bin/env bash
# Builds the libFuzzer targets (HTTP/1.1 parser, HTTP/2 session over loopback, JSON parser) and runs
# each for a third of SECONDS (default 60, so `make fuzz-smoke` stays at about a minute);
# SECONDS_EACH overrides the share. A crash fails the run; its input is copied into the fuzzer's
# regressions folder (Fuzz/regressions/, Fuzz/regressions-h2/ or Fuzz/regressions-json/) so the unit
# tests replay it forever after (Tests/HTTPServerTests/FuzzRegressionTests.swift,
# Tests/HTTPServerTests/HTTP2/HTTP2FrameNoiseTests.swift, Tests/JSONTests/JSONFuzzRegressionTests.swift).
set -euo pipefail
seconds="${1:-60}"
each="${SECONDS_EACH:-$(( seconds / 3 > 0 ? seconds / 3 : 1 ))}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$repo/.build-fuzz"
mkdir -p "$scratch/run"

echo "fuzz: building (release, -sanitize=fuzzer) in $scratch" >&2
swift build -c release --package-path "$repo/Fuzz" --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -warnings-as-errors >"$scratch/run/build.log" 2>&1 \
  || { tail -40 "$scratch/run/build.log" >&2; echo "fuzz: 0 passed, 3 failed"; exit 1; }

passed=0
failed=0
# run_fuzzer NAME SEEDS REGRESSIONS MAX_LEN: runs one fuzzer for $each seconds in its own work folder.
run_fuzzer() {
  local name="$1" seeds="$2" regressions="$3" max_len="$4"
  local work="$scratch/run/$name"
  mkdir -p "$work/corpus" "$work/artifacts" "$regressions"
  echo "fuzz: running $name for ${each}s" >&2
  set +e
  SWIFT_BACKTRACE=enable=no "$scratch/release/$name" "$work/corpus" "$seeds" "$regressions" \
    -max_total_time="$each" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" >"$work/fuzz.log" 2>&1
  local status=$?
  set -e
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done )" "$work/fuzz.log" | sed "s/^/$name: /" >&2 || true
  if [ "$status" -ne 0 ]; then
    tail -30 "$work/fuzz.log" >&2
    for artifact in "$work"/artifacts/*; do
      [ -e "$artifact" ] || continue
      cp "$artifact" "$regressions/$(basename "$artifact")"
      echo "fuzz: saved $(basename "$artifact") to ${regressions#"$repo"/}/ — add it to git once fixed" >&2
    done
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
}

run_fuzzer HTTP1ParserFuzzer "$repo/Fuzz/seeds" "$repo/Fuzz/regressions" 4096
run_fuzzer HTTP2SessionFuzzer "$repo/Fuzz/seeds-h2" "$repo/Fuzz/regressions-h2" 16384
run_fuzzer JSONParserFuzzer "$repo/Fuzz/seeds-json" "$repo/Fuzz/regressions-json" 4096
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
