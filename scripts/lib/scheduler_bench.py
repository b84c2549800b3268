#!/usr/bin/env python3
"""Helpers for scripts/scheduler-bench.sh (stdlib only). See bench/README.md "Scheduler benchmark".

Subcommands:
  upstream-conf TEMPLATE          azure-upstream.conf.in with the submits logged, body included, to
                                  @RUNDIR@/submits.log ("$msec $status $request_body") and the run reads
                                  counted in @RUNDIR@/run-reads.log; printed to stdout
  templates URL PIPELINE_ID       creates the template schedules through the gateway's API
  seed-fire BASE OUT --total N --rate R --seconds D --start EPOCH
                                  OUT = BASE with its schedules replaced by clones of the templates:
                                  R x min(60, D) firing ones (Minute, start EPOCH + s, end EPOCH + D - 1)
                                  and quiet ones (nothing due for a day) up to N in all
  seed-idle BASE OUT --count N    OUT = BASE with N clones of the daily idle template
  armed LOG STARTED_EPOCH         count, elapsed_ms and wall_ms of the "schedules armed" log line
  fires-total METRICS             gateway_schedule_fires_total summed over outcomes
  analyze ...                     the fire window's figures as key=value lines
  ds-tree ROOT --folders F --blobs B
                                  F folders f000… of B empty files b00000.bin… each under ROOT (two
                                  processes); prints the seconds it took
  ds-templates URL PIPELINE_ID --folders F --prefix P
                                  one change-based schedule per folder P/fNNN through POST /v1/schedules
                                  (each lists its folder for its baseline); timing figures as key=value
  ds-seed BASE OUT --schedules N  OUT = BASE with the folder templates replaced by N clones (N / F per
                                  folder), each with a copy of its template's baseline in datastore_seen
  ds-metrics METRICS [--before M] the datastore watcher's counters of a /metrics scrape (or their growth
                                  since scrape M) as key=value
  ds-analyze --db DB --calls JSON --blob NAME
                                  who started runs after blob NAME landed: the exactly-once check

Every clone copies its template row column by column (so a column added later is kept consistent) and
changes only id, name, version, timestamps and, for firing clones, the recurrence's start/end time in
the definition JSON the gateway wrote.
"""
import argparse
import collections
import datetime
import json
import math
import multiprocessing
import os
import re
import sqlite3
import sys
import time
import urllib.error
import urllib.request
import uuid

UTC = datetime.timezone.utc
TEMPLATE_PREFIX = "bench-template-"
FIRE_TEMPLATE = TEMPLATE_PREFIX + "fire"
IDLE_TEMPLATE = TEMPLATE_PREFIX + "idle"
QUIET_TEMPLATE = TEMPLATE_PREFIX + "quiet-"
FIRE_PREFIX = "bench-fire-"
# Zones and triggers of the quiet schedules: a mix, so loading them costs what real calendars cost.
QUIET_ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]


def die(message):
    print(f"scheduler-bench: error: {message}", file=sys.stderr)
    sys.exit(1)


def local_text(epoch_seconds):
    """A UTC instant as the API's local time without offset (the schedules use time_zone UTC)."""
    return datetime.datetime.fromtimestamp(epoch_seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S")


def parse_local(text):
    return int(datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC).timestamp())


# ---------------------------------------------------------------------------------------------- upstream


def upstream_conf(args):
    text = open(args.template).read()
    submit_head = "location ~ /PipelineRuns/PipelineSubmit/ {\n"
    start = text.find(submit_head)
    if start < 0:
        die(f"{args.template} has no '{submit_head.strip()}' block; update scheduler_bench.py upstream-conf")
    indent = text[text.rfind("\n", 0, start) + 1:start]
    end = text.index(indent + "}\n", start)
    answer = text[start + len(submit_head):end]
    if not answer.strip().startswith("return 200 "):
        die(f"the submit location of {args.template} does not answer with 'return 200'; update upstream-conf")
    # nginx reads a body only when something consumes it, and `return` does not: the submit location
    # relays to an internal-path copy of the fixed answer (keepalive), so $request_body can be logged.
    inner = indent + "    "
    relay = (
        f"{submit_head}"
        f"{inner}access_log @RUNDIR@/submits.log submits;\n"
        f"{inner}rewrite ^ /__submit_answer break;\n"
        f"{inner}proxy_pass http://submit_answer;\n"
        f"{inner}proxy_http_version 1.1;\n"
        f"{inner}proxy_set_header Connection \"\";\n"
        f"{indent}}}\n"
        f"{indent}location = /__submit_answer {{\n"
        f"{answer}"
    )
    text = text[:start] + relay + text[end:]
    read_head = "location ~ /PipelineRuns/[^/]+$ {\n"
    at = text.find(read_head)
    if at >= 0:
        text = text[:at + len(read_head)] + f"{inner}access_log @RUNDIR@/run-reads.log reads;\n" + text[at + len(read_head):]
    http_head = "http {\n"
    at = text.find(http_head)
    if at < 0:
        die(f"{args.template} has no 'http {{' block")
    text = text[:at + len(http_head)] + (
        "    log_format submits escape=json '$msec $status $request_body';\n"
        "    log_format reads '$msec $status';\n"
        "    client_body_buffer_size 64k;\n"
        "    upstream submit_answer { server 127.0.0.1:@PORT@; keepalive 16; }\n"
    ) + text[at + len(http_head):]
    sys.stdout.write(text)


# --------------------------------------------------------------------------------------------- templates


def post_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def templates(args):
    now = datetime.datetime.now(UTC)
    later = (now + datetime.timedelta(days=2)).strftime("%Y-%m-%dT00:00:00")
    today = now.strftime("%Y-%m-%dT00:00:00")
    # The idle schedules fire daily at a time of day 12 hours from now: nothing is due for hours.
    idle_at = (now + datetime.timedelta(hours=12)).strftime("%H:%M")
    common = {"pipeline_id": args.pipeline_id, "experiment_name": "scheduler-bench", "pipeline_parameters": {"epochs": "5"}}
    bodies = [
        # Firing clones replace start_time and end_time; these keep the template itself from firing.
        {"name": FIRE_TEMPLATE, "recurrence": {"frequency": "Minute", "interval": 1, "time_zone": "UTC",
                                              "start_time": "2099-01-01T00:00:00", "end_time": "2099-01-01T01:00:00"}},
        {"name": IDLE_TEMPLATE, "recurrence": {"frequency": "Day", "interval": 1, "time_zone": "UTC",
                                              "time_of_day": idle_at, "start_time": today}},
    ]
    quiet_triggers = [
        ("minute", {"recurrence": {"frequency": "Minute", "interval": 5}}),
        ("hour", {"recurrence": {"frequency": "Hour", "interval": 1}}),
        ("day", {"recurrence": {"frequency": "Day", "interval": 1, "time_of_day": "09:30"}}),
        ("week", {"recurrence": {"frequency": "Week", "interval": 1, "week_days": ["Monday", "Thursday"], "time_of_day": "18:00"}}),
        ("month", {"recurrence": {"frequency": "Month", "interval": 1}}),
        ("cron", {"cron": {"expression": "*/15 8-18 * * MON-FRI"}}),
    ]
    for zone in QUIET_ZONES:
        for kind, trigger in quiet_triggers:
            trigger = json.loads(json.dumps(trigger))
            spec = next(iter(trigger.values()))
            spec["time_zone"] = zone
            spec["start_time"] = later
            bodies.append({"name": f"{QUIET_TEMPLATE}{kind}-{zone.replace('/', '-')}", **trigger})
    for body in bodies:
        status, text = post_json(args.url.rstrip("/") + "/v1/schedules", {**common, **body})
        if status != 201:
            die(f"POST /v1/schedules for {body['name']} answered {status}: {text}")
        created = json.loads(text)
        if created.get("last_fire_at") is not None:
            die(f"the template {body['name']} fired at creation; the bench needs it not to")
    print(len(bodies))


# ------------------------------------------------------------------------------------------------- seeding


def open_copy(base, out):
    source = sqlite3.connect(base)
    target = sqlite3.connect(out)
    source.backup(target)
    source.close()
    target.row_factory = sqlite3.Row
    return target


def template_rows(db):
    rows = {row["name"]: dict(row) for row in db.execute("SELECT * FROM schedules WHERE name LIKE ?", (TEMPLATE_PREFIX + "%",))}
    for name in (FIRE_TEMPLATE, IDLE_TEMPLATE):
        if name not in rows:
            die(f"template schedule {name} is missing from the base database")
    for row in rows.values():
        stored = row["definition"]
        if json.dumps(json.loads(stored), sort_keys=True, separators=(",", ":"), ensure_ascii=False) != stored:
            print(f"scheduler-bench: note: the stored definition of {row['name']} is not sorted compact JSON; "
                  "clones are written that way", file=sys.stderr)
    return rows


def clone(template, name, now_ms, definition=None):
    row = dict(template)
    row.pop("seq", None)
    row.update(id=str(uuid.uuid4()), name=name, version=1, created_at=now_ms, updated_at=now_ms,
               last_fire_at=None, last_outcome=None)
    if "next_fire_at" in row:
        row["next_fire_at"] = None
    if definition is not None:
        row["definition"] = json.dumps(definition, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return row


def write_schedules(db, rows):
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT INTO schedules ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    with db:
        db.execute("DELETE FROM schedules")
        db.executemany(sql, ([row[c] for c in columns] for row in rows))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def seed_fire(args):
    db = open_copy(args.base, args.out)
    rows_by_name = template_rows(db)
    fire = rows_by_name[FIRE_TEMPLATE]
    quiet = [row for name, row in sorted(rows_by_name.items()) if name.startswith(QUIET_TEMPLATE)]
    if not quiet:
        die("no quiet template schedules in the base database")
    now_ms = int(datetime.datetime.now(UTC).timestamp() * 1000)
    if args.start * 1000 <= now_ms:
        die("the fire window must start in the future")
    offsets = min(60, args.seconds)
    end = local_text(args.start + args.seconds - 1)
    rows = []
    for second in range(offsets):
        for k in range(args.rate):
            definition = json.loads(fire["definition"])
            definition["recurrence"]["start_time"] = local_text(args.start + second)
            definition["recurrence"]["end_time"] = end
            rows.append(clone(fire, f"{FIRE_PREFIX}{second:02d}-{k:05d}", now_ms, definition))
    for i in range(max(0, args.total - len(rows))):
        rows.append(clone(quiet[i % len(quiet)], f"bench-quiet-{i:06d}", now_ms))
    write_schedules(db, rows)
    print(len(rows))


def seed_idle(args):
    db = open_copy(args.base, args.out)
    idle = template_rows(db)[IDLE_TEMPLATE]
    now_ms = int(datetime.datetime.now(UTC).timestamp() * 1000)
    write_schedules(db, [clone(idle, f"bench-idle-{i:06d}", now_ms) for i in range(args.count)])
    print(args.count)


# ------------------------------------------------------------------------------------------- datastore

DS_TEMPLATE_PREFIX = "dsbench-template-"
DS_PREFIX = "dsbench-"
# Templates poll once a day, so none polls while the others are being created; clones poll every minute.
DS_TEMPLATE_INTERVAL = 1440


def _ds_make_folders(args):
    root, folders, blobs = args
    for folder in folders:
        directory = os.path.join(root, "f%03d" % folder)
        os.makedirs(directory, exist_ok=True)
        for blob in range(blobs):
            os.close(os.open(os.path.join(directory, "b%05d.bin" % blob), os.O_CREAT | os.O_WRONLY, 0o644))


def ds_tree(args):
    started = time.monotonic()
    workers = max(1, min(2, os.cpu_count() or 1))
    shares = [(args.root, list(range(i, args.folders, workers)), args.blobs) for i in range(workers)]
    with multiprocessing.Pool(workers) as pool:
        pool.map(_ds_make_folders, shares)
    print(f"{time.monotonic() - started:.1f}")


def ds_templates(args):
    times = []
    started = time.monotonic()
    for folder in range(args.folders):
        body = {
            "name": f"{DS_TEMPLATE_PREFIX}f{folder:03d}", "pipeline_id": args.pipeline_id, "experiment_name": "datastore-bench",
            "pipeline_parameters": {"input_string": "from-a-file"}, "datastore": "workspaceblobstore",
            "path_on_datastore": f"{args.prefix}/f{folder:03d}", "polling_interval": DS_TEMPLATE_INTERVAL,
            "data_path_parameter_name": "input_datapath",
        }
        begun = time.monotonic()
        status, text = post_json(args.url.rstrip("/") + "/v1/schedules", body)
        times.append((time.monotonic() - begun) * 1000)
        if status != 201:
            die(f"POST /v1/schedules for {body['name']} answered {status}: {text}")
    times.sort()
    print(f"count={len(times)}")
    print(f"create_ms_p50={percentile(times, 0.5):.0f}")
    print(f"create_ms_max={times[-1]:.0f}")
    print(f"create_ms_mean={sum(times) / len(times):.0f}")
    print(f"total_s={time.monotonic() - started:.1f}")


def ds_seed(args):
    started = time.monotonic()
    db = open_copy(args.base, args.out)
    db.execute("PRAGMA synchronous = OFF")
    templates = [dict(row) for row in db.execute(
        "SELECT * FROM schedules WHERE name LIKE ? ORDER BY name", (DS_TEMPLATE_PREFIX + "%",))]
    if not templates:
        die("no datastore template schedules in the base database")
    if args.schedules % len(templates):
        die(f"{args.schedules} schedules do not spread evenly over {len(templates)} folders")
    per_folder = args.schedules // len(templates)
    now_ms = int(datetime.datetime.now(UTC).timestamp() * 1000)
    rows = 0
    with db:
        for template in templates:
            definition = json.loads(template["definition"])
            if definition.get("polling_interval") != DS_TEMPLATE_INTERVAL:
                die(f"the template {template['name']} has no polling_interval {DS_TEMPLATE_INTERVAL}; update ds-seed")
            definition["polling_interval"] = 1
            base_name = DS_PREFIX + template["name"][len(DS_TEMPLATE_PREFIX):]
            for k in range(per_folder):
                row = clone(template, f"{base_name}-{k:02d}", now_ms, definition)
                columns = list(row)
                db.execute(f"INSERT INTO schedules ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                           [row[c] for c in columns])
                # The baseline the gateway listed for the template is the clone's: same folder, same moment.
                rows += db.execute(
                    "INSERT INTO datastore_seen (schedule_id, blob_name, etag, last_modified) "
                    "SELECT ?, blob_name, etag, last_modified FROM datastore_seen WHERE schedule_id = ?",
                    (row["id"], template["id"])).rowcount
        for template in templates:
            db.execute("DELETE FROM datastore_seen WHERE schedule_id = ?", (template["id"],))
            db.execute("DELETE FROM schedules WHERE id = ?", (template["id"],))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(f"schedules={args.schedules}")
    print(f"seen_rows={rows}")
    print(f"seconds={time.monotonic() - started:.1f}")


def _ds_figures(path):
    values = metrics(path)

    def labelled(name, label, value):
        return sum(v for (n, labels), series in values.items() if n == name and f'{label}="{value}"' in labels
                   for v in series.values())

    out = collections.OrderedDict()
    polls = {o: int(labelled("gateway_datastore_polls_total", "outcome", o)) for o in ("changed", "unchanged", "failed")}
    out["polls"] = sum(polls.values())
    for outcome, count in polls.items():
        out[f"polls_{outcome}"] = count
    out["polls_overlapping"] = int(labelled("gateway_datastore_polls_total", "outcome", "overlapping"))
    out["full_comparisons"] = int(summed(values, "gateway_datastore_full_comparisons_total"))
    out["blobs_listed"] = int(summed(values, "gateway_datastore_blobs_listed_total"))
    out["runs"] = int(summed(values, "gateway_datastore_runs_total"))
    pages = collections.Counter()
    for (n, labels), series in values.items():
        if n == "azureml_requests_total" and 'operation="list_blobs"' in labels:
            outcome = re.search(r'outcome="([^"]*)"', labels)
            pages[outcome.group(1) if outcome else "?"] += int(series[None])
    out["list_pages_success"] = pages.pop("success", 0)
    out["list_pages"] = pages  # the other outcomes, by name
    out["poll_seconds_sum"] = values.get(("gateway_datastore_poll_seconds_sum", ""), {}).get(None, 0.0)
    return out


def ds_metrics(args):
    """The datastore watcher's counters of a scrape, or their growth since --before."""
    after = _ds_figures(args.metrics)
    before = _ds_figures(args.before) if args.before else None
    for key, value in after.items():
        if key == "list_pages":
            if before:
                value = value - before[key]
            print(f"list_pages_other={', '.join(f'{o} {n}' for o, n in value.most_common() if n) or 'none'}")
            continue
        if before:
            value -= before[key]
        print(f"{key}={value:.1f}" if isinstance(value, float) else f"{key}={value}")


def ds_analyze(args):
    """Runs recorded since the blob landed, against the schedules watching its folder."""
    db = sqlite3.connect(args.db)
    folder = args.blob.rsplit("/", 1)[0]
    watching = set()
    schedules = 0
    for schedule_id, definition in db.execute("SELECT id, definition FROM schedules WHERE name LIKE ?", (DS_PREFIX + "%",)):
        schedules += 1
        if json.loads(definition).get("path_on_datastore", "").strip("/") == folder:
            watching.add(schedule_id)
    runs = db.execute("SELECT id, schedule_id, trigger_file, data_path_assignments, status FROM runs WHERE source = 'datastore'").fetchall()
    db.close()
    per_schedule = collections.Counter()
    wrong = other = 0
    statuses = collections.Counter()
    run_ids = set()
    for run_id, schedule_id, trigger_file, assignments, status in runs:
        run_ids.add(run_id)
        statuses[status] += 1
        if schedule_id not in watching:
            other += 1
            continue
        per_schedule[schedule_id] += 1
        datapath = json.loads(assignments or "{}").get("input_datapath", {})
        if trigger_file != args.blob or datapath.get("RelativePath") != args.blob:
            wrong += 1
    with open(args.calls) as text:
        calls = json.load(text)["items"]
    submits = [call for call in calls if call.get("operation") == "submit"]
    pointing = 0
    unknown = 0
    for call in submits:
        body = call.get("body") if isinstance(call.get("body"), dict) else {}
        if body.get("DataPathAssignments", {}).get("input_datapath", {}).get("RelativePath") == args.blob:
            pointing += 1
        if body.get("tags", {}).get("gateway_run_id") not in run_ids:
            unknown += 1
    once = sum(1 for s in watching if per_schedule[s] == 1)
    doubled = sum(max(0, n - 1) for n in per_schedule.values())
    ok = (once == len(watching) and doubled == 0 and wrong == 0 and other == 0 and len(submits) == len(watching)
          and pointing == len(watching) and unknown == 0 and len(watching) > 0)
    out = dict(schedules=schedules, watching=len(watching), runs=len(runs), once=once, missing=len(watching) - len(per_schedule),
               doubled=doubled, wrong_file=wrong, other=other, submits=len(submits), submits_pointing=pointing,
               submits_unknown=unknown, statuses=", ".join(f"{s} {n}" for s, n in statuses.most_common()) or "none",
               verdict="PASS" if ok else "FAIL")
    for key, value in out.items():
        print(f"{key}={value}")


# ------------------------------------------------------------------------------------------------- reading


def parse_ts(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def armed(args):
    started = float(args.started)
    with open(args.log, errors="replace") as log:
        for line in log:
            if '"schedules armed"' not in line:
                continue
            entry = json.loads(line)
            if entry.get("msg") != "schedules armed":
                continue
            wall_ms = (parse_ts(entry["ts"]) - started) * 1000
            print(f"count={entry['count']}")
            print(f"elapsed_ms={entry['elapsed_ms']}")
            print(f"wall_ms={wall_ms:.0f}")
            print(f"armed_at={parse_ts(entry['ts']):.3f}")
            return
    sys.exit(3)


METRIC_LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)')


def metrics(path):
    """{(name, labels-without-le): {le or None: value}} of a Prometheus text file."""
    values = collections.defaultdict(dict)
    with open(path) as text:
        for line in text:
            match = METRIC_LINE.match(line)
            if not match:
                continue
            name, labels, value = match.group(1), match.group(2) or "", float(match.group(3))
            le = re.search(r'le="([^"]*)"', labels)
            rest = re.sub(r',?le="[^"]*"', "", labels)
            values[(name, rest)][le.group(1) if le else None] = value
    return values


def summed(values, name):
    return sum(v for (n, _), series in values.items() if n == name for v in series.values())


def fires_total(args):
    print(int(summed(metrics(args.metrics), "gateway_schedule_fires_total")))


def histogram(values, name):
    buckets = collections.Counter()
    for (n, _), series in values.items():
        if n == name + "_bucket":
            for le, v in series.items():
                buckets[le] += v
    return buckets


def percentile(sorted_values, p):
    """Nearest rank: the smallest value with at least p of the values at or below it."""
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(p * len(sorted_values)) - 1)]


RUN_ID = re.compile(r'gateway_run_id\\?"\s*:\s*\\?"([0-9A-Za-z-]+)')


def analyze(args):
    out = {}
    db = sqlite3.connect(args.db)
    expected = set()
    fire_schedules = 0
    for schedule_id, definition in db.execute("SELECT id, definition FROM schedules WHERE name LIKE ?", (FIRE_PREFIX + "%",)):
        recurrence = json.loads(definition)["recurrence"]
        fire_schedules += 1
        step = 60 * recurrence["interval"]
        time, end = parse_local(recurrence["start_time"]), parse_local(recurrence["end_time"])
        while time <= end:
            expected.add((schedule_id, time * 1000))
            time += step
    runs = db.execute(
        "SELECT id, schedule_id, scheduled_time, created_at, status FROM runs WHERE source = 'schedule'").fetchall()
    db.close()
    by_occurrence = collections.defaultdict(list)
    run_occurrence = {}
    statuses = collections.Counter()
    for run_id, schedule_id, scheduled_ms, created_ms, status in runs:
        by_occurrence[(schedule_id, scheduled_ms)].append(run_id)
        run_occurrence[run_id] = (schedule_id, scheduled_ms, created_ms)
        statuses[status] += 1

    submits = collections.Counter()
    first_submit = {}
    unparsed = 0
    with open(args.submits, errors="replace") as log:
        for line in log:
            match = RUN_ID.search(line)
            if not match:
                unparsed += 1
                continue
            run_id = match.group(1)
            submits[run_id] += 1
            arrived = float(line.split(" ", 1)[0])
            first_submit.setdefault(run_id, arrived)

    # Lost: an expected occurrence no submit reached the upstream for. Doubled: every submit beyond the
    # first for one occurrence (its runs' gateway_run_id tags), and every ledger run beyond the first.
    lost = doubled = ledger_doubles = 0
    late_ms, upstream_ms = [], []
    for occurrence in expected:
        run_ids = by_occurrence.get(occurrence, [])
        sent = sum(submits[r] for r in run_ids)
        if sent == 0:
            lost += 1
        doubled += max(0, sent - 1)
        ledger_doubles += max(0, len(run_ids) - 1)
        for run_id in run_ids:
            late_ms.append(run_occurrence[run_id][2] - occurrence[1])
            if run_id in first_submit:
                upstream_ms.append(first_submit[run_id] * 1000 - occurrence[1])
    unexpected = [o for o in by_occurrence if o not in expected]
    unknown_submits = sum(n for r, n in submits.items() if r not in run_occurrence)
    late_ms.sort()
    upstream_ms.sort()

    before, after = metrics(args.metrics_before), metrics(args.metrics_after)
    name = "gateway_schedule_fire_lateness_seconds"
    b, a = histogram(before, name), histogram(after, name)
    window = {le: a[le] - b.get(le, 0) for le in a}
    count = window.get("+Inf", 0)
    edges = sorted((float(le), le) for le in window if le != "+Inf")
    within = next((window[le] for value, le in edges if value == 0.1), None)
    if within is None:
        die(f"{name} has no 0.1 bucket")
    p99_bucket = next((le for value, le in edges if count and window[le] >= 0.99 * count), "+Inf")
    fires_by_outcome = collections.Counter()
    for (n, labels), series in after.items():
        if n == "gateway_schedule_fires_total":
            outcome = re.search(r'outcome="([^"]*)"', labels)
            fires_by_outcome[outcome.group(1) if outcome else "?"] += series[None] - before.get((n, labels), {}).get(None, 0)

    out.update(
        fire_schedules=fire_schedules, expected=len(expected), ledger_runs=len(runs),
        ledger_occurrences=len(by_occurrence), ledger_expected=sum(1 for o in by_occurrence if o in expected),
        unexpected=len(unexpected), submits=sum(submits.values()) + unparsed, submitted_runs=len(submits),
        unparsed_submits=unparsed, unknown_submits=unknown_submits, lost=lost, doubled=doubled, ledger_doubles=ledger_doubles,
        statuses=", ".join(f"{s} {n}" for s, n in statuses.most_common()) or "none",
        late_n=len(late_ms),
        late_p50_ms=percentile(late_ms, 0.50), late_p90_ms=percentile(late_ms, 0.90),
        late_p99_ms=percentile(late_ms, 0.99), late_max_ms=late_ms[-1] if late_ms else None,
        upstream_p50_ms=percentile(upstream_ms, 0.50), upstream_p99_ms=percentile(upstream_ms, 0.99),
        upstream_max_ms=upstream_ms[-1] if upstream_ms else None,
        hist_count=int(count), hist_within_100ms=int(within),
        hist_fraction_within_100ms=f"{within / count:.5f}" if count else "",
        hist_p99_bucket=p99_bucket,
        fires_by_outcome=", ".join(f"{o} {int(n)}" for o, n in fires_by_outcome.most_common() if n) or "none",
    )
    for key, value in out.items():
        print(f"{key}={'' if value is None else (round(value) if isinstance(value, float) else value)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("upstream-conf")
    p.add_argument("template")
    p.set_defaults(run=upstream_conf)
    p = commands.add_parser("templates")
    p.add_argument("url")
    p.add_argument("pipeline_id")
    p.set_defaults(run=templates)
    p = commands.add_parser("seed-fire")
    p.add_argument("base")
    p.add_argument("out")
    p.add_argument("--total", type=int, required=True)
    p.add_argument("--rate", type=int, required=True)
    p.add_argument("--seconds", type=int, required=True)
    p.add_argument("--start", type=int, required=True)
    p.set_defaults(run=seed_fire)
    p = commands.add_parser("seed-idle")
    p.add_argument("base")
    p.add_argument("out")
    p.add_argument("--count", type=int, required=True)
    p.set_defaults(run=seed_idle)
    p = commands.add_parser("armed")
    p.add_argument("log")
    p.add_argument("started")
    p.set_defaults(run=armed)
    p = commands.add_parser("fires-total")
    p.add_argument("metrics")
    p.set_defaults(run=fires_total)
    p = commands.add_parser("ds-tree")
    p.add_argument("root")
    p.add_argument("--folders", type=int, required=True)
    p.add_argument("--blobs", type=int, required=True)
    p.set_defaults(run=ds_tree)
    p = commands.add_parser("ds-templates")
    p.add_argument("url")
    p.add_argument("pipeline_id")
    p.add_argument("--folders", type=int, required=True)
    p.add_argument("--prefix", required=True)
    p.set_defaults(run=ds_templates)
    p = commands.add_parser("ds-seed")
    p.add_argument("base")
    p.add_argument("out")
    p.add_argument("--schedules", type=int, required=True)
    p.set_defaults(run=ds_seed)
    p = commands.add_parser("ds-metrics")
    p.add_argument("metrics")
    p.add_argument("--before")
    p.set_defaults(run=ds_metrics)
    p = commands.add_parser("ds-analyze")
    p.add_argument("--db", required=True)
    p.add_argument("--calls", required=True)
    p.add_argument("--blob", required=True)
    p.set_defaults(run=ds_analyze)
    p = commands.add_parser("analyze")
    p.add_argument("--db", required=True)
    p.add_argument("--submits", required=True)
    p.add_argument("--metrics-before", required=True)
    p.add_argument("--metrics-after", required=True)
    p.set_defaults(run=analyze)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
