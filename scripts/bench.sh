#!/usr/bin/env bash
# Measures the gateway against nginx serving the same answers (shared/bench), reported as ratios.
# Usage: scripts/bench.sh GATEWAY_BINARY   (see bench/README.md for what it measures and the BENCH_* knobs)
set -euo pipefail
shopt -s inherit_errexit

repo_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared_bench_dir="${SHARED_DIR:-$repo_dir/../shared}/bench"
results_dir="$repo_dir/bench/results"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-3}"
rounds="${BENCH_ROUNDS:-3}"
forward_script="${BENCH_FORWARD_SCRIPT:-post.lua}"
# The pipeline bench/azure-upstream.conf.in publishes (its interface declares every name body.json assigns).
bench_pipeline_id="5e1d0a11-0000-4000-8000-00000000be7c"
connection_counts=(1 16 64)
rss_sample_interval=0.5
# Targets from DESIGN.md "Performance and reliability targets", all at 64 connections.
declare -A target_ratio=([healthz]=0.6 [validate]=0.35 [forward]=0.45)
rss_target_mb=30

# Columns of runs.tsv, one line per measured wrk run.
col_rps=5 col_p50=6 col_p99=7
error_names=(connect read write status timeout) # columns 8..12, in report.lua's order

run_dir=""
runs_file=""
rss_file=""
idle_rss_kb=""
started_pids=()
sampler_pid=""
gateway_pid=""
gateway_log=""

bench_name=bench
# shellcheck source=lib/bench-common.sh
source "$repo_dir/scripts/lib/bench-common.sh"

check_prerequisites() {
  local tool
  for tool in wrk nginx curl; do
    command -v "$tool" >/dev/null || die "$tool is missing; run scripts/install-deps.sh bench (or make bench)"
  done
  command -v python3 >/dev/null || die "python3 is missing (it parses wrk's results); apt-get install -y python3"
  [ -d "$shared_bench_dir" ] || die "no reference bench files at $shared_bench_dir; set SHARED_DIR to the shared/ folder"
  local knob
  for knob in duration warmup rounds; do
    [[ ${!knob} =~ ^[0-9]+$ ]] || die "BENCH_${knob^^} must be a whole number, got '${!knob}'"
  done
  ((duration > 0 && rounds > 0)) || die "BENCH_DURATION and BENCH_ROUNDS must be at least 1"
  [[ $forward_script == get.lua || $forward_script == post.lua ]] ||
    die "BENCH_FORWARD_SCRIPT must be get.lua or post.lua, got '$forward_script'"
}

# Prints N distinct free loopback ports; all are held open together so none is handed out twice.
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    held.append(s)
print(" ".join(str(s.getsockname()[1]) for s in held))
PY
}

prepare_run_dir() {
  run_dir=$(mktemp -d -t gateway-bench.XXXXXX)
  # nginx workers run as nobody when started as root; they must be able to reach their temp paths.
  chmod 755 "$run_dir"
  cp "$shared_bench_dir"/{anchor.conf.in,upstream.conf.in,get.lua,post.lua,report.lua,body.json} "$run_dir/"
  cp "$repo_dir/bench/azure-upstream.conf.in" "$run_dir/"
  runs_file="$run_dir/runs.tsv"
  rss_file="$run_dir/rss-kb.txt"
  : >"$runs_file"
  : >"$rss_file"
  : >"$run_dir/not-available.tsv"
}

# Waits until URL answers 2xx, failing early if PID exits, with the tail of LOG either way.
wait_until_ready() {
  local name=$1 url=$2 pid=$3 log_file=$4 timeout_s=$5 deadline
  deadline=$((SECONDS + timeout_s))
  until curl -sf -o /dev/null --max-time 2 "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      die "$name exited during start-up; last lines of $log_file:"$'\n'"$(tail -n 20 "$log_file" 2>/dev/null)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      die "$name did not answer $url within ${timeout_s}s; last lines of $log_file:"$'\n'"$(tail -n 20 "$log_file" 2>/dev/null)"
    fi
    sleep 0.1
  done
}

# Fills a shared nginx template into its own directory and starts it in the foreground (daemon off).
start_nginx() {
  local name=$1 template=$2 port=$3 upstream_port=$4 workers=$5 probe_path=$6
  local dir="$run_dir/$name"
  mkdir -p "$dir"
  sed -e "s|@PORT@|$port|g" -e "s|@UPSTREAM_PORT@|$upstream_port|g" \
    -e "s|@WORKERS@|$workers|g" -e "s|@RUNDIR@|$dir|g" "$run_dir/$template" >"$dir/nginx.conf"
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" >"$dir/stdout.log" 2>&1 &
  local pid=$!
  started_pids+=("$pid")
  wait_until_ready "nginx ($name)" "http://127.0.0.1:$port$probe_path" "$pid" "$dir/error.log" 10
}

start_gateway() {
  local binary=$1 port=$2 upstream_port=$3
  gateway_log="$run_dir/gateway.log"
  # Its own working directory, so a zero-configuration start keeps ./data inside the run directory.
  mkdir -p "$run_dir/gateway"
  (
    cd "$run_dir/gateway"
    export GATEWAY_UPSTREAM_BENCH="http://127.0.0.1:$upstream_port"
    if [ "${BENCH_EMULATED:-0}" != 1 ]; then
      # A workspace whose Azure ML is the Azure-like upstream: every trigger really is forwarded there.
      export AZUREML_SUBSCRIPTION_ID=00000000-0000-0000-0000-00000000be7c AZUREML_RESOURCE_GROUP=bench-rg AZUREML_WORKSPACE=bench-ws
      export AZUREML_ENDPOINT="http://127.0.0.1:$upstream_port" AZURE_AUTHORITY_HOST="http://127.0.0.1:$upstream_port"
      export AZURE_TENANT_ID=00000000-0000-0000-0000-0000000000aa AZURE_CLIENT_ID=bench AZURE_CLIENT_SECRET=bench-secret
    fi
    exec "$binary" serve --listen "127.0.0.1:$port"
  ) >"$gateway_log" 2>&1 &
  gateway_pid=$!
  started_pids+=("$gateway_pid")
  wait_until_ready "the gateway" "http://127.0.0.1:$port/healthz" "$gateway_pid" "$gateway_log" 30
}

ensure_gateway_alive() {
  kill -0 "$gateway_pid" 2>/dev/null ||
    die "the gateway exited during the benchmark; last lines of $gateway_log:"$'\n'"$(tail -n 20 "$gateway_log")"
}

read_rss_kb() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$gateway_pid/status" 2>/dev/null || true
}

start_rss_sampler() {
  (
    while kill -0 "$gateway_pid" 2>/dev/null; do
      read_rss_kb >>"$rss_file"
      sleep "$rss_sample_interval"
    done
  ) &
  sampler_pid=$!
}

stop_rss_sampler() {
  stop_process "$sampler_pid"
  sampler_pid=""
}

# Runs wrk once and prints the fields of report.lua's RESULT line, tab-separated, in runs.tsv's order.
run_wrk() {
  local script=$1 url=$2 conns=$3 seconds=$4 output
  # wrk refuses fewer connections than threads, so the single-connection runs use one thread.
  local threads=$((conns < 2 ? conns : 2))
  output=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" -s "$run_dir/$script" "$url" 2>&1) ||
    die "wrk failed against $url:"$'\n'"$output"
  python3 -c '
import json, sys
for line in sys.stdin:
    if line.startswith("RESULT "):
        r = json.loads(line[len("RESULT "):])
        keys = ["rps", "p50_us", "p99_us", "err_connect", "err_read", "err_write", "err_status", "err_timeout"]
        print("\t".join(str(r[k]) for k in keys))
        sys.exit(0)
sys.exit(1)
' <<<"$output" || die "no RESULT line in wrk's output for $url:"$'\n'"$output"
}

# One warm-up and one measured run of one side; appends the measured run to runs.tsv.
measure_side() {
  local scenario=$1 conns=$2 round=$3 side=$4 script=$5 url=$6 fields
  [ "$warmup" -eq 0 ] || run_wrk "$script" "$url" "$conns" "$warmup" >/dev/null
  if [ "$side" = gateway ] && [ "$conns" -eq 64 ]; then
    start_rss_sampler
    fields=$(run_wrk "$script" "$url" "$conns" "$duration")
    stop_rss_sampler
  else
    fields=$(run_wrk "$script" "$url" "$conns" "$duration")
  fi
  [ "$side" != gateway ] || ensure_gateway_alive
  printf '%s\t%s\t%s\t%s\t%s\n' "$scenario" "$conns" "$side" "$round" "$fields" >>"$runs_file"
  log "$scenario c=$conns round $round/$rounds $side: $(cut -f1 <<<"$fields") req/s"
}

# Gateway and nginx alternate within each round, and which goes first alternates between rounds,
# so drift in the machine (thermal, noisy neighbours) hits both sides alike.
measure_scenario() {
  local scenario=$1 gateway_script=$2 gateway_url=$3 nginx_script=$4 nginx_url=$5 conns round
  for conns in "${connection_counts[@]}"; do
    for ((round = 1; round <= rounds; round++)); do
      if ((round % 2)); then
        measure_side "$scenario" "$conns" "$round" gateway "$gateway_script" "$gateway_url"
        measure_side "$scenario" "$conns" "$round" nginx "$nginx_script" "$nginx_url"
      else
        measure_side "$scenario" "$conns" "$round" nginx "$nginx_script" "$nginx_url"
        measure_side "$scenario" "$conns" "$round" gateway "$gateway_script" "$gateway_url"
      fi
    done
  done
}

# Prints the HTTP status of one request like those SCRIPT (get.lua or post.lua) sends; 000 if none came.
probe_status() {
  local script=$1 url=$2 args=()
  [ "$script" != post.lua ] || args=(-X POST -H 'Content-Type: application/json' --data-binary "@$run_dir/body.json")
  curl -s -o /dev/null --max-time 10 -w '%{http_code}' "${args[@]}" "$url" || true
}

# Chooses the pipeline for the dry run: BENCH_PIPELINE_ID, else the first listed pipeline that declares
# every name body.json assigns, else simply the first listed one. Prints nothing if none is found.
pick_pipeline_id() {
  local gateway_url=$1
  if [ -n "${BENCH_PIPELINE_ID:-}" ]; then
    echo "$BENCH_PIPELINE_ID"
    return 0
  fi
  if [ "${BENCH_EMULATED:-0}" != 1 ]; then
    echo "$bench_pipeline_id"
    return 0
  fi
  curl -sf --max-time 10 "$gateway_url/v1/pipelines" 2>/dev/null | python3 -c '
import json, sys
listing = json.load(sys.stdin)
items = listing.get("items", []) if isinstance(listing, dict) else listing
body = json.load(open(sys.argv[1]))
wanted = set(body.get("ParameterAssignments", {})) | set(body.get("DataPathAssignments", {}))
def declared(p):
    return {d.get("name") for key in ("parameters", "data_path_parameters") for d in p.get(key) or []}
fitting = [p for p in items if wanted <= declared(p)]
print((fitting or items)[0]["id"])
' "$run_dir/body.json" 2>/dev/null || true
}

mark_not_available() {
  printf '%s\t%s\n' "$1" "$2" >>"$run_dir/not-available.tsv"
  log "$1: $2"
}

# The reason a probe status means the scenario cannot be measured, or nothing if it can.
unmeasurable_reason() {
  local status=$1 what=$2
  case "$status" in
    2??) ;;
    404 | 405 | 501) echo "n/a (endpoint not implemented: HTTP $status)" ;;
    000) die "the gateway gave no answer to $what; last lines of $gateway_log:"$'\n'"$(tail -n 20 "$gateway_log")" ;;
    *) echo "n/a ($what answered HTTP $status; see bench/README.md)" ;;
  esac
}

bench_healthz() {
  measure_scenario healthz get.lua "$1/healthz" get.lua "$2/healthz"
}

bench_validate() {
  local gateway_url=$1 nginx_url=$2 pipeline_id status reason
  pipeline_id=$(pick_pipeline_id "$gateway_url")
  if [ -z "$pipeline_id" ]; then
    mark_not_available validate "n/a (endpoint not implemented: no pipeline found at /v1/pipelines)"
    return 0
  fi
  local path="/v1/pipelines/$pipeline_id/runs?dry_run=true"
  status=$(probe_status post.lua "$gateway_url$path")
  reason=$(unmeasurable_reason "$status" "the dry run of body.json for pipeline $pipeline_id")
  if [ -n "$reason" ]; then
    mark_not_available validate "$reason"
    return 0
  fi
  measure_scenario validate post.lua "$gateway_url$path" post.lua "$nginx_url/v1/pipelines/x/runs"
}

bench_forward() {
  local gateway_url=$1 nginx_url=$2 path="${BENCH_FORWARD_PATH:-/v1/pipelines/$bench_pipeline_id/runs}" status reason
  if [ -z "$path" ]; then
    mark_not_available forward "n/a (not implemented)"
    return 0
  fi
  status=$(probe_status "$forward_script" "$gateway_url$path")
  reason=$(unmeasurable_reason "$status" "the forward request")
  if [ -n "$reason" ]; then
    mark_not_available forward "$reason"
    return 0
  fi
  measure_scenario forward "$forward_script" "$gateway_url$path" "$forward_script" "$nginx_url/fwd$path"
}

# Median of one runs.tsv column over the rounds of (scenario, conns, side).
median_of() {
  local scenario=$1 conns=$2 side=$3 column=$4
  awk -F'\t' -v s="$scenario" -v c="$conns" -v t="$side" -v col="$column" \
    '$1 == s && $2 == c && $3 == t { print $col }' "$runs_file" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Error counts summed over the measured runs of (scenario, conns), e.g. "gateway: status 12; nginx: read 1".
errors_of() {
  local scenario=$1 conns=$2
  awk -F'\t' -v s="$scenario" -v c="$conns" -v names="${error_names[*]}" '
    $1 == s && $2 == c { for (i = 8; i <= 12; i++) count[$3, i] += $i }
    END {
      split(names, name, " ")
      summary = ""
      for (side = 1; side <= 2; side++) {
        label = side == 1 ? "gateway" : "nginx"
        part = ""
        for (i = 8; i <= 12; i++)
          if (count[label, i] > 0) part = part (part == "" ? "" : ", ") name[i - 7] " " count[label, i]
        if (part != "") summary = summary (summary == "" ? "" : "; ") "**" label ": " part "**"
      }
      print summary == "" ? "none" : summary
    }' "$runs_file"
}

gateway_had_errors() {
  [[ "$(errors_of "$1" "$2")" == *gateway:* ]]
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "—" }'; }
format_rps() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }
format_ms() { awk -v v="$1" 'BEGIN { printf "%.3f ms", v / 1000 }'; }
kb_to_mb() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1024 }'; }

not_available_reason() {
  awk -F'\t' -v s="$1" '$1 == s { print $2 }' "$run_dir/not-available.tsv"
}

print_table() {
  local scenario conns reason gw_rps ng_rps gw_p50 ng_p50
  echo "| scenario | conns | gateway req/s | nginx req/s | ratio | gateway p50 | nginx p50 | p50 ratio | gateway p99 | nginx p99 | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for scenario in healthz validate forward; do
    reason=$(not_available_reason "$scenario")
    if [ -n "$reason" ]; then
      echo "| $scenario | — | $reason | — | — | — | — | — | — | — | — |"
      continue
    fi
    for conns in "${connection_counts[@]}"; do
      gw_rps=$(median_of "$scenario" "$conns" gateway "$col_rps")
      ng_rps=$(median_of "$scenario" "$conns" nginx "$col_rps")
      gw_p50=$(median_of "$scenario" "$conns" gateway "$col_p50")
      ng_p50=$(median_of "$scenario" "$conns" nginx "$col_p50")
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$scenario" "$conns" \
        "$(format_rps "$gw_rps")" "$(format_rps "$ng_rps")" "$(ratio "$gw_rps" "$ng_rps")" \
        "$(format_ms "$gw_p50")" "$(format_ms "$ng_p50")" "$(ratio "$gw_p50" "$ng_p50")" \
        "$(format_ms "$(median_of "$scenario" "$conns" gateway "$col_p99")")" \
        "$(format_ms "$(median_of "$scenario" "$conns" nginx "$col_p99")")" \
        "$(errors_of "$scenario" "$conns")"
    done
  done
}

peak_rss_kb() { sort -n "$rss_file" | tail -n 1; }

print_rss() {
  local peak
  peak=$(peak_rss_kb)
  if [ -n "$idle_rss_kb" ]; then
    echo "- gateway RSS idle, before load: $(kb_to_mb "$idle_rss_kb") MB"
  else
    echo "- gateway RSS idle, before load: n/a (could not read /proc/$gateway_pid/status)"
  fi
  if [ -n "$peak" ]; then
    echo "- gateway RSS peak under load (64 connections, sampled every ${rss_sample_interval}s): $(kb_to_mb "$peak") MB"
  else
    echo "- gateway RSS peak under load: n/a (no samples)"
  fi
}

# PASS needs the ratio at 64 connections and no errors on the gateway's side.
target_verdict() {
  local scenario=$1 gw_rps ng_rps value
  if [ -n "$(not_available_reason "$scenario")" ]; then
    echo "n/a"
    return 0
  fi
  gw_rps=$(median_of "$scenario" 64 gateway "$col_rps")
  ng_rps=$(median_of "$scenario" 64 nginx "$col_rps")
  value=$(ratio "$gw_rps" "$ng_rps")
  if gateway_had_errors "$scenario" 64; then
    echo "FAIL ($value, with gateway errors)"
  elif awk -v v="$value" -v t="${target_ratio[$scenario]}" 'BEGIN { exit !(v >= t) }'; then
    echo "PASS ($value)"
  else
    echo "FAIL ($value)"
  fi
}

print_targets() {
  local scenario peak rss_verdict
  for scenario in healthz validate forward; do
    echo "- $scenario@64 ratio ≥ ${target_ratio[$scenario]}: $(target_verdict "$scenario")"
  done
  peak=$(peak_rss_kb)
  if [ -z "$peak" ]; then
    rss_verdict="n/a"
  elif [ "$peak" -le $((rss_target_mb * 1024)) ]; then
    rss_verdict="PASS ($(kb_to_mb "$peak") MB)"
  else
    rss_verdict="FAIL ($(kb_to_mb "$peak") MB)"
  fi
  echo "- RSS under load ≤ $rss_target_mb MB: $rss_verdict"
}

print_header() {
  local commit wrk_version
  commit=$(git -C "$repo_dir" rev-parse --short HEAD 2>/dev/null) || commit="uncommitted"
  if [ "$commit" != uncommitted ] && [ -n "$(git -C "$repo_dir" status --porcelain 2>/dev/null)" ]; then
    commit="$commit (with uncommitted changes)"
  fi
  wrk_version=$(wrk -v 2>&1 || true) # wrk -v exits 1
  echo "# Gateway benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "- commit: $commit"
  echo "- machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), kernel $(uname -r)"
  echo "- $(nginx -v 2>&1); ${wrk_version%%$'\n'*}"
  echo "- load: wrk -t2 (-t1 at 1 connection), ${duration}s runs after ${warmup}s warm-ups, median of $rounds round(s), gateway and nginx alternated"
}

print_report() {
  print_header
  echo
  echo "## Throughput and latency (ratio = gateway / nginx)"
  echo
  print_table
  echo
  echo "## Memory"
  echo
  print_rss
  echo
  echo "## Targets (DESIGN.md)"
  echo
  print_targets
}

write_results() {
  local report=$1 file
  mkdir -p "$results_dir"
  file="$results_dir/$(date -u '+%Y-%m-%d-%H%M').md"
  cp "$report" "$file.tmp"
  mv "$file.tmp" "$file"
  log "results written to ${file#"$repo_dir"/}"
}

main() {
  [ $# -eq 1 ] || die "usage: scripts/bench.sh GATEWAY_BINARY"
  local gateway_binary upstream_port nginx_port gateway_port
  check_prerequisites
  [[ -f $1 && -x $1 ]] || die "gateway binary '$1' not found or not executable (make build first)"
  gateway_binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")

  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  prepare_run_dir
  read -r upstream_port nginx_port gateway_port <<<"$(free_ports 3)"
  start_nginx upstream azure-upstream.conf.in "$upstream_port" "$upstream_port" 1 /
  start_nginx anchor anchor.conf.in "$nginx_port" "$upstream_port" 2 /healthz
  start_gateway "$gateway_binary" "$gateway_port" "$upstream_port"
  log "upstream :$upstream_port, nginx :$nginx_port, gateway :$gateway_port (pid $gateway_pid), run dir $run_dir"

  local gateway_url="http://127.0.0.1:$gateway_port" nginx_url="http://127.0.0.1:$nginx_port"
  idle_rss_kb=$(read_rss_kb)
  bench_healthz "$gateway_url" "$nginx_url"
  bench_validate "$gateway_url" "$nginx_url"
  bench_forward "$gateway_url" "$nginx_url"

  print_report >"$run_dir/report.md"
  cat "$run_dir/report.md"
  write_results "$run_dir/report.md"
}

main "$@"
