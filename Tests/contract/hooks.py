"""Gateway-specific Schemathesis checks, loaded by scripts/contract-test.sh via SCHEMATHESIS_HOOKS.

The built-in checks validate responses against what openapi.yaml declares for an operation. These
add the rules DESIGN.md sets for *every* response, including ones the document cannot describe per
operation (405/501 probes for undeclared methods, OPTIONS, HEAD):

- gateway_common_headers: `Date` (IMF-fixdate) and `X-Request-Id` (1-128 of [A-Za-z0-9._:-]).
- gateway_error_is_problem: every 4xx/5xx is application/problem+json with type/title/status/detail
  and `status` equal to the HTTP status (on Azure's own paths: Azure's `{"Error":{…}}` shape); a 405
  also carries `Allow`.
- gateway_head_has_no_body: HEAD answers carry no body.
- gateway_openapi_byte_for_byte: GET /openapi.yaml serves the repository's openapi.yaml unchanged.
"""

import json
import os
import re
from pathlib import Path

import schemathesis

REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
IMF_FIXDATE = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT"
)
AZURE_PATH_PREFIX = "/pipelines/v1.0/"
OPENAPI_PATH = Path(os.environ.get("CONTRACT_OPENAPI_PATH") or Path(__file__).resolve().parents[2] / "openapi.yaml")
OPENAPI_BYTES = OPENAPI_PATH.read_bytes()


def _header(response, name):
    values = response.headers.get(name.lower()) or []
    return values[0] if len(values) == 1 else (None if not values else values)


def _request_label(response):
    return f"{response.request.method} {response.request.path_url}"


@schemathesis.check
def gateway_common_headers(ctx, response, case):
    """Every response carries a valid Date and X-Request-Id."""
    problems = []
    date = _header(response, "Date")
    if not isinstance(date, str) or not IMF_FIXDATE.fullmatch(date):
        problems.append(f"Date must be one IMF-fixdate, got {date!r}")
    rid = _header(response, "X-Request-Id")
    if not isinstance(rid, str) or not REQUEST_ID.fullmatch(rid):
        problems.append(f"X-Request-Id must be one value of 1-128 chars of [A-Za-z0-9._:-], got {rid!r}")
    sent = response.request.headers.get("X-Request-Id")
    if isinstance(sent, str) and REQUEST_ID.fullmatch(sent) and rid != sent:
        problems.append(f"X-Request-Id {sent!r} sent by the client must be echoed, got {rid!r}")
    if problems:
        raise AssertionError(f"{_request_label(response)} -> {response.status_code}: " + "; ".join(problems))


@schemathesis.check
def gateway_error_is_problem(ctx, response, case):
    """4xx/5xx answers are RFC 9457 problem+json whose status matches; 405 carries Allow."""
    status = response.status_code
    if status < 400:
        return
    label = f"{_request_label(response)} -> {status}"
    if status == 405 and not _header(response, "Allow"):
        raise AssertionError(f"{label}: 405 without an Allow header")
    if response.request.method == "HEAD":
        return
    if response.request.path_url.startswith(AZURE_PATH_PREFIX):
        _check_azure_error(label, response)
        return
    ctype = _header(response, "Content-Type")
    if not isinstance(ctype, str) or ctype.split(";")[0].strip().lower() != "application/problem+json":
        raise AssertionError(f"{label}: error answers must be application/problem+json, got Content-Type {ctype!r}")
    try:
        body = json.loads(response.content)
    except ValueError as exc:
        raise AssertionError(f"{label}: problem body is not JSON ({exc})") from None
    if not isinstance(body, dict):
        raise AssertionError(f"{label}: problem body must be a JSON object")
    problems = [f"`{key}` must be a string" for key in ("type", "title", "detail") if not isinstance(body.get(key), str)]
    if body.get("status") != status or isinstance(body.get("status"), bool):
        problems.append(f"`status` must be {status}, got {body.get('status')!r}")
    if "errors" in body and not (
        isinstance(body["errors"], list)
        and all(isinstance(e, dict) and isinstance(e.get("pointer"), str) and isinstance(e.get("detail"), str)
                for e in body["errors"])
    ):
        problems.append("`errors` must be a list of {pointer, detail} strings")
    if problems:
        raise AssertionError(f"{label}: " + "; ".join(problems) + f"\nbody: {response.content[:500]!r}")


def _check_azure_error(label, response):
    """Azure's own paths answer errors in Azure's shape (DESIGN "Errors on Azure's paths")."""
    try:
        body = json.loads(response.content)
    except ValueError as exc:
        raise AssertionError(f"{label}: Azure error body is not JSON ({exc})") from None
    error = body.get("Error") if isinstance(body, dict) else None
    if not isinstance(error, dict) or not isinstance(error.get("Code"), str) or not isinstance(error.get("Message"), str):
        raise AssertionError(f"{label}: Azure-path errors must be {{\"Error\":{{\"Code\",\"Message\",…}}}}, got {response.content[:300]!r}")
    details = error.get("Details", [])
    if not isinstance(details, list) or not all(isinstance(d, dict) and isinstance(d.get("Target"), str) for d in details):
        raise AssertionError(f"{label}: `Details` must be a list of {{Code, Message, Target}}")


@schemathesis.check
def gateway_head_has_no_body(ctx, response, case):
    """HEAD answers like GET but without a body."""
    if response.request.method == "HEAD" and response.content:
        raise AssertionError(f"{_request_label(response)} -> {response.status_code}: HEAD answer has a body "
                             f"({len(response.content)} bytes)")


@schemathesis.check
def gateway_openapi_byte_for_byte(ctx, response, case):
    """GET /openapi.yaml serves the repository's openapi.yaml byte for byte."""
    if response.request.method != "GET" or response.status_code != 200:
        return
    if not response.request.path_url.split("?")[0].endswith("/openapi.yaml"):
        return
    if response.content != OPENAPI_BYTES:
        got, want = response.content, OPENAPI_BYTES
        at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        raise AssertionError(
            f"GET /openapi.yaml differs from {OPENAPI_PATH} ({len(got)} vs {len(want)} bytes, first difference "
            f"at byte {at}: {got[max(0, at - 20):at + 20]!r} vs {want[max(0, at - 20):at + 20]!r})"
        )
