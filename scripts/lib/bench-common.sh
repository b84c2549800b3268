# Shared by scripts/bench.sh and scripts/scheduler-bench.sh: their log lines, and stopping everything
# a bench started (on exit, in reverse order) so no nginx or gateway outlives it.
# The sourcing script sets bench_name, and keeps run_dir, started_pids and sampler_pid up to date.

log() { echo "$bench_name: $*" >&2; }
die() {
  echo "$bench_name: error: $*" >&2
  exit 1
}

cleanup() {
  local status=$? i
  [ -z "$sampler_pid" ] || stop_process "$sampler_pid"
  for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do
    stop_process "${started_pids[i]}"
  done
  [ -n "$run_dir" ] || return 0
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    log "kept the run directory $run_dir"
  else
    rm -rf "$run_dir"
    [ "$status" -eq 0 ] || log "the run directory was removed; BENCH_KEEP=1 keeps it and its logs"
  fi
}

# Stops PID with SIGTERM (SIGKILL after TIMEOUT seconds, default 5); prints nothing.
stop_process() {
  local pid=$1 timeout_s=${2:-5} i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < timeout_s * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
