#!/usr/bin/env bash
# Measures the scheduler against DESIGN.md's absolute targets: loading 100,000 active schedules, firing
# 1,000 occurrences a second (lateness, none lost or doubled), RSS, and idle CPU with 10,000 schedules;
# then issue 8's scale: 1,000 change-based schedules on 100 folders of 10,000 blobs each, polled through
# the built-in emulator (one poll cycle's CPU and RSS, and a new blob starting exactly one run per schedule).
# Usage: scripts/scheduler-bench.sh GATEWAY_BINARY   (see bench/README.md "Scheduler benchmark" and the knobs)
set -euo pipefail
shopt -s inherit_errexit

repo_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
helper="$repo_dir/scripts/lib/scheduler_bench.py"
results_dir="$repo_dir/bench/results"
schedules="${BENCH_SCHEDULES:-100000}"
fire_rate="${BENCH_FIRE_RATE:-1000}"
fire_seconds="${BENCH_FIRE_SECONDS:-60}"
idle_schedules="${BENCH_IDLE_SCHEDULES:-10000}"
idle_seconds="${BENCH_IDLE_SECONDS:-60}"
phases="${BENCH_PHASES:-fire idle datastore}"
ds_schedules="${BENCH_DS_SCHEDULES:-1000}"
ds_folders="${BENCH_DS_FOLDERS:-100}"
ds_blobs="${BENCH_DS_BLOBS:-10000}"
# 6: a one-minute polling interval is ten real seconds (GATEWAY_TESTING=1 GATEWAY_CLOCK_SCALE), longer
# than one cycle of 1,000 polls, so each cycle is measured on its own (at 60 the cycles overlap and most
# polls are skipped as overlapping, which measures the backlog, not a cycle).
ds_clock_scale="${BENCH_DS_CLOCK_SCALE:-6}"
ds_window="${BENCH_DS_WINDOW:-20}"
ds_run_wait="${BENCH_DS_RUN_WAIT:-60}"
ds_cycle_timeout="${BENCH_DS_CYCLE_TIMEOUT:-300}"
# Where the folders live inside the emulator's workspaceblobstore (DATA/blobs/workspaceblobstore/dsbench/f000…).
ds_prefix="dsbench"
# The built-in emulator's demo pipeline (String input_string, DataPath input_datapath).
demo_pipeline_id="d3e0a1b2-0000-4000-8000-000000000001"
# Seconds from seeding the fire database to its first occurrence: the gateway starts, arms and settles.
fire_lead="${BENCH_FIRE_LEAD:-20}"
# The pipeline bench/azure-upstream.conf.in publishes.
bench_pipeline_id="5e1d0a11-0000-4000-8000-00000000be7c"
rss_sample_interval=0.5
# Targets from DESIGN.md "Performance and reliability targets" and "Scheduler guarantees".
load_target_ms=2000
rss_target_mb=100
lateness_target_ms=100
lateness_fraction_target=0.99
idle_cpu_target_pct=1
# Issue 8: RSS of the gateway (its built-in emulator included) while 1,000 change schedules poll.
ds_rss_target_mb=150

run_dir=""
started_pids=()
sampler_pid=""
gateway_pid=""
gateway_log=""
gateway_url=""
upstream_port=""
upstream_pid=""
declare -A fig=()

bench_name=scheduler-bench
# shellcheck source=lib/bench-common.sh
source "$repo_dir/scripts/lib/bench-common.sh"

forget_pid() {
  local pid=$1 kept=() p
  for p in "${started_pids[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  started_pids=("${kept[@]}")
}

check_prerequisites() {
  local tool knob
  for tool in nginx curl; do
    command -v "$tool" >/dev/null || die "$tool is missing; run scripts/install-deps.sh bench (or make bench-scheduler)"
  done
  command -v python3 >/dev/null || die "python3 is missing (it seeds and reads the database); apt-get install -y python3"
  python3 -c 'import sqlite3' 2>/dev/null || die "python3 has no sqlite3 module; apt-get install -y python3"
  [ -f "$repo_dir/bench/azure-upstream.conf.in" ] || die "bench/azure-upstream.conf.in is missing"
  for knob in schedules fire_rate fire_seconds idle_schedules idle_seconds fire_lead ds_schedules ds_folders ds_blobs \
    ds_clock_scale ds_window ds_run_wait ds_cycle_timeout; do
    [[ ${!knob} =~ ^[0-9]+$ ]] || die "the knob for $knob must be a whole number, got '${!knob}'"
  done
  local phase
  for phase in $phases; do
    [[ $phase =~ ^(fire|idle|datastore)$ ]] || die "BENCH_PHASES takes fire, idle and datastore, got '$phase'"
  done
  if has_phase datastore; then
    ((ds_folders > 0 && ds_blobs > 0 && ds_schedules >= ds_folders && ds_schedules % ds_folders == 0)) ||
      die "BENCH_DS_SCHEDULES must be a multiple of BENCH_DS_FOLDERS (each folder gets as many schedules), all at least 1"
    ((ds_folders <= 1000 && ds_blobs <= 100000)) || die "BENCH_DS_FOLDERS is at most 1000 and BENCH_DS_BLOBS at most 100000"
    ((ds_clock_scale >= 1 && ds_clock_scale <= 3600)) || die "BENCH_DS_CLOCK_SCALE is from 1 to 3600"
    ((ds_window >= 1 && ds_run_wait >= 1)) || die "BENCH_DS_WINDOW and BENCH_DS_RUN_WAIT must be at least 1"
  fi
  ((fire_rate > 0 && fire_seconds > 0 && idle_seconds > 0)) ||
    die "BENCH_FIRE_RATE, BENCH_FIRE_SECONDS and BENCH_IDLE_SECONDS must be at least 1"
  ((fire_lead >= 5)) || die "BENCH_FIRE_LEAD must be at least 5 seconds"
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

helper() { python3 "$helper" "$@"; }

has_phase() { [[ " $phases " == *" $1 "* ]]; }

now_epoch() { printf '%s' "$EPOCHREALTIME"; }

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

# The Azure-like upstream of bench.sh, with every submit (body included) logged to upstream/submits.log.
start_upstream() {
  local dir="$run_dir/upstream"
  mkdir -p "$dir"
  helper upstream-conf "$repo_dir/bench/azure-upstream.conf.in" >"$run_dir/upstream.conf.in"
  sed -e "s|@PORT@|$upstream_port|g" -e "s|@UPSTREAM_PORT@|$upstream_port|g" -e "s|@WORKERS@|1|g" \
    -e "s|@RUNDIR@|$dir|g" "$run_dir/upstream.conf.in" >"$dir/nginx.conf"
  : >"$dir/submits.log"
  : >"$dir/run-reads.log"
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" >"$dir/stdout.log" 2>&1 &
  upstream_pid=$!
  started_pids+=("$upstream_pid")
  wait_until_ready "nginx (upstream)" "http://127.0.0.1:$upstream_port/" "$upstream_pid" "$dir/error.log" 10
}

# Starts the gateway on DATABASE (a path) in its own working directory NAME; records its start time.
start_gateway() {
  local binary=$1 name=$2 port=$3 database=$4
  local dir="$run_dir/$name"
  mkdir -p "$dir"
  gateway_log="$dir/gateway.log"
  gateway_url="http://127.0.0.1:$port"
  (
    cd "$dir"
    export GATEWAY_UPSTREAM_BENCH="http://127.0.0.1:$upstream_port"
    # A workspace whose Azure ML is the Azure-like upstream: every fire really is submitted there.
    export AZUREML_SUBSCRIPTION_ID=00000000-0000-0000-0000-00000000be7c AZUREML_RESOURCE_GROUP=bench-rg AZUREML_WORKSPACE=bench-ws
    export AZUREML_ENDPOINT="http://127.0.0.1:$upstream_port" AZURE_AUTHORITY_HOST="http://127.0.0.1:$upstream_port"
    export AZURE_TENANT_ID=00000000-0000-0000-0000-0000000000aa AZURE_CLIENT_ID=bench AZURE_CLIENT_SECRET=bench-secret
    # The instant just before exec, for the wall time from process start to "schedules armed".
    printf '%s\n' "$EPOCHREALTIME" >started
    exec "$binary" serve --listen "127.0.0.1:$port" --database "sqlite:$database"
  ) >"$gateway_log" 2>&1 &
  gateway_pid=$!
  started_pids+=("$gateway_pid")
  wait_until_ready "the gateway ($name)" "$gateway_url/healthz" "$gateway_pid" "$gateway_log" 120
}

stop_gateway() {
  [ -n "$gateway_pid" ] || return 0
  [ -z "$sampler_pid" ] || stop_rss_sampler
  stop_process "$gateway_pid" 40
  forget_pid "$gateway_pid"
  gateway_pid=""
}

ensure_gateway_alive() {
  kill -0 "$gateway_pid" 2>/dev/null ||
    die "the gateway exited during the benchmark; last lines of $gateway_log:"$'\n'"$(tail -n 20 "$gateway_log")"
}

# Waits for the "schedules armed" log line and puts its figures in fig[PREFIX_*].
wait_until_armed() {
  local prefix=$1 timeout_s=$2 deadline output key value
  deadline=$((SECONDS + timeout_s))
  # grep, not the Python helper, while waiting: a python3 start every 50 ms would take CPU from the gateway.
  until grep -q '"schedules armed"' "$gateway_log"; do
    ensure_gateway_alive
    [ "$SECONDS" -lt "$deadline" ] ||
      die "the gateway logged no \"schedules armed\" within ${timeout_s}s; last lines of $gateway_log:"$'\n'"$(tail -n 20 "$gateway_log")"
    sleep 0.05
  done
  output=$(helper armed "$gateway_log" "$(cat "$(dirname "$gateway_log")/started")") ||
    die "cannot read the \"schedules armed\" line of $gateway_log"
  while IFS='=' read -r key value; do fig[${prefix}_$key]=$value; done <<<"$output"
  if grep -q '"a stored schedule cannot be read' "$gateway_log"; then
    die "the gateway could not read some seeded schedules (see $gateway_log); the clones do not match its format"
  fi
}

read_rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$gateway_pid/status" 2>/dev/null || true; }
read_hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$gateway_pid/status" 2>/dev/null || true; }

# utime + stime of PID (default: the gateway), in clock ticks (fields 14 and 15 of /proc/PID/stat).
read_cpu_ticks() {
  local pid=${1:-$gateway_pid} stat
  stat=$(cat "/proc/$pid/stat") || die "cannot read /proc/$pid/stat"
  stat=${stat##*) }
  awk '{ print $12 + $13 }' <<<"$stat"
}

# utime + stime of the upstream nginx, master and workers.
read_upstream_ticks() {
  local total=0 pid
  for pid in "$upstream_pid" $(pgrep -P "$upstream_pid" || true); do
    total=$((total + $(read_cpu_ticks "$pid")))
  done
  echo "$total"
}

# Busy ticks of the whole machine, all cores (user nice system irq softirq steal of /proc/stat's cpu line).
read_machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# Cores kept busy on average by everything but the gateway: MACHINE_TICKS GATEWAY_TICKS SECONDS.
other_cores() {
  awk -v m="$1" -v g="$2" -v t="$(getconf CLK_TCK)" -v s="$3" 'BEGIN { v = (m - g) / t / s; printf "%.2f", (v < 0 ? 0 : v) }'
}

# Samples "epoch rss_kb" every rss_sample_interval into FILE while the gateway runs.
start_rss_sampler() {
  local file=$1
  (
    while kill -0 "$gateway_pid" 2>/dev/null; do
      printf '%s %s\n' "$EPOCHREALTIME" "$(read_rss_kb)" >>"$file"
      sleep "$rss_sample_interval"
    done
  ) &
  sampler_pid=$!
}

stop_rss_sampler() {
  stop_process "$sampler_pid"
  sampler_pid=""
}

# Largest RSS sample (kB) taken in [FROM, TO] (epoch seconds).
peak_rss_kb() {
  awk -v from="$2" -v to="$3" '$1 >= from && $1 <= to && $2 > peak { peak = $2 } END { print peak + 0 }' "$1"
}

sleep_until() {
  local target=$1 wait_s
  wait_s=$(awk -v t="$target" -v n="$(now_epoch)" 'BEGIN { d = t - n; printf "%.3f", (d > 0 ? d : 0) }')
  sleep "$wait_s"
}

scrape_metrics() {
  curl -sf --max-time 10 "$gateway_url/metrics" >"$1" || die "GET /metrics failed"
}

# Phase 0: the template schedules, created through the API so their stored format is the gateway's own.
make_template_database() {
  local binary=$1 port=$2 count
  start_gateway "$binary" template "$port" "$run_dir/template/data/gateway.sqlite3"
  count=$(helper templates "$gateway_url" "$bench_pipeline_id")
  log "created $count template schedules through POST /v1/schedules"
  stop_gateway
  [ -f "$run_dir/template/data/gateway.sqlite3" ] || die "the gateway left no database at $run_dir/template/data"
}

# Phases 1 and 2: load BENCH_SCHEDULES schedules (RATE x 60 of them fire each minute), then fire.
bench_load_and_fire() {
  local binary=$1 port=$2 db="$run_dir/fire.sqlite3" window_start total cpu0 cpu1 machine0 machine1 nginx0 nginx1 ticks
  local window_end drain_deadline last_total fires idle_since
  window_start=$(($(date +%s) + fire_lead))
  total=$(helper seed-fire "$run_dir/template/data/gateway.sqlite3" "$db" --total "$schedules" --rate "$fire_rate" \
    --seconds "$fire_seconds" --start "$window_start")
  log "seeded $total schedules; $fire_rate fire at each second from $(date -u -d "@$window_start" '+%H:%M:%S') UTC for ${fire_seconds}s"
  fig[load_seeded]=$total
  fig[window_start]=$window_start

  start_gateway "$binary" fire "$port" "$db"
  start_rss_sampler "$run_dir/fire-rss.txt"
  wait_until_armed load 120
  log "armed ${fig[load_count]} schedules: ${fig[load_elapsed_ms]} ms by the log, ${fig[load_wall_ms]} ms from process start"
  [ "${fig[load_count]}" = "$total" ] || log "warning: seeded $total schedules but ${fig[load_count]} were armed"
  sleep_until "$(awk -v a="${fig[load_armed_at]}" 'BEGIN { printf "%.3f", a + 2 }')"
  ensure_gateway_alive
  fig[load_rss_kb]=$(read_rss_kb)
  fig[load_hwm_kb]=$(read_hwm_kb)
  if awk -v a="${fig[load_armed_at]}" -v w="$window_start" 'BEGIN { exit !(a > w - 1) }'; then
    fig[window_note]="arming ended less than 1 s before the first occurrence"
  fi

  sleep_until "$((window_start - 1))"
  ensure_gateway_alive
  scrape_metrics "$run_dir/metrics-before.txt"
  cpu0=$(read_cpu_ticks)
  machine0=$(read_machine_ticks)
  nginx0=$(read_upstream_ticks)
  window_end=$((window_start + fire_seconds))
  sleep_until "$window_end"
  ensure_gateway_alive
  cpu1=$(read_cpu_ticks)
  machine1=$(read_machine_ticks)
  nginx1=$(read_upstream_ticks)
  fig[fire_other_cores]=$(other_cores $((machine1 - machine0)) $((cpu1 - cpu0 + nginx1 - nginx0)) "$((fire_seconds + 1))")
  fig[fire_nginx_cores]=$(other_cores $((nginx1 - nginx0)) 0 "$((fire_seconds + 1))")
  fig[fire_rss_peak_kb]=$(peak_rss_kb "$run_dir/fire-rss.txt" "$window_start" "$window_end")
  ticks=$(getconf CLK_TCK)
  fig[fire_cpu_pct]=$(awk -v c=$((cpu1 - cpu0)) -v t="$ticks" -v s="$((fire_seconds + 1))" 'BEGIN { printf "%.1f", c / t / s * 100 }')

  # Drain: fires in flight finish (the counter moves once a fire's submit is answered).
  drain_deadline=$((SECONDS + 60))
  last_total=-1
  idle_since=$SECONDS
  while :; do
    scrape_metrics "$run_dir/metrics-after.txt"
    fires=$(helper fires-total "$run_dir/metrics-after.txt")
    if [ "$fires" != "$last_total" ]; then
      last_total=$fires
      idle_since=$SECONDS
    fi
    { [ "$fires" -ge $((fire_rate * fire_seconds)) ] || [ $((SECONDS - idle_since)) -ge 5 ] ||
      [ "$SECONDS" -ge "$drain_deadline" ]; } && break
    sleep 0.5
  done
  fig[fire_rss_after_kb]=$(read_rss_kb)
  fig[fire_hwm_kb]=$(read_hwm_kb)
  stop_gateway

  local key value output
  output=$(helper analyze --db "$db" --submits "$run_dir/upstream/submits.log" \
    --metrics-before "$run_dir/metrics-before.txt" --metrics-after "$run_dir/metrics-after.txt")
  while IFS='=' read -r key value; do fig[fire_$key]=$value; done <<<"$output"
  fig[fire_run_reads]=$(wc -l <"$run_dir/upstream/run-reads.log")
  log "fires: ${fig[fire_submits]} submits for ${fig[fire_expected]} expected occurrences, lost ${fig[fire_lost]}," \
    "doubled ${fig[fire_doubled]}; lateness p50 ${fig[fire_late_p50_ms]} ms, p99 ${fig[fire_late_p99_ms]} ms"
}

# Phase 3: BENCH_IDLE_SCHEDULES daily schedules, none due for hours; CPU time over BENCH_IDLE_SECONDS.
bench_idle() {
  local binary=$1 port=$2 db="$run_dir/idle.sqlite3" cpu0 cpu1 machine0 machine1 ticks
  helper seed-idle "$run_dir/template/data/gateway.sqlite3" "$db" --count "$idle_schedules" >/dev/null
  start_gateway "$binary" idle "$port" "$db"
  if [ "$idle_schedules" -gt 0 ]; then
    wait_until_armed idle 120
    fig[idle_armed]=${fig[idle_count]}
  else
    fig[idle_armed]=0
  fi
  # Let start-up work (first refresher and reconciliation passes) settle before measuring.
  sleep 5
  ensure_gateway_alive
  cpu0=$(read_cpu_ticks)
  machine0=$(read_machine_ticks)
  sleep "$idle_seconds"
  ensure_gateway_alive
  cpu1=$(read_cpu_ticks)
  machine1=$(read_machine_ticks)
  fig[idle_other_cores]=$(other_cores $((machine1 - machine0)) $((cpu1 - cpu0)) "$idle_seconds")
  fig[idle_rss_kb]=$(read_rss_kb)
  ticks=$(getconf CLK_TCK)
  fig[idle_cpu_ms]=$(awk -v c=$((cpu1 - cpu0)) -v t="$ticks" 'BEGIN { printf "%.0f", c / t * 1000 }')
  fig[idle_cpu_pct]=$(awk -v c=$((cpu1 - cpu0)) -v t="$ticks" -v s="$idle_seconds" 'BEGIN { printf "%.3f", c / t / s * 100 }')
  fig[idle_fired]=$(grep -c '"msg":"schedule fired"' "$gateway_log" || true)
  stop_gateway
  log "idle: ${fig[idle_cpu_ms]} ms of CPU over ${idle_seconds}s (${fig[idle_cpu_pct]} % of one core)"
}

# Starts the gateway with zero configuration — its built-in emulator serves Azure ML and the datastore
# workspaceblobstore from DATA/blobs/workspaceblobstore/ — on DATABASE (a path) in working directory NAME.
# With SCALE, the scheduler's clock runs SCALE times fast (GATEWAY_TESTING=1 GATEWAY_CLOCK_SCALE=SCALE).
start_emulated_gateway() {
  local binary=$1 name=$2 port=$3 database=$4 data=$5 scale=${6:-}
  local dir="$run_dir/$name"
  mkdir -p "$dir"
  gateway_log="$dir/gateway.log"
  gateway_url="http://127.0.0.1:$port"
  (
    cd "$dir"
    # Nothing from the caller may name a workspace or another clock: the emulated mode is the point.
    while IFS= read -r variable; do unset "$variable"; done < <(compgen -e |
      grep -E '^(AZUREML_|AZURE_|GATEWAY_CLOCK_|GATEWAY_TESTING$|GATEWAY_DATA_DIR$|GATEWAY_UPSTREAM_BENCH$)' || true)
    export GATEWAY_DATA_DIR="$data"
    if [ -n "$scale" ]; then export GATEWAY_TESTING=1 GATEWAY_CLOCK_SCALE="$scale"; fi
    printf '%s\n' "$EPOCHREALTIME" >started
    exec "$binary" serve --listen "127.0.0.1:$port" --database "sqlite:$database"
  ) >"$gateway_log" 2>&1 &
  gateway_pid=$!
  started_pids+=("$gateway_pid")
  wait_until_ready "the gateway ($name)" "$gateway_url/healthz" "$gateway_pid" "$gateway_log" 120
}

# The built-in emulator's base URL, from the gateway's start-up line.
emulator_url_of() { grep -o '"emulator_url":"[^"]*"' "$1" | head -n 1 | cut -d'"' -f4; }

# gateway_datastore_polls_total over all outcomes, from a /metrics scrape (awk: no python3 start per sample).
# Polls that listed (or failed to list) their folder; a poll skipped because the previous one still runs
# ("overlapping") is not one.
datastore_polls() { awk '/^gateway_datastore_polls_total\{outcome="(changed|unchanged|failed)"\}/ { s += $2 } END { printf "%d", s }' "$1"; }

# GET /metrics into FILE; false (no exit) when the gateway does not answer in 10 s.
try_scrape_metrics() { curl -sf --max-time 10 "$gateway_url/metrics" >"$1.tmp" && mv "$1.tmp" "$1"; }

seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
ticks_to_ms() { awk -v c="$1" -v t="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", c / t * 1000 }'; }
# Cores kept busy on average: TICKS over SECONDS.
cores_of() { awk -v c="$1" -v t="$(getconf CLK_TCK)" -v s="$2" 'BEGIN { printf "%.2f", (s > 0 ? c / t / s : 0) }'; }

# Phase 4 (issue 8): BENCH_DS_SCHEDULES change-based schedules on BENCH_DS_FOLDERS folders of BENCH_DS_BLOBS
# blobs each, polled through the built-in emulator on a BENCH_DS_CLOCK_SCALE-fast clock: the first poll
# cycle's CPU and RSS, a sustained window, then one new blob and the exactly-once check.
bench_datastore() {
  local binary=$1 template_port=$2 port=$3
  local ds="$run_dir/datastore" data root output key value deadline polls start end cpu0 cpu1 machine0 machine1
  local watching folder blob count quiet dropped calls_url
  data="$ds/data"
  root="$data/blobs/workspaceblobstore/$ds_prefix"
  mkdir -p "$root"
  # Real files, empty: a listing reads and stats each of them as it would any file (the emulator has no index).
  fig[ds_tree_s]=$(helper ds-tree "$root" --folders "$ds_folders" --blobs "$ds_blobs")
  fig[ds_files]=$((ds_folders * ds_blobs))
  log "datastore: ${fig[ds_files]} empty files in $ds_folders folders created in ${fig[ds_tree_s]}s"

  # One schedule per folder through the API: each lists its folder for its baseline, as a user's would.
  start_emulated_gateway "$binary" ds-template "$template_port" "$ds/template.sqlite3" "$data"
  output=$(helper ds-templates "$gateway_url" "$demo_pipeline_id" --folders "$ds_folders" --prefix "$ds_prefix")
  while IFS='=' read -r key value; do fig[ds_tpl_$key]=$value; done <<<"$output"
  stop_gateway
  log "datastore: ${fig[ds_tpl_count]} schedules created through POST /v1/schedules in ${fig[ds_tpl_total_s]}s" \
    "(p50 ${fig[ds_tpl_create_ms_p50]} ms each, baseline of $ds_blobs blobs included)"

  output=$(helper ds-seed "$ds/template.sqlite3" "$ds/gateway.sqlite3" --schedules "$ds_schedules")
  while IFS='=' read -r key value; do fig[ds_seed_$key]=$value; done <<<"$output"
  rm -f "$ds/template.sqlite3" "$ds/template.sqlite3-wal" "$ds/template.sqlite3-shm"
  fig[ds_db_mb]=$(du -m "$ds/gateway.sqlite3" | cut -f1)
  log "datastore: seeded ${fig[ds_seed_schedules]} schedules and ${fig[ds_seed_seen_rows]} seen blobs in ${fig[ds_seed_seconds]}s" \
    "(database ${fig[ds_db_mb]} MB)"

  start_emulated_gateway "$binary" ds-run "$port" "$ds/gateway.sqlite3" "$data" "$ds_clock_scale"
  start_rss_sampler "$run_dir/ds-rss.txt"
  wait_until_armed ds 120
  calls_url="$(emulator_url_of "$gateway_log")/emulator/calls"

  # The first poll cycle: from the armed line (the first poll instant is at arming or within one
  # interval of it) until every schedule's poll has been counted, whatever its outcome.
  start=$(now_epoch)
  cpu0=$(read_cpu_ticks)
  machine0=$(read_machine_ticks)
  deadline=$((SECONDS + ds_cycle_timeout))
  : >"$ds/metrics-cycle.txt"
  while :; do
    ensure_gateway_alive
    if try_scrape_metrics "$ds/metrics-cycle.txt"; then
      polls=$(datastore_polls "$ds/metrics-cycle.txt")
      [ "$polls" -lt "$ds_schedules" ] || break
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      fig[ds_cycle_note]="only ${polls:-0} of $ds_schedules polls were counted within ${ds_cycle_timeout}s"
      break
    fi
    sleep 0.2
  done
  end=$(now_epoch)
  cpu1=$(read_cpu_ticks)
  machine1=$(read_machine_ticks)
  fig[ds_cycle_s]=$(seconds_between "$start" "$end")
  fig[ds_cycle_cpu_ms]=$(ticks_to_ms $((cpu1 - cpu0)))
  fig[ds_cycle_cores]=$(cores_of $((cpu1 - cpu0)) "${fig[ds_cycle_s]}")
  fig[ds_cycle_other_cores]=$(other_cores $((machine1 - machine0)) $((cpu1 - cpu0)) "${fig[ds_cycle_s]}")
  fig[ds_cycle_rss_peak_kb]=$(peak_rss_kb "$run_dir/ds-rss.txt" "$start" "$end")
  value=$(read_rss_kb)
  [ "${value:-0}" -le "${fig[ds_cycle_rss_peak_kb]}" ] || fig[ds_cycle_rss_peak_kb]=$value
  output=$(helper ds-metrics "$ds/metrics-cycle.txt")
  while IFS='=' read -r key value; do fig[ds_cycle_$key]=$value; done <<<"$output"
  log "datastore: first cycle ${fig[ds_cycle_polls]} polls in ${fig[ds_cycle_s]}s, ${fig[ds_cycle_cpu_ms]} ms of gateway CPU," \
    "RSS peak $(kb_to_mb "${fig[ds_cycle_rss_peak_kb]}") MB; failed ${fig[ds_cycle_polls_failed]}"

  # Sustained: BENCH_DS_WINDOW seconds of polls every minute of the scaled clock.
  try_scrape_metrics "$ds/metrics-window-start.txt" || die "GET /metrics failed at the start of the datastore window"
  start=$(now_epoch)
  cpu0=$(read_cpu_ticks)
  machine0=$(read_machine_ticks)
  sleep "$ds_window"
  ensure_gateway_alive
  cpu1=$(read_cpu_ticks)
  machine1=$(read_machine_ticks)
  end=$(now_epoch)
  try_scrape_metrics "$ds/metrics-window-end.txt" || die "GET /metrics failed at the end of the datastore window"
  fig[ds_window_s]=$(seconds_between "$start" "$end")
  fig[ds_window_cores]=$(cores_of $((cpu1 - cpu0)) "${fig[ds_window_s]}")
  fig[ds_window_other_cores]=$(other_cores $((machine1 - machine0)) $((cpu1 - cpu0)) "${fig[ds_window_s]}")
  fig[ds_window_rss_peak_kb]=$(peak_rss_kb "$run_dir/ds-rss.txt" "$start" "$end")
  fig[ds_window_due]=$(awk -v n="$ds_schedules" -v s="${fig[ds_window_s]}" -v k="$ds_clock_scale" 'BEGIN { printf "%d", n * s * k / 60 }')
  output=$(helper ds-metrics "$ds/metrics-window-end.txt" --before "$ds/metrics-window-start.txt")
  while IFS='=' read -r key value; do fig[ds_window_$key]=$value; done <<<"$output"
  log "datastore: window ${fig[ds_window_s]}s: ${fig[ds_window_polls]} polls done of ${fig[ds_window_due]} due," \
    "${fig[ds_window_cores]} cores, failed ${fig[ds_window_polls_failed]}"

  # One new blob in the middle folder: each schedule watching it starts exactly one run, nobody else any.
  watching=$((ds_schedules / ds_folders))
  fig[ds_watching]=$watching
  folder=$(printf 'f%03d' $((ds_folders / 2)))
  blob="$ds_prefix/$folder/new-$(date -u +%H%M%S).bin"
  fig[ds_blob]=$blob
  printf 'a new blob\n' >"$ds/new-blob.tmp"
  dropped=$(now_epoch)
  mv "$ds/new-blob.tmp" "$data/blobs/workspaceblobstore/$blob"
  deadline=$((SECONDS + ds_run_wait))
  fig[ds_new_runs_s]=""
  while :; do
    ensure_gateway_alive
    count=$(curl -sf --max-time 10 "$gateway_url/v1/runs?source=datastore&limit=500" | grep -o '"source":"datastore"' | wc -l) || count=0
    if [ "$count" -ge "$watching" ]; then
      fig[ds_new_runs_s]=$(seconds_between "$dropped" "$(now_epoch)")
      break
    fi
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 0.2
  done
  # Then at least three more poll instants (at least 3 s) for a doubled or stray run to show.
  quiet=$(awk -v k="$ds_clock_scale" 'BEGIN { q = 3 * 60 / k; q = (q < 3 ? 3 : q); printf "%d", (q > 180 ? 180 : q) + 0.999 }')
  sleep "$quiet"
  fig[ds_quiet_s]=$quiet
  ensure_gateway_alive
  fig[ds_rss_peak_kb]=$(peak_rss_kb "$run_dir/ds-rss.txt" 0 "$(now_epoch)")
  fig[ds_hwm_kb]=$(read_hwm_kb)
  try_scrape_metrics "$ds/metrics-end.txt" || true
  curl -sf --max-time 30 "$calls_url?operation=submit" >"$ds/submits.json" || die "GET $calls_url failed"
  stop_gateway

  output=$(helper ds-analyze --db "$ds/gateway.sqlite3" --calls "$ds/submits.json" --blob "$blob")
  while IFS='=' read -r key value; do fig[ds_new_$key]=$value; done <<<"$output"
  log "datastore: new blob $blob: ${fig[ds_new_once]} of $watching schedules ran it once, ${fig[ds_new_other]} other runs," \
    "${fig[ds_new_submits]} submits: ${fig[ds_new_verdict]}"
  # A million files and a gigabyte of seen-state: not kept unless asked for.
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$data" "$ds/gateway.sqlite3" "$ds/gateway.sqlite3-wal" "$ds/gateway.sqlite3-shm"
}

kb_to_mb() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1024 }'; }

# PASS when VALUE OP TARGET holds (OP: lt or ge), FAIL otherwise, n/a when VALUE is empty.
verdict() {
  local value=$1 op=$2 target=$3
  if [ -z "$value" ]; then
    echo "n/a"
  elif awk -v v="$value" -v t="$target" -v op="$op" 'BEGIN { exit !(op == "lt" ? v < t : v >= t) }'; then
    echo "PASS"
  else
    echo "FAIL"
  fi
}

fires_verdict() {
  if [ "${fig[fire_lost]}" = 0 ] && [ "${fig[fire_doubled]}" = 0 ] && [ "${fig[fire_ledger_doubles]}" = 0 ] &&
    [ "${fig[fire_unexpected]}" = 0 ] && [ "${fig[fire_unknown_submits]}" = 0 ] && [ "${fig[fire_unparsed_submits]}" = 0 ] &&
    [ "${fig[fire_expected]}" = $((fire_rate * fire_seconds)) ]; then
    echo PASS
  else
    echo FAIL
  fi
}

print_header() {
  local commit
  # The commit of the tree the binary was built in (a worktree's .build), else of this repository.
  commit=$(git -C "$binary_tree" rev-parse --short HEAD 2>/dev/null) || commit="uncommitted"
  if [ "$commit" != uncommitted ] && [ -n "$(git -C "$binary_tree" status --porcelain 2>/dev/null)" ]; then
    commit="$commit (with uncommitted changes)"
  fi
  echo "# Scheduler benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "- commit: $commit ($binary_tree); binary: $gateway_version"
  echo "- machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), kernel $(uname -r)"
  echo "- database: SQLite in $(df -T "$run_dir" | awk 'NR == 2 { print $2 }') ($(dirname "$run_dir")), synchronous ${GATEWAY_SQLITE_SYNCHRONOUS:-full}; $(nginx -v 2>&1) as the Azure ML upstream"
  echo "- phases: $phases; knobs: BENCH_SCHEDULES=$schedules BENCH_FIRE_RATE=$fire_rate BENCH_FIRE_SECONDS=$fire_seconds" \
    "BENCH_IDLE_SCHEDULES=$idle_schedules BENCH_IDLE_SECONDS=$idle_seconds BENCH_FIRE_LEAD=$fire_lead" \
    "BENCH_DS_SCHEDULES=$ds_schedules BENCH_DS_FOLDERS=$ds_folders BENCH_DS_BLOBS=$ds_blobs BENCH_DS_CLOCK_SCALE=$ds_clock_scale" \
    "BENCH_DS_WINDOW=$ds_window BENCH_DS_RUN_WAIT=$ds_run_wait"
}

# PASS when the first poll cycle counted every schedule's poll and none failed.
ds_cycle_verdict() {
  if [ -z "${fig[ds_cycle_note]:-}" ] && [ "${fig[ds_cycle_polls_failed]}" = 0 ]; then echo PASS; else echo FAIL; fi
}

print_datastore_report() {
  local n folders blobs interval arrived
  n=$(printf "%'d" "$ds_schedules")
  folders=$(printf "%'d" "$ds_folders")
  blobs=$(printf "%'d" "$ds_blobs")
  interval=$(awk -v k="$ds_clock_scale" 'BEGIN { printf "%.3g", 60 / k }')
  echo "## Change-based schedules at scale (issue 8)"
  echo
  echo "$n schedules (\`polling_interval\` 1) on $folders folders of $blobs blobs each, polled through the built-in" \
    "emulator (in the gateway's process, so its CPU and RSS are included); the scheduler's clock runs ${ds_clock_scale}× fast," \
    "so the schedules' poll instants come every $interval s."
  echo
  echo "| figure | measured | target | result |"
  echo "|---|---:|---:|---|"
  echo "| RSS peak while the schedules poll (cycle, window and new blob; sampled every ${rss_sample_interval}s) | $(kb_to_mb "${fig[ds_rss_peak_kb]}") MB | < $ds_rss_target_mb MB | $(verdict "${fig[ds_rss_peak_kb]}" lt $((ds_rss_target_mb * 1024))) |"
  echo "| a new blob in \`${fig[ds_blob]}\`: schedules watching it that started exactly one run for it / runs elsewhere | ${fig[ds_new_once]} of ${fig[ds_new_watching]} / ${fig[ds_new_other]} (doubled ${fig[ds_new_doubled]}, submits ${fig[ds_new_submits]}) | all ${fig[ds_watching]}, once each / 0 | ${fig[ds_new_verdict]} |"
  echo "| first poll cycle: polls that listed their folder / all | $((fig[ds_cycle_polls_unchanged] + fig[ds_cycle_polls_changed])) / ${fig[ds_cycle_polls]} (failed ${fig[ds_cycle_polls_failed]}) | all | $(ds_cycle_verdict) |"
  echo
  echo "- setup: ${fig[ds_files]} empty files created in ${fig[ds_tree_s]} s (real files, two processes);" \
    "${fig[ds_tpl_count]} schedules (one per folder) created through \`POST /v1/schedules\` in ${fig[ds_tpl_total_s]} s," \
    "p50 ${fig[ds_tpl_create_ms_p50]} ms, max ${fig[ds_tpl_create_ms_max]} ms each (the $blobs-blob baseline listing included);" \
    "cloned to $n with their baselines copied (${fig[ds_seed_seen_rows]} \`datastore_seen\` rows) in ${fig[ds_seed_seconds]} s;" \
    "database ${fig[ds_db_mb]} MB; armed in ${fig[ds_elapsed_ms]} ms"
  echo "- first poll cycle (from "schedules armed" until all $n polls were counted): ${fig[ds_cycle_s]} s wall," \
    "**${fig[ds_cycle_cpu_ms]} ms of gateway CPU** (${fig[ds_cycle_cores]} cores on average), RSS peak $(kb_to_mb "${fig[ds_cycle_rss_peak_kb]}") MB;" \
    "polls unchanged ${fig[ds_cycle_polls_unchanged]}, changed ${fig[ds_cycle_polls_changed]}, failed ${fig[ds_cycle_polls_failed]}," \
    "skipped as overlapping ${fig[ds_cycle_polls_overlapping]}; compared blob by blob ${fig[ds_cycle_full_comparisons]} (the others matched their folder's digest);" \
    "List Blobs pages answered ${fig[ds_cycle_list_pages_success]} (other outcomes: ${fig[ds_cycle_list_pages_other]});" \
    "blobs listed ${fig[ds_cycle_blobs_listed]}; \`gateway_datastore_poll_seconds\` sum ${fig[ds_cycle_poll_seconds_sum]} s" \
    "${fig[ds_cycle_note]:+; ${fig[ds_cycle_note]}}"
  if awk -v c="${fig[ds_cycle_s]}" -v i="$interval" 'BEGIN { exit !(c > i) }'; then
    echo "- the cycle took longer than the $interval s between poll instants: polls of later instants ran during it" \
      "(counted among the $n when they finished first)"
  fi
  echo "- sustained window of ${fig[ds_window_s]} s: ${fig[ds_window_polls]} polls finished of ${fig[ds_window_due]} due" \
    "(unchanged ${fig[ds_window_polls_unchanged]}, changed ${fig[ds_window_polls_changed]}, failed ${fig[ds_window_polls_failed]}," \
    "skipped as overlapping ${fig[ds_window_polls_overlapping]}, compared blob by blob ${fig[ds_window_full_comparisons]});" \
    "List Blobs pages answered ${fig[ds_window_list_pages_success]} (other: ${fig[ds_window_list_pages_other]});" \
    "gateway CPU ${fig[ds_window_cores]} cores; RSS peak $(kb_to_mb "${fig[ds_window_rss_peak_kb]}") MB"
  arrived="not all there within ${ds_run_wait} s"
  [ -z "${fig[ds_new_runs_s]}" ] || arrived="all there ${fig[ds_new_runs_s]} s after the file landed"
  echo "- new blob: ${fig[ds_new_runs]} datastore runs in the ledger, ${fig[ds_watching]} expected; $arrived;" \
    "then ${fig[ds_quiet_s]} s more of polls; statuses: ${fig[ds_new_statuses]}; submits at the emulator ${fig[ds_new_submits]}," \
    "${fig[ds_new_submits_pointing]} with \`input_datapath\` on the blob, ${fig[ds_new_submits_unknown]} not from a ledger run;" \
    "wrong trigger_file ${fig[ds_new_wrong_file]}"
  echo "- RSS: VmHWM at the end $(kb_to_mb "${fig[ds_hwm_kb]}") MB; everything else on the machine kept ${fig[ds_cycle_other_cores]}" \
    "of $(nproc) cores busy during the first cycle and ${fig[ds_window_other_cores]} during the window"
}

print_report() {
  local load_s fire_n
  print_header
  echo
  if has_phase fire || has_phase idle; then
    echo "## Targets (DESIGN.md)"
    echo
    echo "| figure | measured | target | result |"
    echo "|---|---:|---:|---|"
  fi
  if has_phase fire; then
    load_s=$(printf "%'d" "${fig[load_count]}")
    fire_n=$(printf "%'d" "${fig[fire_fire_schedules]}")
    echo "| load: arm $load_s active schedules (\`elapsed_ms\` of \"schedules armed\") | ${fig[load_elapsed_ms]} ms | < $load_target_ms ms | $(verdict "${fig[load_elapsed_ms]}" lt "$load_target_ms") |"
    echo "| load: process start → \"schedules armed\" logged | ${fig[load_wall_ms]} ms | < $load_target_ms ms | $(verdict "${fig[load_wall_ms]}" lt "$load_target_ms") |"
    echo "| RSS 2 s after arming $load_s schedules | $(kb_to_mb "${fig[load_rss_kb]}") MB | < $rss_target_mb MB | $(verdict "${fig[load_rss_kb]}" lt $((rss_target_mb * 1024))) |"
    echo "| RSS peak while firing $fire_rate/s (sampled every ${rss_sample_interval}s) | $(kb_to_mb "${fig[fire_rss_peak_kb]}") MB | < $rss_target_mb MB | $(verdict "${fig[fire_rss_peak_kb]}" lt $((rss_target_mb * 1024))) |"
    echo "| fires in ${fire_seconds}s at $fire_rate/s: submits at the upstream / expected | ${fig[fire_submits]} / ${fig[fire_expected]} (lost ${fig[fire_lost]}, doubled ${fig[fire_doubled]}) | all, once each | $(fires_verdict) |"
    echo "| lateness p99 (ledger: \`created_at\` − \`scheduled_time\`) | ${fig[fire_late_p99_ms]} ms | < $lateness_target_ms ms | $(verdict "${fig[fire_late_p99_ms]}" lt "$lateness_target_ms") |"
    echo "| lateness ≤ 0.1 s (\`gateway_schedule_fire_lateness_seconds\`, window only) | ${fig[fire_hist_within_100ms]} of ${fig[fire_hist_count]} | ≥ $lateness_fraction_target | $(verdict "${fig[fire_hist_fraction_within_100ms]}" ge "$lateness_fraction_target") |"
  fi
  if has_phase idle; then
    echo "| idle CPU, $(printf "%'d" "${fig[idle_armed]}") schedules, nothing due, ${idle_seconds}s | ${fig[idle_cpu_pct]} % (${fig[idle_cpu_ms]} ms) | < $idle_cpu_target_pct % | $(verdict "${fig[idle_cpu_pct]}" lt "$idle_cpu_target_pct") |"
  fi
  if has_phase fire || has_phase idle; then
    echo
    echo "## Details"
    echo
  fi
  if has_phase fire; then
    echo "- load: $load_s schedules armed ($fire_n fire each minute, the rest are quiet: Minute/Hour/Day/Week/Month/cron" \
      "in 4 time zones, first due in ~2 days); RSS 2 s after: $(kb_to_mb "${fig[load_rss_kb]}") MB, VmHWM then $(kb_to_mb "${fig[load_hwm_kb]}") MB"
    echo "- fire window: $(date -u -d "@${fig[window_start]}" '+%H:%M:%S') UTC + ${fire_seconds}s; $fire_rate schedules per second of the minute" \
      "(start_time has whole seconds, so each second's $fire_rate occurrences are due at the same instant)${fig[window_note]:+; ${fig[window_note]}}"
    echo "- ledger: ${fig[fire_ledger_runs]} schedule runs, ${fig[fire_ledger_expected]} of the ${fig[fire_expected]} expected occurrences," \
      "${fig[fire_unexpected]} unexpected, ${fig[fire_ledger_doubles]} doubled; statuses: ${fig[fire_statuses]}"
    echo "- upstream: ${fig[fire_submits]} submits for ${fig[fire_submitted_runs]} distinct \`gateway_run_id\`s" \
      "(${fig[fire_unknown_submits]} not in the ledger, ${fig[fire_unparsed_submits]} without a tag); ${fig[fire_run_reads]} run reads (status refresher)"
    echo "- fires by outcome (\`gateway_schedule_fires_total\`): ${fig[fire_fires_by_outcome]}"
    echo "- lateness, ledger (recorded − scheduled, before the commit): p50 ${fig[fire_late_p50_ms]} ms, p90 ${fig[fire_late_p90_ms]} ms," \
      "p99 ${fig[fire_late_p99_ms]} ms, max ${fig[fire_late_max_ms]} ms over ${fig[fire_late_n]} runs"
    echo "- lateness, histogram (observed after the commit): ${fig[fire_hist_within_100ms]} of ${fig[fire_hist_count]} ≤ 0.1 s" \
      "(${fig[fire_hist_fraction_within_100ms]}); p99 in the bucket le=${fig[fire_hist_p99_bucket]}"
    echo "- submit reached the upstream − scheduled: p50 ${fig[fire_upstream_p50_ms]} ms, p99 ${fig[fire_upstream_p99_ms]} ms, max ${fig[fire_upstream_max_ms]} ms"
    echo "- gateway CPU during the fire window: ${fig[fire_cpu_pct]} % of one core; RSS after draining $(kb_to_mb "${fig[fire_rss_after_kb]}") MB, VmHWM $(kb_to_mb "${fig[fire_hwm_kb]}") MB"
  fi
  if has_phase idle; then
    echo "- idle: RSS $(kb_to_mb "${fig[idle_rss_kb]}") MB; occurrences fired during the idle run: ${fig[idle_fired]}"
  fi
  if has_phase fire && has_phase idle; then
    echo "- the upstream nginx used ${fig[fire_nginx_cores]} of a core during the fire window; everything else on the machine" \
      "(this script included) kept ${fig[fire_other_cores]} of $(nproc) cores busy then, and ${fig[idle_other_cores]}" \
      "(nginx included) during the idle window; load average at the start: $load_at_start"
  fi
  if has_phase datastore; then
    if has_phase fire || has_phase idle; then echo; fi
    print_datastore_report
  fi
}

write_results() {
  local report=$1 file
  mkdir -p "$results_dir"
  file="$results_dir/$(date -u '+%Y-%m-%d-%H%M')-scheduler.md"
  cp "$report" "$file.tmp"
  mv "$file.tmp" "$file"
  log "results written to ${file#"$repo_dir"/}"
}

gateway_version=""
binary_tree=""
load_at_start=""

main() {
  [ $# -eq 1 ] || die "usage: scripts/scheduler-bench.sh GATEWAY_BINARY"
  local gateway_binary template_port fire_port idle_port ds_template_port ds_port
  check_prerequisites
  [[ -f $1 && -x $1 ]] || die "gateway binary '$1' not found or not executable (make build first)"
  gateway_binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  gateway_version=$("$gateway_binary" version 2>&1 | head -n 1) || gateway_version="unknown"
  binary_tree=$(git -C "$(dirname "$gateway_binary")" rev-parse --show-toplevel 2>/dev/null) || binary_tree=$repo_dir

  load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  run_dir=$(mktemp -d -t scheduler-bench.XXXXXX)
  # nginx workers run as nobody when started as root; they must be able to reach their log paths.
  chmod 755 "$run_dir"
  read -r upstream_port template_port fire_port idle_port ds_template_port ds_port <<<"$(free_ports 6)"
  if has_phase fire || has_phase idle; then
    start_upstream
    log "upstream :$upstream_port, run dir $run_dir"
    make_template_database "$gateway_binary" "$template_port"
  fi
  if has_phase fire; then bench_load_and_fire "$gateway_binary" "$fire_port"; fi
  if has_phase idle; then bench_idle "$gateway_binary" "$idle_port"; fi
  if has_phase datastore; then bench_datastore "$gateway_binary" "$ds_template_port" "$ds_port"; fi

  print_report >"$run_dir/report.md"
  cat "$run_dir/report.md"
  write_results "$run_dir/report.md"
}

main "$@"
