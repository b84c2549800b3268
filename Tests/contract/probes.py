#!/usr/bin/env python3
"""Contract probes Schemathesis cannot express, run by scripts/contract-test.sh after Schemathesis.

Schemathesis only calls the paths openapi.yaml declares (plus undeclared methods on them). These
probes cover the rest of DESIGN.md's "HTTP server behaviour" for the routes served so far:
unknown paths, unknown methods, X-Request-Id echo/replacement, HEAD/GET parity, OPTIONS.

Usage: probes.py BASE_URL JUNIT_PATH   (stdlib only; exit 1 if any probe fails)
"""

import http.client
import json
import re
import socket
import sys
import time
import traceback
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
IMF_FIXDATE = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT"
)
ROUTES = ("/healthz", "/readyz", "/metrics", "/openapi.yaml")


class Reply:
    def __init__(self, method, path, status, headers, body):
        self.method, self.path, self.status, self.body = method, path, status, body
        self.headers = {}
        for name, value in headers:
            self.headers.setdefault(name.lower(), []).append(value)

    def header(self, name):
        values = self.headers.get(name.lower(), [])
        assert len(values) <= 1, f"{self.label}: {len(values)} {name} headers: {values}"
        return values[0] if values else None

    @property
    def label(self):
        return f"{self.method} {self.path} -> {self.status}"


def request(base, method, path, headers=None, body=None):
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return Reply(method, path, resp.status, resp.getheaders(), data)
    finally:
        conn.close()


def common(reply):
    date = reply.header("Date")
    assert date and IMF_FIXDATE.fullmatch(date), f"{reply.label}: Date must be an IMF-fixdate, got {date!r}"
    rid = reply.header("X-Request-Id")
    assert rid and REQUEST_ID.fullmatch(rid), f"{reply.label}: bad X-Request-Id {rid!r}"
    if reply.method != "HEAD" and reply.status not in (204, 304):
        length = reply.header("Content-Length")
        chunked = (reply.header("Transfer-Encoding") or "").lower() == "chunked"
        assert chunked or (length is not None and int(length) == len(reply.body)), (
            f"{reply.label}: Content-Length {length!r} for a {len(reply.body)}-byte body")


def problem(reply, status):
    common(reply)
    assert reply.status == status, f"{reply.label}: expected {status}"
    if reply.method == "HEAD":
        assert reply.body == b"", f"{reply.label}: HEAD answer has a body"
        return None
    ctype = (reply.header("Content-Type") or "").split(";")[0].strip().lower()
    assert ctype == "application/problem+json", f"{reply.label}: Content-Type {reply.header('Content-Type')!r}"
    body = json.loads(reply.body)
    for key in ("type", "title", "detail"):
        assert isinstance(body.get(key), str), f"{reply.label}: problem `{key}` must be a string: {body}"
    assert body.get("status") == status, f"{reply.label}: problem `status` must be {status}: {body}"
    return body


def allow_set(reply):
    allow = reply.header("Allow")
    assert allow, f"{reply.label}: no Allow header"
    return {m.strip().upper() for m in allow.split(",") if m.strip()}


def probe_unknown_paths(base):
    for method, path in (("GET", "/"), ("GET", "/nope"), ("GET", "/healthz/extra"), ("POST", "/v0/nothing"),
                         ("DELETE", "/nope"), ("GET", "/nope?x=1")):
        problem(request(base, method, path), 404)
    problem(request(base, "HEAD", "/nope"), 404)


def probe_method_not_allowed(base):
    for path in ROUTES:
        for method in ("POST", "PUT", "DELETE", "PATCH", "TRACE"):
            reply = request(base, method, path)
            problem(reply, 405)
            allow = allow_set(reply)
            assert {"GET", "HEAD"} <= allow and method not in allow, f"{reply.label}: Allow {allow}"


def probe_unknown_method(base):
    problem(request(base, "FROBNICATE", "/healthz"), 501)


def probe_options(base):
    for path in ROUTES:
        reply = request(base, "OPTIONS", path)
        common(reply)
        assert reply.status in (200, 204), f"{reply.label}: expected 200 or 204"
        assert allow_set(reply) >= {"GET", "HEAD"}, f"{reply.label}: Allow {reply.header('Allow')!r}"


def raw_exchange(base, raw):
    """Sends raw bytes on a fresh connection and reads until the server closes it."""
    url = urlsplit(base)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(raw)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def probe_head_matches_get(base):
    # http.client never reads a body after HEAD, so look at the raw bytes: nothing may follow the header.
    for path in ("/healthz", "/nope"):
        raw = raw_exchange(base, f"HEAD {path} HTTP/1.1\r\nHost: contract\r\nConnection: close\r\n\r\n".encode())
        head, sep, rest = raw.partition(b"\r\n\r\n")
        assert sep, f"HEAD {path}: no complete response header in {raw[:200]!r}"
        assert rest == b"", f"HEAD {path}: {len(rest)} bytes of body after the header: {rest[:80]!r}"
    for path in ("/healthz", "/readyz", "/openapi.yaml"):
        get, head = request(base, "GET", path), request(base, "HEAD", path)
        common(get)
        common(head)
        assert head.body == b"", f"{head.label}: HEAD answer has a body"
        assert head.status == get.status, f"{head.label}: GET answered {get.status}"
        assert head.header("Content-Type") == get.header("Content-Type"), (
            f"{head.label}: Content-Type {head.header('Content-Type')!r} vs GET {get.header('Content-Type')!r}")
        if get.status == 200 and path != "/readyz":
            assert head.header("Content-Length") == get.header("Content-Length"), (
                f"{head.label}: Content-Length {head.header('Content-Length')!r} vs GET {get.header('Content-Length')!r}")


def probe_request_id(base):
    for sent in ("abc-123", "A.b_c:d-9", "x" * 128):
        reply = request(base, "GET", "/healthz", headers={"X-Request-Id": sent})
        assert reply.header("X-Request-Id") == sent, f"{reply.label}: sent X-Request-Id {sent!r}, got {reply.header('X-Request-Id')!r}"
    reply = request(base, "GET", "/nope", headers={"X-Request-Id": "echo-on-404"})
    assert reply.header("X-Request-Id") == "echo-on-404", f"{reply.label}: X-Request-Id not echoed on 404"
    seen = set()
    for sent in ("has space", "x" * 129, "semi;colon", "slash/y"):
        reply = request(base, "GET", "/healthz", headers={"X-Request-Id": sent})
        common(reply)
        got = reply.header("X-Request-Id")
        assert got != sent, f"{reply.label}: invalid X-Request-Id {sent!r} must be replaced, was echoed"
        seen.add(got)
    for _ in range(3):
        seen.add(request(base, "GET", "/healthz").header("X-Request-Id"))
    assert len(seen) == 7, f"generated X-Request-Ids must differ per request, got {sorted(seen)}"


def probe_bodies(base):
    health = json.loads(request(base, "GET", "/healthz").body)
    assert health.get("status") == "ok" and health.get("service") == "pipeline-gateway", health
    assert isinstance(health.get("version"), str) and health["version"], health
    metrics = request(base, "GET", "/metrics")
    ctype = metrics.header("Content-Type") or ""
    assert ctype.split(";")[0].strip() == "text/plain" and "version=0.0.4" in ctype, f"/metrics Content-Type {ctype!r}"
    text = metrics.body.decode("utf-8")
    # Label values are quoted strings that may hold any character (route templates contain braces).
    label = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"'
    sample = re.compile(r'[a-zA-Z_:][a-zA-Z0-9_:]*(\{' + label + r'(,' + label + r')*\})? [-+0-9.eEInfa]+( [0-9]+)?')
    bad = [line for line in text.splitlines() if line and not line.startswith("#") and not sample.fullmatch(line)]
    assert not bad, f"/metrics lines not in the Prometheus text format: {bad[:5]}"
    ctype = request(base, "GET", "/openapi.yaml").header("Content-Type") or ""
    assert ctype.split(";")[0].strip() == "application/yaml", f"/openapi.yaml Content-Type {ctype!r}"


PROBES = [probe_unknown_paths, probe_method_not_allowed, probe_unknown_method, probe_options,
          probe_head_matches_get, probe_request_id, probe_bodies]


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    base, junit = argv[1], argv[2]
    cases, failed = [], 0
    for probe in PROBES:
        name = probe.__name__.removeprefix("probe_")
        started = time.monotonic()
        try:
            probe(base)
            error = None
        except Exception as exc:  # noqa: BLE001 - any exception is a failed probe
            error = f"{type(exc).__name__}: {exc}" if isinstance(exc, AssertionError) else traceback.format_exc()
            failed += 1
        elapsed = time.monotonic() - started
        print(f"  {'✅' if error is None else '❌'} probe {name}" + ("" if error is None else f"\n      {error}"))
        body = "" if error is None else f'<failure type="failure">{escape(error)}</failure>'
        cases.append(f'    <testcase name={quoteattr("probe " + name)} time="{elapsed:.6f}">{body}</testcase>')
    with open(junit, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n'
                  f'  <testsuite name="contract-probes" tests="{len(cases)}" failures="{failed}" errors="0">\n'
                  + "\n".join(cases) + "\n  </testsuite>\n</testsuites>\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
