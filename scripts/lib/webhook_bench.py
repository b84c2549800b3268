#!/usr/bin/env python3
"""The webhook phase of scripts/bench.sh: its payload, and Standard Webhooks 1.0 signatures made here,
independently of the gateway (Python's hmac, hashlib and base64 only).

  webhook_bench.py secret
      a new secret: whsec_ + base64 of 32 random bytes
  webhook_bench.py payload OUT SIZE A OPTIMIZER
      a JSON delivery of exactly SIZE bytes: {"type":"bench.event","data":{"a":A,"optimizer":OPTIMIZER,"padding":"…"}}
  webhook_bench.py records SECRET BODY OUT_PREFIX THREADS PER_THREAD
      writes OUT_PREFIX.1 … OUT_PREFIX.THREADS for bench/webhook.lua: a first line with the length of one
      record, then PER_THREAD fixed-length records, each the three header lines of one signed delivery
      (webhook-id, webhook-timestamp = now, webhook-signature), every webhook-id unique; prints the
      number of records written and the records signed per second
  webhook_bench.py curl-headers SECRET BODY
      curl's -H arguments for one signed delivery, one per line
  webhook_bench.py metrics URL WEBHOOK_ID
      from GET URL/metrics: deliveries of WEBHOOK_ID by outcome, then the webhook runs the ledger has
      forwarded by outcome, as "accepted=N … | forwarded accepted=N …"
  webhook_bench.py counts URL WEBHOOK_ID
      two numbers: the deliveries accepted and the webhook runs sent on (forwarded: accepted, refused or
      unresolved; or settled by reconciliation when it took the run first)
  webhook_bench.py ledger URL WEBHOOK_ID A OPTIMIZER
      pages through GET URL/v1/runs?source=webhook and prints one line: the runs of WEBHOOK_ID, their
      distinct delivery ids, how many carry parameter_assignments {"a": A, "optimizer": OPTIMIZER}, and
      the runs by status
"""
import base64
import hashlib
import hmac
import json
import os
import re
import sys
import time
import urllib.parse
import urllib.request


def key_of(secret):
    if not secret.startswith("whsec_"):
        sys.exit("a standard secret starts with whsec_")
    return base64.b64decode(secret[len("whsec_"):])


def header_block(signer, delivery_id, timestamp, body):
    """The three Standard Webhooks headers, signed content {id}.{timestamp}.{body}."""
    mac = signer.copy()
    mac.update(delivery_id + b"." + timestamp + b"." + body)
    signature = base64.b64encode(mac.digest())
    return b"webhook-id: %s\r\nwebhook-timestamp: %s\r\nwebhook-signature: v1,%s\r\n" % (delivery_id, timestamp, signature)


def secret():
    print("whsec_" + base64.b64encode(os.urandom(32)).decode())


def payload(out, size, a, optimizer):
    size = int(size)
    event = {"type": "bench.event", "data": {"a": a, "optimizer": optimizer, "padding": ""}}
    bare = len(json.dumps(event, separators=(",", ":")).encode())
    if bare > size:
        sys.exit(f"the payload needs at least {bare} bytes")
    event["data"]["padding"] = "x" * (size - bare)
    data = json.dumps(event, separators=(",", ":")).encode()
    assert len(data) == size
    with open(out, "wb") as f:
        f.write(data)


def records(secret_text, body_file, out_prefix, threads, per_thread):
    threads, per_thread = int(threads), int(per_thread)
    body = open(body_file, "rb").read()
    signer = hmac.new(key_of(secret_text), digestmod=hashlib.sha256)
    timestamp = str(int(time.time())).encode()
    # Random per call, then a counter: unique within the file and (with 96 random bits) across calls.
    # Fixed width, so every record has the same length and webhook.lua reads one with a single read.
    run = os.urandom(12).hex().encode()
    started = time.monotonic()
    length = None
    for thread in range(1, threads + 1):
        blocks = [header_block(signer, b"msg_%s_%d_%09d" % (run, thread, i), timestamp, body) for i in range(per_thread)]
        length = len(blocks[0])
        if any(len(b) != length for b in blocks):
            sys.exit("records of different lengths")
        with open(f"{out_prefix}.{thread}", "wb") as f:
            f.write(b"%d\n" % length)
            f.write(b"".join(blocks))
    elapsed = time.monotonic() - started
    total = threads * per_thread
    print(total, round(total / elapsed) if elapsed > 0 else 0)


def curl_headers(secret_text, body_file):
    body = open(body_file, "rb").read()
    signer = hmac.new(key_of(secret_text), digestmod=hashlib.sha256)
    block = header_block(signer, b"msg_probe_" + os.urandom(12).hex().encode(), str(int(time.time())).encode(), body)
    for line in block.decode().strip().split("\r\n"):
        print(line)


def scrape(url, webhook_id):
    text = urllib.request.urlopen(url + "/metrics", timeout=10).read().decode()
    deliveries, forwarded = {}, {}
    for line in text.splitlines():
        match = re.match(r'^(gateway_webhook_deliveries_total|gateway_runs_total)\{([^}]*)\} (\S+)$', line)
        if not match:
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2)))
        value = int(float(match.group(3)))
        if match.group(1) == "gateway_webhook_deliveries_total" and labels.get("webhook_id") == webhook_id:
            deliveries[labels["outcome"]] = deliveries.get(labels["outcome"], 0) + value
        elif match.group(1) == "gateway_runs_total" and labels.get("source") == "webhook":
            forwarded[labels["outcome"]] = forwarded.get(labels["outcome"], 0) + value
    return deliveries, forwarded


def metrics(url, webhook_id):
    deliveries, forwarded = scrape(url, webhook_id)
    show = lambda counts: " ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "none"
    print(f"{show(deliveries)} | forwarded {show(forwarded)}")


def counts(url, webhook_id):
    deliveries, forwarded = scrape(url, webhook_id)
    print(deliveries.get("accepted", 0), sum(forwarded.get(k, 0) for k in ("accepted", "refused", "unresolved", "settled")))


def ledger(url, webhook_id, a, optimizer):
    runs, deliveries, mapped, statuses, cursor = 0, set(), 0, {}, None
    while True:
        query = {"source": "webhook", "limit": "500"}
        if cursor:
            query["cursor"] = cursor
        page = json.load(urllib.request.urlopen(f"{url}/v1/runs?{urllib.parse.urlencode(query)}", timeout=60))
        for run in page["items"]:
            if run.get("webhook_id") != webhook_id:
                continue
            runs += 1
            deliveries.add(run.get("delivery_id"))
            mapped += run.get("parameter_assignments") == {"a": a, "optimizer": optimizer}
            statuses[run.get("status")] = statuses.get(run.get("status"), 0) + 1
        cursor = page.get("next_cursor")
        if not cursor:
            break
    by_status = ", ".join(f"{k} {v}" for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0])))
    print(f"{runs} runs, {len(deliveries)} distinct delivery ids, {mapped} with a={a} and optimizer={optimizer}; by status: {by_status or 'none'}")


if __name__ == "__main__":
    commands = {"secret": secret, "payload": payload, "records": records, "curl-headers": curl_headers,
                "metrics": metrics, "counts": counts, "ledger": ledger}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
