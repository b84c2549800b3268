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
http_phases="${BENCH_HTTP_PHASES:-http1 tls webhook}"
tls_key_type="${BENCH_TLS_KEY:-ec}"
# The pipeline bench/azure-upstream.conf.in publishes (its interface declares every name body.json assigns).
bench_pipeline_id="5e1d0a11-0000-4000-8000-00000000be7c"
connection_counts=(1 16 64)
rss_sample_interval=0.5
# Targets from DESIGN.md "Performance and reliability targets", all at 64 connections.
declare -A target_ratio=([healthz]=0.6 [validate]=0.35 [forward]=0.45)
rss_target_mb=30
# The tls phase (issue 10 "Performance"): h2c with h2load, HTTPS keep-alive with wrk, new full handshakes
# with parallel `openssl s_time -new` processes (wrk and h2load would resume the gateway's sessions).
h2_clients=4 h2_streams=16 tls_conns=64 handshake_clients=8
target_ratio+=([h2c]=0.5 [https]=0.5 [handshake]=0.7)
h2_rss_target_mb=40
# The webhook phase (issue 9 "Performance"): signed Standard Webhooks deliveries of a 1 KiB JSON body
# mapped by two templates, against nginx's fixed 202, with the same wrk script (bench/webhook.lua).
read -ra webhook_connection_counts <<<"${BENCH_WEBHOOK_CONNECTIONS:-64}"
webhook_max_rate="${BENCH_WEBHOOK_MAX_RATE:-60000}"
webhook_body_size=1024
target_ratio+=([webhook]=0.25)
webhook_py="$repo_dir/scripts/lib/webhook_bench.py"

# Columns of runs.tsv, one line per measured run: scenario, conns, side, round, then the measures.
# For h2load runs (h2c), column 6 holds the mean time per request and 7 the maximum: h2load gives no percentiles.
# s_time runs (handshake) have no latency (0, 0) and two more columns: full and resumed handshakes.
col_rps=5 col_p50=6 col_p99=7 col_full=13 col_resumed=14
error_names=(connect read write status timeout) # columns 8..12, in report.lua's order

run_dir=""
runs_file=""
rss_file=""
h2_rss_file=""
tls_rss_file=""
idle_rss_kb=""
started_pids=()
sampler_pid=""
gateway_pid=""
gateway_log=""
launched_pid=""
# The tls phase: a second gateway process with the TLS listener, the certificate both servers use.
tls_gateway_pid=""
tls_gateway_log=""
cert_file=""
key_file=""
h2_start_rss_kb=""
tls_idle_rss_kb=""
# Busy CPU ticks of the machine and of the bench's own processes, and SECONDS, when measuring began.
machine_ticks_start="" bench_ticks_start="" measure_start_s=""
other_cores=""
# The webhook phase: the webhook made through the API, its secret, and what its runs left to report.
webhook_id="" webhook_secret="" webhook_gateway_base="" webhook_gateway_url="" webhook_nginx_url=""
webhook_rss_file="" webhook_runs_file="" webhook_idle_rss_kb="" webhook_probe="" webhook_final_metrics="" webhook_final_counts="" webhook_ledger=""
# Where run_wrk also leaves wrk's whole output when set (the webhook phase reads its WEBHOOK line).
wrk_output_file=""

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
  local phase
  for phase in $http_phases; do
    [[ $phase == http1 || $phase == tls || $phase == webhook ]] || die "BENCH_HTTP_PHASES takes http1, tls and webhook, got '$phase'"
  done
  [ -n "${http_phases// /}" ] || die "BENCH_HTTP_PHASES names no phase (http1, tls, webhook)"
  if runs_phase tls; then
    for tool in h2load openssl; do
      command -v "$tool" >/dev/null || die "$tool is missing (the tls phase needs it); run scripts/install-deps.sh bench"
    done
    [[ $tls_key_type == ec || $tls_key_type == rsa ]] || die "BENCH_TLS_KEY must be ec or rsa, got '$tls_key_type'"
  fi
  if runs_phase webhook; then
    [[ $webhook_max_rate =~ ^[1-9][0-9]*$ ]] || die "BENCH_WEBHOOK_MAX_RATE must be a positive whole number, got '$webhook_max_rate'"
    ((${#webhook_connection_counts[@]} > 0)) || die "BENCH_WEBHOOK_CONNECTIONS names no connection count"
    local conns
    for conns in "${webhook_connection_counts[@]}"; do
      [[ $conns =~ ^[1-9][0-9]*$ ]] || die "BENCH_WEBHOOK_CONNECTIONS takes positive whole numbers, got '$conns'"
    done
    # Each run's records are signed just before it with a timestamp of now; the gateway accepts ±5 min.
    ((warmup <= 240 && duration <= 240)) || die "the webhook phase needs BENCH_DURATION and BENCH_WARMUP of at most 240 s (signatures are valid for 5 minutes)"
  fi
}

runs_phase() { [[ " $http_phases " == *" $1 "* ]]; }

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
  cp "$repo_dir/bench/azure-upstream.conf.in" "$repo_dir/bench/webhook.lua" "$run_dir/"
  runs_file="$run_dir/runs.tsv"
  rss_file="$run_dir/rss-kb.txt"
  h2_rss_file="$run_dir/rss-h2c-kb.txt"
  tls_rss_file="$run_dir/rss-tls-kb.txt"
  webhook_rss_file="$run_dir/rss-webhook-kb.txt"
  webhook_runs_file="$run_dir/webhook-runs.tsv"
  : >"$runs_file"
  : >"$rss_file"
  : >"$h2_rss_file"
  : >"$tls_rss_file"
  : >"$webhook_rss_file"
  : >"$webhook_runs_file"
  : >"$run_dir/not-available.tsv"
}

# Waits until URL answers 2xx, failing early if PID exits, with the tail of LOG either way.
# Arguments after TIMEOUT go to curl (--http2-prior-knowledge, --cacert FILE).
wait_until_ready() {
  local name=$1 url=$2 pid=$3 log_file=$4 timeout_s=$5 deadline
  deadline=$((SECONDS + timeout_s))
  until curl -sf -o /dev/null --max-time 2 "${@:6}" "$url"; do
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
# Arguments after PROBE_PATH go to curl when probing it.
start_nginx() {
  local name=$1 template=$2 port=$3 upstream_port=$4 workers=$5 probe_path=$6
  local dir="$run_dir/$name"
  mkdir -p "$dir"
  sed -e "s|@PORT@|$port|g" -e "s|@UPSTREAM_PORT@|$upstream_port|g" \
    -e "s|@WORKERS@|$workers|g" -e "s|@RUNDIR@|$dir|g" "$run_dir/$template" >"$dir/nginx.conf"
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" >"$dir/stdout.log" 2>&1 &
  local pid=$!
  started_pids+=("$pid")
  wait_until_ready "nginx ($name)" "http://127.0.0.1:$port$probe_path" "$pid" "$dir/error.log" 10 "${@:7}"
}

# Starts BINARY serve ARGS... in the background as NAME: output to RUN_DIR/NAME.log, and its own working
# directory RUN_DIR/NAME, so a zero-configuration start keeps ./data there (two gateways never share one).
# Sets launched_pid.
launch_gateway() {
  local name=$1 binary=$2 upstream_port=$3
  shift 3
  mkdir -p "$run_dir/$name"
  (
    cd "$run_dir/$name"
    # TLS comes from the arguments only: a certificate set in the caller's environment would turn the
    # cleartext gateway into a TLS one.
    unset GATEWAY_TLS_CERT GATEWAY_TLS_KEY GATEWAY_TLS_CLIENT_CA
    export GATEWAY_UPSTREAM_BENCH="http://127.0.0.1:$upstream_port"
    if [ "${BENCH_EMULATED:-0}" != 1 ]; then
      # A workspace whose Azure ML is the Azure-like upstream: every trigger really is forwarded there.
      export AZUREML_SUBSCRIPTION_ID=00000000-0000-0000-0000-00000000be7c AZUREML_RESOURCE_GROUP=bench-rg AZUREML_WORKSPACE=bench-ws
      export AZUREML_ENDPOINT="http://127.0.0.1:$upstream_port" AZURE_AUTHORITY_HOST="http://127.0.0.1:$upstream_port"
      export AZURE_TENANT_ID=00000000-0000-0000-0000-0000000000aa AZURE_CLIENT_ID=bench AZURE_CLIENT_SECRET=bench-secret
    fi
    exec "$binary" serve "$@"
  ) >"$run_dir/$name.log" 2>&1 &
  launched_pid=$!
  started_pids+=("$launched_pid")
}

# The cleartext gateway (NAME: default gateway, its directory and log in the run directory).
start_gateway() {
  local binary=$1 port=$2 upstream_port=$3 name=${4:-gateway}
  launch_gateway "$name" "$binary" "$upstream_port" --listen "127.0.0.1:$port"
  gateway_pid=$launched_pid gateway_log="$run_dir/$name.log"
  wait_until_ready "the gateway" "http://127.0.0.1:$port/healthz" "$gateway_pid" "$gateway_log" 30
}

# The gateway's TLS listener is a second process (one listener each), with the anchor's certificate.
start_tls_gateway() {
  local binary=$1 port=$2 upstream_port=$3
  launch_gateway gateway-tls "$binary" "$upstream_port" --listen "127.0.0.1:$port" --tls-cert "$cert_file" --tls-key "$key_file"
  tls_gateway_pid=$launched_pid tls_gateway_log="$run_dir/gateway-tls.log"
  wait_until_ready "the TLS gateway" "https://127.0.0.1:$port/healthz" "$tls_gateway_pid" "$tls_gateway_log" 30 --cacert "$cert_file"
}

# Removes PIDS from started_pids (they have exited), so cleanup never signals a PID the system has reused.
forget_started() {
  local pid i
  for pid in "$@"; do
    for i in "${!started_pids[@]}"; do
      [ "${started_pids[i]}" != "$pid" ] || unset 'started_pids[i]'
    done
  done
  started_pids=("${started_pids[@]}")
}

# Stops PID, one of started_pids, and forgets it.
stop_started() {
  stop_process "$1"
  forget_started "$1"
}

# Fails the bench, with the tail of LOG, when PID (the gateway NAME) has exited.
ensure_alive() {
  local name=$1 pid=$2 log_file=$3
  kill -0 "$pid" 2>/dev/null ||
    die "$name exited during the benchmark; last lines of $log_file:"$'\n'"$(tail -n 20 "$log_file")"
}

ensure_gateway_alive() { ensure_alive "the gateway" "$gateway_pid" "$gateway_log"; }

# VmRSS in kB of PID (default: the gateway), or nothing if it cannot be read.
read_rss_kb() {
  awk '/^VmRSS:/ { print $2 }' "/proc/${1:-$gateway_pid}/status" 2>/dev/null || true
}

# Appends PID's VmRSS (default: the gateway's, to rss-kb.txt) to FILE every sample interval until stopped.
start_rss_sampler() {
  local pid=${1:-$gateway_pid} file=${2:-$rss_file}
  (
    while kill -0 "$pid" 2>/dev/null; do
      read_rss_kb "$pid" >>"$file"
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
# Arguments after SECONDS go to wrk (-H 'Connection: close').
run_wrk() {
  local script=$1 url=$2 conns=$3 seconds=$4 output
  # wrk refuses fewer connections than threads, so the single-connection runs use one thread.
  local threads=$((conns < 2 ? conns : 2))
  output=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" "${@:5}" -s "$run_dir/$script" "$url" 2>&1) ||
    die "wrk failed against $url:"$'\n'"$output"
  [ -z "$wrk_output_file" ] || printf '%s\n' "$output" >"$wrk_output_file"
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
  local scenario=$1 conns=$2 gateway_script=$3 gateway_url=$4 nginx_script=$5 nginx_url=$6 side=$7 round=$8 fields
  local script=$nginx_script url=$nginx_url
  [ "$side" != gateway ] || script=$gateway_script url=$gateway_url
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

# Runs COMMAND... SIDE ROUND for each round and side. Gateway and nginx alternate within each round, and
# which goes first alternates between rounds, so drift in the machine (thermal, noisy neighbours) hits
# both sides alike.
alternate_rounds() {
  local round
  for ((round = 1; round <= rounds; round++)); do
    if ((round % 2)); then
      "$@" gateway "$round"
      "$@" nginx "$round"
    else
      "$@" nginx "$round"
      "$@" gateway "$round"
    fi
  done
}

measure_scenario() {
  local scenario=$1 gateway_script=$2 gateway_url=$3 nginx_script=$4 nginx_url=$5 conns
  for conns in "${connection_counts[@]}"; do
    alternate_rounds measure_side "$scenario" "$conns" "$gateway_script" "$gateway_url" "$nginx_script" "$nginx_url"
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

# ---- The tls phase (issue 10): h2c, HTTPS keep-alive and new TLS handshakes, against bench/anchor-tls.conf.in.

certificate_kind() { if [ "$tls_key_type" = ec ]; then echo "ECDSA P-256"; else echo "RSA 2048"; fi; }

# A self-signed certificate for 127.0.0.1 and localhost: the one pair both nginx and the gateway serve.
make_certificate() {
  local dir="$run_dir/tls" key_args=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1)
  [ "$tls_key_type" = ec ] || key_args=(-newkey rsa:2048)
  mkdir -p "$dir"
  cert_file="$dir/cert.pem" key_file="$dir/key.pem"
  openssl req -x509 "${key_args[@]}" -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout "$key_file" -out "$cert_file" >"$dir/openssl.log" 2>&1 ||
    die "openssl could not make the certificate:"$'\n'"$(tail -n 5 "$dir/openssl.log")"
}

# The h2c (prior knowledge) and TLS servers of bench/anchor-tls.conf.in, in one nginx with 2 workers.
start_tls_anchor() {
  local port=$1 tls_port=$2
  sed -e "s|@TLS_PORT@|$tls_port|g" -e "s|@CERT@|$cert_file|g" -e "s|@KEY@|$key_file|g" \
    "$repo_dir/bench/anchor-tls.conf.in" >"$run_dir/anchor-tls.conf.in"
  start_nginx anchor-tls anchor-tls.conf.in "$port" 0 2 /healthz --http2-prior-knowledge
  wait_until_ready "nginx (anchor-tls, TLS)" "https://127.0.0.1:$tls_port/healthz" "${started_pids[-1]}" \
    "$run_dir/anchor-tls/error.log" 10 --cacert "$cert_file"
}

# The status and HTTP version of one GET with curl ARGS..., e.g. "200 2"; "000 0" when no answer came.
probe_protocol() {
  curl -s -o /dev/null --max-time 10 -w '%{http_code} %{http_version}' "$@" || true
}

# One line on what a TLS 1.3 client offering ALPN h2,http/1.1 meets at PORT: version, suite, key exchange,
# ALPN, session tickets sent after the handshake, and whether a second handshake offering the session
# resumes it. The bench's clients never offer one (see bench/README.md), so this only shows the servers differ.
tls_facts() {
  local port=$1 session="$run_dir/tls/session-$1.pem" first second version_suite group alpn tickets resumed
  # stdin stays open a moment so the tickets, sent after the handshake, arrive before s_client quits.
  # (tr: s_client prints the raw bytes the server sends, NULs included.)
  first=$(sleep 0.5 | openssl s_client -connect "127.0.0.1:$port" -tls1_3 -alpn h2,http/1.1 -sess_out "$session" 2>&1 | tr -d '\0') || true
  version_suite=$(sed -n 's/^New, \(.*\), Cipher is \(.*\)$/\1 \2/p' <<<"$first" | head -n 1)
  if [ -z "$version_suite" ]; then
    echo "no TLS 1.3 handshake: $(grep -m 1 -i error <<<"$first" || true)"
    return 0
  fi
  second=$(sleep 0.5 | openssl s_client -connect "127.0.0.1:$port" -tls1_3 -alpn h2,http/1.1 -sess_in "$session" 2>&1 | tr -d '\0') || true
  group=$(sed -n 's/^Server Temp Key: \([^,]*\),.*/\1/p' <<<"$first" | head -n 1)
  alpn=$(sed -n 's/^ALPN protocol: //p' <<<"$first" | head -n 1)
  tickets=$(grep -c 'New Session Ticket arrived' <<<"$first" || true)
  resumed="an offered session is not resumed"
  if grep -q '^Reused,' <<<"$second"; then resumed="an offered session is resumed"; fi
  echo "$version_suite, ${group:-no key exchange shown}, ALPN ${alpn:-none}; $tickets session ticket(s) per handshake; $resumed"
}

# Runs h2load once (h2c by prior knowledge, WARM seconds of warm-up on the same connections when not 0) and
# prints the measure fields of runs.tsv: req/s, the mean and maximum time per request (µs), then the error
# columns: connect and write 0, read = streams failed otherwise than by a 4xx/5xx or a timeout, status =
# 4xx + 5xx answers, timeout.
run_h2load() {
  local url=$1 seconds=$2 warm=$3 output args
  args=(-c"$h2_clients" -m"$h2_streams" -t2 -D "$seconds")
  [ "$warm" -eq 0 ] || args+=(--warm-up-time="$warm")
  output=$(h2load "${args[@]}" "$url" 2>&1) || die "h2load failed against $url:"$'\n'"$output"
  python3 -c '
import re, sys
text = sys.stdin.read()
def micros(value):
    number, unit = re.fullmatch(r"([0-9.]+)(us|ms|s)", value).groups()
    return round(float(number) * {"us": 1, "ms": 1e3, "s": 1e6}[unit])
if not re.search(r"^Application protocol: h2c$", text, re.M):
    sys.exit(1)
rps = re.search(r"^finished in \S+, ([0-9.]+) req/s", text, re.M).group(1)
failed, timeout = map(int, re.search(r"^requests: .* (\d+) failed, \d+ errored, (\d+) timeout", text, re.M).groups())
codes = re.search(r"^status codes: \d+ 2xx, \d+ 3xx, (\d+) 4xx, (\d+) 5xx", text, re.M)
status = int(codes.group(1)) + int(codes.group(2))
minimum, maximum, mean = re.search(r"^time for request:\s+(\S+)\s+(\S+)\s+(\S+)", text, re.M).groups()
print("\t".join(map(str, [rps, micros(mean), micros(maximum), 0, max(0, failed - status - timeout), 0, status, timeout])))
' <<<"$output" || die "h2load gave no h2c result for $url:"$'\n'"$output"
}

# Runs handshake_clients `openssl s_time -new` processes against HOST:PORT for SECONDS each and prints
# runs.tsv's measure fields. Each process connects again and again, one at a time: a fresh SSL object
# every time, so no session is ever offered and every handshake is a full one, then GET /healthz
# (HTTP/1.0; the server answers and closes). Fields: handshakes/s over the wall time of all processes,
# no latency (0, 0), connect errors = processes that stopped at a failed connection (s_time gives up
# there), 0 for the other error columns, then the full and the resumed handshakes (s_time prints '*'
# per full TLS 1.1+ handshake and 'r' per resumed one; with -new there should be none).
# Not in a command substitution: its processes go on started_pids, so cleanup stops them on an interrupt.
run_s_time() {
  local host_port=$1 seconds=$2 dir="$run_dir/s_time" i pid start end failed=0 pids=()
  mkdir -p "$dir"
  rm -f "$dir"/*.out
  start=$(date +%s.%N)
  for ((i = 1; i <= handshake_clients; i++)); do
    openssl s_time -connect "$host_port" -new -tls1_3 -www /healthz -time "$seconds" >"$dir/$i.out" 2>&1 &
    pids+=("$!")
  done
  started_pids+=("${pids[@]}")
  for pid in "${pids[@]}"; do
    wait "$pid" || failed=$((failed + 1))
  done
  end=$(date +%s.%N)
  forget_started "${pids[@]}"
  python3 - "$start" "$end" "$failed" "$dir"/*.out <<'PY'
import re, sys
start, end, failed = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
full = resumed = 0
for name in sys.argv[4:]:
    for line in open(name, errors="replace").read().splitlines():
        if re.fullmatch(r"[*rt3]+", line):
            resumed += line.count("r")
            full += len(line) - line.count("r")
rate = (full + resumed) / (end - start)
print("\t".join(map(str, [f"{rate:.1f}", 0, 0, failed, 0, 0, 0, 0, full, resumed])))
PY
}

# One side of a tls-phase scenario: a warm-up and a measured run, appended to runs.tsv. h2c runs against
# the cleartext gateway (its RSS sampled), https and handshake against the TLS one.
measure_tls_side() {
  local scenario=$1 gateway_url=$2 nginx_url=$3 side=$4 round=$5 url=$3 conns=$tls_conns fields unit=req/s
  [ "$side" != gateway ] || url=$gateway_url
  case "$scenario" in
    h2c)
      conns=$h2_clients
      [ "$side" != gateway ] || start_rss_sampler "$gateway_pid" "$h2_rss_file"
      fields=$(run_h2load "$url" "$duration" "$warmup")
      ;;
    https)
      [ "$warmup" -eq 0 ] || run_wrk get.lua "$url" "$tls_conns" "$warmup" >/dev/null
      [ "$side" != gateway ] || start_rss_sampler "$tls_gateway_pid" "$tls_rss_file"
      fields=$(run_wrk get.lua "$url" "$tls_conns" "$duration")
      ;;
    handshake)
      local host_port=${url#https://}
      host_port=${host_port%%/*}
      conns=$handshake_clients unit=handshakes/s
      [ "$warmup" -eq 0 ] || run_s_time "$host_port" "$warmup" >/dev/null
      [ "$side" != gateway ] || start_rss_sampler "$tls_gateway_pid" "$tls_rss_file"
      run_s_time "$host_port" "$duration" >"$run_dir/s_time-fields.tsv"
      fields=$(<"$run_dir/s_time-fields.tsv")
      ;;
  esac
  if [ "$side" = gateway ]; then
    stop_rss_sampler
    if [ "$scenario" = h2c ]; then
      ensure_gateway_alive
    else
      ensure_alive "the TLS gateway" "$tls_gateway_pid" "$tls_gateway_log"
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$scenario" "$conns" "$side" "$round" "$fields" >>"$runs_file"
  log "$scenario round $round/$rounds $side: $(cut -f1 <<<"$fields") $unit"
}

# The tls phase: its own nginx (bench/anchor-tls.conf.in) and two gateways, so its figures do not depend
# on what the http1 phase left in memory: a fresh cleartext one for h2c (accepted by prior knowledge on
# its normal listener), replacing the http1 phase's, and one with a TLS listener and the same certificate
# as nginx.
bench_tls() {
  local binary=$1 upstream_port=$2 h2_port tls_port gateway_h2c_port gateway_tls_port answer
  read -r h2_port tls_port gateway_h2c_port gateway_tls_port <<<"$(free_ports 4)"
  [ -z "$gateway_pid" ] || stop_started "$gateway_pid"
  start_gateway "$binary" "$gateway_h2c_port" "$upstream_port" gateway-h2c
  make_certificate
  start_tls_anchor "$h2_port" "$tls_port"
  start_tls_gateway "$binary" "$gateway_tls_port" "$upstream_port"
  log "tls phase: nginx h2c :$h2_port and TLS :$tls_port, gateway h2c :$gateway_h2c_port (pid $gateway_pid)," \
    "TLS gateway :$gateway_tls_port (pid $tls_gateway_pid), $(certificate_kind)"
  local nginx_h2c="http://127.0.0.1:$h2_port/healthz" nginx_tls="https://127.0.0.1:$tls_port/healthz"
  local gateway_h2c="http://127.0.0.1:$gateway_h2c_port/healthz" gateway_tls="https://127.0.0.1:$gateway_tls_port/healthz"

  answer=$(probe_protocol --http2-prior-knowledge "$nginx_h2c")
  [ "$answer" = "200 2" ] || die "nginx (anchor-tls) gave '$answer' (status, HTTP version) to h2c by prior knowledge"
  answer=$(probe_protocol --cacert "$cert_file" "$nginx_tls")
  [ "$answer" = "200 2" ] || die "nginx (anchor-tls) gave '$answer' (status, HTTP version) over TLS with ALPN h2"
  echo "nginx: $(tls_facts "$tls_port")" >"$run_dir/tls-facts.txt"
  echo "gateway: $(tls_facts "$gateway_tls_port")" >>"$run_dir/tls-facts.txt"
  echo "gateway, curl over TLS with ALPN h2: $(probe_protocol --cacert "$cert_file" "$gateway_tls")" >>"$run_dir/tls-facts.txt"

  h2_start_rss_kb=$(read_rss_kb "$gateway_pid")
  tls_idle_rss_kb=$(read_rss_kb "$tls_gateway_pid")
  answer=$(probe_protocol --http2-prior-knowledge "$gateway_h2c")
  if [ "$answer" = "200 2" ]; then
    alternate_rounds measure_tls_side h2c "$gateway_h2c" "$nginx_h2c"
  else
    mark_not_available h2c "n/a (GET /healthz by h2c prior knowledge got status and HTTP version '$answer')"
  fi
  alternate_rounds measure_tls_side https "$gateway_tls" "$nginx_tls"
  alternate_rounds measure_tls_side handshake "$gateway_tls" "$nginx_tls"
}

# ---- The webhook phase (issue 9): signed Standard Webhooks deliveries, bench/webhook.lua on both sides.

# Creates the bench's webhook through the gateway's API (no API key is configured): scheme standard, the
# phase's secret, and two templates into the delivered JSON for parameters the bench pipeline declares
# (a and optimizer, both String without rules in azure-upstream.conf.in's graph interface). Sets
# webhook_id, or marks the phase n/a with the gateway's problem when the create is not answered 201.
create_webhook() {
  local gateway_url=$1 pipeline_id=$2 request status
  request=$(python3 -c '
import json, sys
print(json.dumps({"name": "bench-webhook", "pipeline_id": sys.argv[1], "experiment_name": "bench-webhook",
                  "scheme": "standard", "secrets": [sys.argv[2]],
                  "parameter_assignments": {"a": "{{/data/a}}", "optimizer": "{{/data/optimizer}}"}}))
' "$pipeline_id" "$webhook_secret")
  status=$(curl -s -o "$run_dir/webhook-create.json" --max-time 30 -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' --data-binary "$request" "$gateway_url/v1/webhooks") || true
  if [ "$status" != 201 ]; then
    log "POST /v1/webhooks answered HTTP $status: $(cat "$run_dir/webhook-create.json" 2>/dev/null)"
    mark_not_available webhook "n/a (POST /v1/webhooks answered HTTP $status: $(head -c 400 "$run_dir/webhook-create.json" 2>/dev/null | tr '\n|' '  '))"
    return 0
  fi
  webhook_id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["id"])' "$run_dir/webhook-create.json")
}

# POSTs one delivery of webhook-body.json to URL, freshly signed, like webhook.lua's; prints the status
# (000 if no answer came) and leaves the answer's body in FILE.
post_signed_delivery() {
  local url=$1 answer_file=$2 line args=()
  while IFS= read -r line; do
    args+=(-H "$line")
  done < <(python3 "$webhook_py" curl-headers "$webhook_secret" "$run_dir/webhook-body.json")
  curl -s -o "$answer_file" --max-time 10 -w '%{http_code}' -X POST -H 'Content-Type: application/json' "${args[@]}" \
    --data-binary "@$run_dir/webhook-body.json" "$url" || true
}

# Records for each wrk thread of a run of SECONDS: BENCH_WEBHOOK_MAX_RATE for the whole run and one second
# more, and room for a thread 25% above its share.
webhook_records_per_thread() {
  local seconds=$1 threads=$2
  echo $(((webhook_max_rate * (seconds + 1) * 5 / 4 + threads - 1) / threads))
}

# Points webhook-records.N (what webhook.lua's thread N reads) at the records for one run of SECONDS at
# CONNS connections. The gateway gets new ones before every run: unique webhook-ids, signed with a
# timestamp of now (the gateway accepts ±5 min). nginx checks nothing, so it reuses the set signed once
# at the start of the phase: the same sizes and bytes on the wire.
prepare_webhook_records() {
  local side=$1 conns=$2 seconds=$3 threads=$(($2 < 2 ? $2 : 2)) prefix=nginx-records i count rate
  if [ "$side" = gateway ]; then
    prefix=gateway-records
    read -r count rate < <(python3 "$webhook_py" records "$webhook_secret" "$run_dir/webhook-body.json" \
      "$run_dir/$prefix" "$threads" "$(webhook_records_per_thread "$seconds" "$threads")")
    echo "$count $rate" >>"$run_dir/webhook-signing.txt"
  fi
  for ((i = 1; i <= threads; i++)); do
    ln -sfn "$prefix.$i" "$run_dir/webhook-records.$i"
  done
}

# The deliveries the gateway accepted and the webhook runs it has forwarded, e.g. "1200 1187".
webhook_counts() {
  python3 "$webhook_py" counts "$webhook_gateway_base" "$webhook_id" ||
    die "could not read the webhook counts from the gateway's /metrics; last lines of $gateway_log:"$'\n'"$(tail -n 20 "$gateway_log")"
}

# Waits until the gateway has sent on (forwarded, or settled by reconciliation) as many webhook runs as it
# accepted deliveries, so its background forwarding never runs into the next measurement. Prints the
# seconds it took; with "!" when the count stopped moving for 2 s short of it (a run the reconciler took
# but cannot settle stays Submitting), with "+" when it gave up after 120 s.
wait_for_webhook_forwarding() {
  local start now counts accepted forwarded last=-1 moved
  start=$(date +%s.%N)
  moved=$start
  while :; do
    counts=$(webhook_counts)
    read -r accepted forwarded <<<"$counts"
    now=$(date +%s.%N)
    if ((forwarded >= accepted)); then
      awk -v a="$start" -v b="$now" 'BEGIN { printf "%.1f", b - a }'
      return 0
    fi
    if ((forwarded != last)); then
      last=$forwarded moved=$now
    elif awk -v a="$moved" -v b="$now" 'BEGIN { exit !(b - a >= 2) }'; then
      awk -v a="$start" -v b="$now" 'BEGIN { printf "%.1f!", b - a }'
      return 0
    fi
    if awk -v a="$start" -v b="$now" 'BEGIN { exit !(b - a >= 120) }'; then
      awk -v a="$start" -v b="$now" 'BEGIN { printf "%.1f+", b - a }'
      return 0
    fi
    sleep 0.25
  done
}

# One side of the webhook scenario at CONNS connections: a warm-up and a measured run, each with its own
# records. The measured run goes to runs.tsv, both to webhook-runs.tsv (side, conns, round, kind, records
# used, exhausted, seconds the forwarding took to catch up, requests completed, 4xx/5xx, runs.tsv's
# measures, then the gateway's CPU in cores during the run). The gateway's RSS is sampled at 64
# connections during the measured run and the catch-up after it.
measure_webhook_side() {
  local conns=$1 side=$2 round=$3 url=$webhook_nginx_url kind seconds fields parsed used exhausted completed failed drained
  local ticks_before ticks_after cores
  [ "$side" != gateway ] || url=$webhook_gateway_url
  for kind in warm-up measured; do
    seconds=$duration
    [ "$kind" = measured ] || seconds=$warmup
    [ "$seconds" -gt 0 ] || continue
    prepare_webhook_records "$side" "$conns" "$seconds"
    if [ "$side" = gateway ] && [ "$kind" = measured ] && [ "$conns" -eq 64 ]; then
      start_rss_sampler "$gateway_pid" "$webhook_rss_file"
    fi
    wrk_output_file="$run_dir/wrk-webhook.txt"
    ticks_before=$(read_process_ticks "$gateway_pid")
    fields=$(run_wrk webhook.lua "$url" "$conns" "$seconds")
    ticks_after=$(read_process_ticks "$gateway_pid")
    wrk_output_file=""
    parsed=$(python3 -c '
import json, sys
found = {}
for line in open(sys.argv[1]):
    for tag in ("WEBHOOK ", "RESULT "):
        if line.startswith(tag):
            found.update(json.loads(line[len(tag):]))
print(found["records_used"], found["exhausted"], found["requests"], found["err_status"])
' "$run_dir/wrk-webhook.txt") || die "no WEBHOOK line in wrk's output:"$'\n'"$(cat "$run_dir/wrk-webhook.txt")"
    read -r used exhausted completed failed <<<"$parsed"
    drained=""
    if [ "$side" = gateway ]; then
      ensure_gateway_alive
      drained=$(wait_for_webhook_forwarding)
      [ -z "$sampler_pid" ] || stop_rss_sampler
    fi
    # The gateway's CPU during the run, in cores (for nginx's runs, what the idle gateway used).
    cores=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v s="$seconds" 'BEGIN { printf "%.2f", t / hz / s }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$side" "$conns" "$round" "$kind" "$used" "$exhausted" "${drained:--}" \
      "$completed" "$failed" "$fields" "$cores" >>"$webhook_runs_file"
    ((exhausted == 0)) || log "webhook c=$conns $side $kind: $exhausted request(s) found no record left (BENCH_WEBHOOK_MAX_RATE)"
  done
  printf '%s\t%s\t%s\t%s\t%s\n' webhook "$conns" "$side" "$round" "$fields" >>"$runs_file"
  log "webhook c=$conns round $round/$rounds $side: $(cut -f1 <<<"$fields") req/s${drained:+, forwarding caught up ${drained}s after}"
}

# The webhook phase: a fresh gateway (the earlier phases' are stopped) with the Azure-like upstream, a
# webhook made through its API, one signed probe that must be answered 202, then the alternated rounds
# of bench/webhook.lua against /hooks/{id} and against the anchor's fixed 202 for POST.
bench_webhook() {
  local binary=$1 upstream_port=$2 nginx_port=$3 port status conns gateway_url
  port=$(free_ports 1)
  [ -z "$gateway_pid" ] || stop_started "$gateway_pid"
  if [ -n "$tls_gateway_pid" ]; then
    stop_started "$tls_gateway_pid"
    tls_gateway_pid=""
  fi
  start_gateway "$binary" "$port" "$upstream_port" gateway-webhook
  gateway_url="http://127.0.0.1:$port"
  log "webhook phase: nginx :$nginx_port, gateway :$port (pid $gateway_pid)"
  webhook_secret=$(python3 "$webhook_py" secret)
  python3 "$webhook_py" payload "$run_dir/webhook-body.json" "$webhook_body_size" 7 adamw
  create_webhook "$gateway_url" "$(pick_pipeline_id "$gateway_url")"
  [ -n "$webhook_id" ] || return 0
  webhook_gateway_base=$gateway_url
  webhook_gateway_url="$gateway_url/hooks/$webhook_id"
  webhook_nginx_url="http://127.0.0.1:$nginx_port/v1/pipelines/x/runs"

  status=$(post_signed_delivery "$webhook_gateway_url" "$run_dir/webhook-probe.json")
  webhook_probe=$status
  if [ "$status" != 202 ]; then
    log "one signed delivery to /hooks/$webhook_id got HTTP $status: $(cat "$run_dir/webhook-probe.json" 2>/dev/null)"
    mark_not_available webhook "n/a (a signed delivery answered HTTP $status: $(head -c 400 "$run_dir/webhook-probe.json" 2>/dev/null | tr '\n|' '  '))"
    return 0
  fi
  status=$(post_signed_delivery "$webhook_nginx_url" /dev/null)
  [ "$status" = 202 ] || die "nginx (anchor) answered HTTP $status to a webhook delivery at $webhook_nginx_url"
  wait_for_webhook_forwarding >/dev/null
  webhook_idle_rss_kb=$(read_rss_kb)

  log "webhook phase: signing nginx's records (BENCH_WEBHOOK_MAX_RATE=$webhook_max_rate)"
  python3 "$webhook_py" records "$webhook_secret" "$run_dir/webhook-body.json" "$run_dir/nginx-records" 2 \
    "$(webhook_records_per_thread "$duration" 1)" >/dev/null
  for conns in "${webhook_connection_counts[@]}"; do
    alternate_rounds measure_webhook_side "$conns"
  done
  webhook_final_metrics=$(python3 "$webhook_py" metrics "$gateway_url" "$webhook_id")
  webhook_final_counts=$(webhook_counts)
  log "webhook phase: reading the webhook's runs back from the ledger"
  webhook_ledger=$(python3 "$webhook_py" ledger "$gateway_url" "$webhook_id" 7 adamw 2>&1) ||
    webhook_ledger="could not be read: ${webhook_ledger##*$'\n'}"
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

# Busy ticks of the whole machine, all cores (user nice system irq softirq steal of /proc/stat's cpu line).
read_machine_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# CPU ticks (utime + stime + cutime + cstime) of this script and every process under it: servers, load
# generators, samplers, and what they have reaped. The machine's busy ticks less these are what other
# processes used: on a shared machine, the figures are only comparable with that next to them.
read_bench_ticks() {
  python3 - "$$" <<'PY'
import os, sys
stats = {}
for name in os.listdir("/proc"):
    if not name.isdigit():
        continue
    try:
        text = open(f"/proc/{name}/stat").read()
    except OSError:
        continue
    fields = text[text.rindex(")") + 2:].split()  # from field 3 (state) on
    stats[int(name)] = (int(fields[1]), sum(int(v) for v in fields[11:15]))
children = {}
for pid, (ppid, _) in stats.items():
    children.setdefault(ppid, []).append(pid)
total, todo = 0, [int(sys.argv[1])]
while todo:
    pid = todo.pop()
    total += stats.get(pid, (0, 0))[1]
    todo.extend(children.get(pid, []))
print(total)
PY
}

start_cpu_accounting() {
  machine_ticks_start=$(read_machine_ticks)
  bench_ticks_start=$(read_bench_ticks)
  measure_start_s=$SECONDS
}

# Sets other_cores: the cores' worth of CPU that processes outside the bench used since start_cpu_accounting.
finish_cpu_accounting() {
  local machine bench elapsed=$((SECONDS - measure_start_s))
  machine=$(read_machine_ticks)
  bench=$(read_bench_ticks)
  other_cores=$(awk -v m=$((machine - machine_ticks_start)) -v b=$((bench - bench_ticks_start)) \
    -v hz="$(getconf CLK_TCK)" -v s="$elapsed" 'BEGIN { o = (m - b) / hz / (s > 0 ? s : 1); printf "%.2f", o < 0 ? 0 : o }')
}

not_available_reason() {
  awk -F'\t' -v s="$1" '$1 == s { print $2 }' "$run_dir/not-available.tsv"
}

print_table_header() {
  echo "| scenario | conns | gateway req/s | nginx req/s | ratio | gateway p50 | nginx p50 | p50 ratio | gateway p99 | nginx p99 | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
}

# One row of the throughput table: the medians of SCENARIO's rounds at CONNS connections.
print_table_row() {
  local scenario=$1 conns=$2 gw_rps ng_rps gw_p50 ng_p50 errors
  gw_rps=$(median_of "$scenario" "$conns" gateway "$col_rps")
  ng_rps=$(median_of "$scenario" "$conns" nginx "$col_rps")
  gw_p50=$(median_of "$scenario" "$conns" gateway "$col_p50")
  ng_p50=$(median_of "$scenario" "$conns" nginx "$col_p50")
  errors=$(errors_of "$scenario" "$conns")
  if [ "$scenario" = webhook ] && [ -n "$(webhook_exhausted "$conns")" ]; then
    errors="$(if [ "$errors" != none ]; then echo "$errors; "; fi)**records ran out: $(webhook_exhausted "$conns")**"
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$scenario" "$conns" \
    "$(format_rps "$gw_rps")" "$(format_rps "$ng_rps")" "$(ratio "$gw_rps" "$ng_rps")" \
    "$(format_ms "$gw_p50")" "$(format_ms "$ng_p50")" "$(ratio "$gw_p50" "$ng_p50")" \
    "$(format_ms "$(median_of "$scenario" "$conns" gateway "$col_p99")")" \
    "$(format_ms "$(median_of "$scenario" "$conns" nginx "$col_p99")")" \
    "$errors"
}

print_table() {
  local scenario conns reason
  print_table_header
  for scenario in healthz validate forward; do
    reason=$(not_available_reason "$scenario")
    if [ -n "$reason" ]; then
      echo "| $scenario | — | $reason | — | — | — | — | — | — | — | — |"
      continue
    fi
    for conns in "${connection_counts[@]}"; do
      print_table_row "$scenario" "$conns"
    done
  done
}

# utime + stime of PID in clock ticks (0 if it cannot be read).
read_process_ticks() {
  awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# "gateway N, nginx M": the requests of CONNS's webhook runs (warm-ups included) that found no record
# left; nothing when there were none.
webhook_exhausted() {
  awk -F'\t' -v c="$1" '$2 == c { n[$1] += $6 }
    END { if (n["gateway"] + n["nginx"] > 0) printf "gateway %d, nginx %d", n["gateway"], n["nginx"] }' "$webhook_runs_file"
}

print_webhook_table() {
  local reason conns
  print_table_header
  reason=$(not_available_reason webhook)
  if [ -n "$reason" ]; then
    echo "| webhook | — | $reason | — | — | — | — | — | — | — | — |"
    return 0
  fi
  for conns in "${webhook_connection_counts[@]}"; do
    print_table_row webhook "$conns"
  done
}

print_webhook_details() {
  local pipeline_id accepted
  if [ -z "$webhook_id" ]; then
    echo "- webhook: none was made (see the table)"
    return 0
  fi
  pipeline_id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("pipeline_id", "?"))' "$run_dir/webhook-create.json" 2>/dev/null || echo "?")
  echo "- webhook: made with \`POST /v1/webhooks\` (201, id \`$webhook_id\`) on pipeline \`$pipeline_id\`: scheme \`standard\`, one given secret (\`whsec_\` + base64 of 32 random bytes), \`parameter_assignments\` \`a\` ← \`{{/data/a}}\` and \`optimizer\` ← \`{{/data/optimizer}}\`"
  echo "- delivery: $webhook_body_size bytes of JSON (\`{\"type\":\"bench.event\",\"data\":{\"a\":\"7\",\"optimizer\":\"adamw\",\"padding\":\"x…\"}}\`), \`Content-Type: application/json\`, \`webhook-id\` (unique), \`webhook-timestamp\` (now, signed before each run), \`webhook-signature: v1,…\` (HMAC-SHA256 of \`{id}.{timestamp}.{body}\`, made by Python's hmac, not the gateway); the gateway gets \`POST /hooks/{id}\`, nginx \`POST /v1/pipelines/x/runs\` (the anchor's fixed 202), both from \`wrk -s webhook.lua\`"
  [ -n "$webhook_probe" ] || return 0
  echo "- probe: one signed delivery before the load was answered HTTP $webhook_probe"
  [ -s "$webhook_runs_file" ] || return 0
  echo "- records: every gateway run gets new ones, $(webhook_records_per_thread "$duration" 2) per wrk thread for a ${duration}s run at 64 connections (\`BENCH_WEBHOOK_MAX_RATE\`=$webhook_max_rate req/s, +1 s, +25% per thread), signed at $(sort -k2 -n "$run_dir/webhook-signing.txt" | awk '{ v[NR] = $2 } END { printf "%.0f", v[int((NR + 1) / 2)] }') records/s; nginx reuses one set (it checks nothing); requests that found no record left: $(webhook_exhausted_all)"
  read -r accepted _ <<<"$webhook_final_counts"
  awk -F'\t' -v accepted="$accepted" -v outcomes="$webhook_final_metrics" '
    $1 == "gateway" { runs++; used += $5; completed += $8; failed += $9 }
    END {
      # Each wrk run asks webhook.lua for one request it only checks and never sends; the probe was one more.
      sent = used - runs + 1; answered = completed - failed + 1
      verdict = (answered <= accepted && accepted <= sent) ? "consistent" : "**inconsistent**"
      printf "- deliveries to the gateway, warm-ups and the probe included: %d sent, %d answered 2xx as wrk counts them (it does not count those still in flight when it stops), %d answered 4xx/5xx; the gateway counted %d accepted (`gateway_webhook_deliveries_total` by outcome: %s): %s\n",
        sent, answered, failed, accepted, outcomes, verdict
    }' "$webhook_runs_file"
  local runs distinct verdict="**does not match**"
  read -r runs _ distinct _ <<<"$webhook_ledger"
  [[ $runs != "$accepted" || $distinct != "$accepted" ]] || verdict="one run per accepted delivery"
  echo "- the ledger, read back after the load (\`GET /v1/runs?source=webhook\`, every page): $webhook_ledger: $verdict"
  local forwarded
  read -r accepted forwarded <<<"$webhook_final_counts"
  awk -F'\t' -v left=$((accepted - forwarded)) '
    $1 == "gateway" && $4 == "measured" {
      n++; v = $7
      if (v ~ /\+$/) gave_up++
      if (v ~ /!$/) stalled++
      sub(/[+!]$/, "", v)
      if (v + 0 > worst) worst = v + 0
    }
    END {
      printf "- forwarding in the background: after each gateway run the script waited until the gateway had sent on every accepted delivery (`gateway_runs_total{source=\"webhook\"}` accepted, refused, unresolved or settled) before the next run; after the measured runs that took at most %.1f s%s%s; at the end %d accepted deliveries were not sent on%s\n",
        worst, stalled ? sprintf(" (%d stopped short: the count stood still for 2 s)", stalled) : "",
        gave_up ? sprintf(" (**%d gave up after 120 s**)", gave_up) : "", left,
        (left > 0 ? " (see the ledger line: runs still `Submitting`)" : "")
    }' "$webhook_runs_file"
  awk -F'\t' '$4 == "measured" && $2 == 64 { n[$1]++; c[$1] += $18; if ($1 == "gateway" && $10 > 0) per += $18 / $10 * 1000 }
    END { if (n["gateway"]) printf "- gateway CPU at 64 connections, mean of the measured runs: %.2f cores under its own load (%.2f ms of CPU per delivery, forwarding included as far as it kept up), %.2f while nginx was measured\n", c["gateway"] / n["gateway"], per / n["gateway"], n["nginx"] ? c["nginx"] / n["nginx"] : 0 }' "$webhook_runs_file"
  echo "- gateway RSS idle, after the webhook was made and the probe: $(mb_or_na "$webhook_idle_rss_kb" "could not read /proc/$gateway_pid/status"); peak at 64 connections (sampled every ${rss_sample_interval}s during the measured runs and the forwarding after them): $(mb_or_na "$(peak_rss_kb "$webhook_rss_file")" "no samples")"
}

# The same for every connection count: "none" or "gateway N, nginx M".
webhook_exhausted_all() {
  awk -F'\t' '{ n[$1] += $6 } END { if (n["gateway"] + n["nginx"] > 0) printf "**gateway %d, nginx %d**", n["gateway"], n["nginx"]; else print "none" }' "$webhook_runs_file"
}

# The largest sample in FILE (default: rss-kb.txt, the gateway under 64 HTTP/1.1 connections).
peak_rss_kb() { sort -n "${1:-$rss_file}" | tail -n 1; }

# "12.3 MB", or "n/a (WHY)" when KB is empty.
mb_or_na() { if [ -n "$1" ]; then echo "$(kb_to_mb "$1") MB"; else echo "n/a ($2)"; fi; }

tls_scenario_load() {
  case "$1" in
    h2c) echo "\`GET /healthz\`, h2c by prior knowledge; \`h2load -c$h2_clients -m$h2_streams -t2\`" ;;
    https) echo "\`GET /healthz\`, HTTP/1.1 keep-alive over TLS; \`wrk -t2 -c$tls_conns\`" ;;
    handshake) echo "a new connection, full TLS 1.3 handshake and \`GET /healthz\` (HTTP/1.0) each; $handshake_clients × \`openssl s_time -new -tls1_3 -www /healthz\`" ;;
  esac
}

print_tls_table() {
  local scenario conns reason unit gw_rps ng_rps gw_latency ng_latency
  echo "| scenario | load | gateway | nginx | ratio | gateway latency | nginx latency | errors |"
  echo "|---|---|---:|---:|---:|---:|---:|---|"
  for scenario in h2c https handshake; do
    reason=$(not_available_reason "$scenario")
    if [ -n "$reason" ]; then
      echo "| $scenario | $(tls_scenario_load "$scenario") | $reason | — | — | — | — | — |"
      continue
    fi
    conns=$tls_conns unit=req/s
    [ "$scenario" != h2c ] || conns=$h2_clients
    [ "$scenario" != handshake ] || conns=$handshake_clients unit=handshakes/s
    gw_rps=$(median_of "$scenario" "$conns" gateway "$col_rps")
    ng_rps=$(median_of "$scenario" "$conns" nginx "$col_rps")
    case "$scenario" in
      # h2load reports no percentiles: its mean time per request.
      h2c)
        gw_latency="mean $(format_ms "$(median_of "$scenario" "$conns" gateway "$col_p50")")"
        ng_latency="mean $(format_ms "$(median_of "$scenario" "$conns" nginx "$col_p50")")"
        ;;
      https)
        gw_latency="p50 $(format_ms "$(median_of "$scenario" "$conns" gateway "$col_p50")")"
        ng_latency="p50 $(format_ms "$(median_of "$scenario" "$conns" nginx "$col_p50")")"
        ;;
      # s_time measures no latency.
      handshake) gw_latency="—" ng_latency="—" ;;
    esac
    printf '| %s | %s | %s %s | %s %s | %s | %s | %s | %s |\n' "$scenario" "$(tls_scenario_load "$scenario")" \
      "$(format_rps "$gw_rps")" "$unit" "$(format_rps "$ng_rps")" "$unit" "$(ratio "$gw_rps" "$ng_rps")" \
      "$gw_latency" "$ng_latency" "$(errors_of "$scenario" "$conns")"
  done
}

# "N full / M resumed" handshakes of SIDE's measured s_time runs; bold when any was resumed, as then the
# comparison is not of full handshakes.
handshake_counts() {
  awk -F'\t' -v side="$1" -v f="$col_full" -v r="$col_resumed" '
    $1 == "handshake" && $3 == side { full += $f; resumed += $r }
    END { text = sprintf("%d full / %d resumed", full, resumed); print (resumed > 0 ? "**" text "**" : text) }' "$runs_file"
}

print_tls_details() {
  echo "- certificate: self-signed $(certificate_kind) (\`BENCH_TLS_KEY=$tls_key_type\`), the same files for nginx and the gateway"
  echo "- https: wrk offers no ALPN, so it is HTTP/1.1 on both sides; its 64 connections stay open, one handshake each"
  if [ -z "$(not_available_reason handshake)" ] && [ -s "$runs_file" ]; then
    echo "- handshake: s_time counted, over the measured runs, $(handshake_counts gateway) on the gateway and $(handshake_counts nginx) on nginx"
  fi
  sed 's/^/- /' "$run_dir/tls-facts.txt"
  echo "- gateway RSS (a fresh cleartext process) idle, before the HTTP/2 load: $(mb_or_na "$h2_start_rss_kb" "could not read /proc/$gateway_pid/status")"
  echo "- gateway RSS peak under the HTTP/2 load (h2c, sampled every ${rss_sample_interval}s): $(mb_or_na "$(peak_rss_kb "$h2_rss_file")" "no samples")"
  echo "- TLS gateway RSS idle: $(mb_or_na "$tls_idle_rss_kb" "could not read /proc/$tls_gateway_pid/status"); peak under HTTPS keep-alive and handshakes: $(mb_or_na "$(peak_rss_kb "$tls_rss_file")" "no samples") (no target)"
}

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

# PASS needs the ratio at CONNS (default 64) connections and no errors on the gateway's side.
target_verdict() {
  local scenario=$1 conns=${2:-64} gw_rps ng_rps value
  if [ -n "$(not_available_reason "$scenario")" ]; then
    echo "n/a"
    return 0
  fi
  gw_rps=$(median_of "$scenario" "$conns" gateway "$col_rps")
  ng_rps=$(median_of "$scenario" "$conns" nginx "$col_rps")
  value=$(ratio "$gw_rps" "$ng_rps")
  if [ "$scenario" = webhook ] && [ -n "$(webhook_exhausted "$conns")" ]; then
    echo "FAIL ($value, records ran out: $(webhook_exhausted "$conns"))"
  elif gateway_had_errors "$scenario" "$conns"; then
    echo "FAIL ($value, with gateway errors)"
  elif awk -v v="$value" -v t="${target_ratio[$scenario]}" 'BEGIN { exit !(v >= t) }'; then
    echo "PASS ($value)"
  else
    echo "FAIL ($value)"
  fi
}

# PASS when the largest sample of FILE is at most LIMIT MB.
rss_verdict() {
  local file=$1 limit_mb=$2 peak
  peak=$(peak_rss_kb "$file")
  if [ -z "$peak" ]; then
    echo "n/a"
  elif [ "$peak" -le $((limit_mb * 1024)) ]; then
    echo "PASS ($(kb_to_mb "$peak") MB)"
  else
    echo "FAIL ($(kb_to_mb "$peak") MB)"
  fi
}

print_targets() {
  local scenario
  if runs_phase http1; then
    for scenario in healthz validate forward; do
      echo "- $scenario@64 ratio ≥ ${target_ratio[$scenario]}: $(target_verdict "$scenario")"
    done
    echo "- RSS under load ≤ $rss_target_mb MB: $(rss_verdict "$rss_file" "$rss_target_mb")"
  fi
  if runs_phase tls; then
    echo "- h2c ($h2_clients connections × $h2_streams streams) ratio ≥ ${target_ratio[h2c]}: $(target_verdict h2c "$h2_clients")"
    echo "- https@$tls_conns ratio ≥ ${target_ratio[https]}: $(target_verdict https "$tls_conns")"
    echo "- new full TLS handshakes/s ($handshake_clients s_time clients) ratio ≥ ${target_ratio[handshake]}: $(target_verdict handshake "$handshake_clients")"
    echo "- RSS under the HTTP/2 load ≤ $h2_rss_target_mb MB: $(rss_verdict "$h2_rss_file" "$h2_rss_target_mb")"
  fi
  if runs_phase webhook; then
    echo "- webhook@64 ratio ≥ ${target_ratio[webhook]}: $(target_verdict webhook)"
    if [ -z "$(not_available_reason webhook)" ] && [[ " ${webhook_connection_counts[*]} " == *" 64 "* ]]; then
      echo "  - reported with it: gateway p99 $(format_ms "$(median_of webhook 64 gateway "$col_p99")") (nginx $(format_ms "$(median_of webhook 64 nginx "$col_p99")")), gateway RSS peak $(mb_or_na "$(peak_rss_kb "$webhook_rss_file")" "no samples")"
    fi
  fi
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
  echo "- other processes (not the bench's servers and load generators) used $other_cores of the $(nproc) cores on average while measuring"
  echo "- $(nginx -v 2>&1); ${wrk_version%%$'\n'*}"
  if runs_phase tls; then
    echo "- $(h2load --version 2>&1 | head -n 1); $(openssl version)"
  fi
  echo "- phases: $http_phases (\`BENCH_HTTP_PHASES\`)"
  echo "- load: wrk -t2 (-t1 at 1 connection), ${duration}s runs after ${warmup}s warm-ups, median of $rounds round(s), gateway and nginx alternated"
  if runs_phase tls; then
    echo "- h2load: \`-D $duration\`$( ((warmup == 0)) || echo " \`--warm-up-time=$warmup\`"), the warm-up on the same connections"
  fi
  if runs_phase webhook; then
    echo "- webhook: \`wrk -s webhook.lua\` at ${webhook_connection_counts[*]} connection(s) (\`BENCH_WEBHOOK_CONNECTIONS\`), Python $(python3 -c 'import platform; print(platform.python_version())') signs"
  fi
}

print_report() {
  print_header
  if runs_phase http1; then
    echo
    echo "## Throughput and latency (ratio = gateway / nginx)"
    echo
    print_table
    echo
    echo "## Memory"
    echo
    print_rss
  fi
  if runs_phase tls; then
    echo
    echo "## TLS and HTTP/2 (ratio = gateway / nginx)"
    echo
    print_tls_table
    echo
    print_tls_details
  fi
  if runs_phase webhook; then
    echo
    echo "## Webhooks (issue 9; ratio = gateway / nginx)"
    echo
    print_webhook_table
    echo
    print_webhook_details
  fi
  echo
  echo "## Targets (DESIGN.md, issues 9 and 10)"
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
  log "upstream :$upstream_port, run dir $run_dir"
  start_cpu_accounting
  if runs_phase http1 || runs_phase webhook; then
    start_nginx anchor anchor.conf.in "$nginx_port" "$upstream_port" 2 /healthz
  fi
  if runs_phase http1; then
    start_gateway "$gateway_binary" "$gateway_port" "$upstream_port"
    log "http1 phase: nginx :$nginx_port, gateway :$gateway_port (pid $gateway_pid)"
    local gateway_url="http://127.0.0.1:$gateway_port" nginx_url="http://127.0.0.1:$nginx_port"
    idle_rss_kb=$(read_rss_kb)
    bench_healthz "$gateway_url" "$nginx_url"
    bench_validate "$gateway_url" "$nginx_url"
    bench_forward "$gateway_url" "$nginx_url"
  fi
  if runs_phase tls; then
    bench_tls "$gateway_binary" "$upstream_port"
  fi
  if runs_phase webhook; then
    bench_webhook "$gateway_binary" "$upstream_port" "$nginx_port"
  fi
  finish_cpu_accounting

  print_report >"$run_dir/report.md"
  cat "$run_dir/report.md"
  write_results "$run_dir/report.md"
}

main "$@"
