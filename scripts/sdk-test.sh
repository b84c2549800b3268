#!/usr/bin/env bash
# SDK test: Microsoft's Azure ML SDK v1 (azureml-pipeline-core 1.62.0), azure-identity and azure-storage-blob,
# unchanged, against BINARY's emulator (Tests/sdk/test_identity_and_blob_against_emulator.py for the last two).
# Tests/sdk/test_sdk_against_emulator.py starts `BINARY emulator --listen 127.0.0.1:0 --run-seconds 2`,
# points the SDK at it with shared/tools/azureml_sdk_client.py and drives PublishedPipeline list/get/
# disable/enable/submit, PipelineRun status and wait_for_completion, and the REST endpoint with `requests`.
# Tests/sdk/test_pipeline_endpoint.py drives PipelineEndpoint get (by id and name), list, submit (default and
# pinned version), publish, disable and enable against the same kind of emulator.
# Tests/sdk/test_v1_schedules_against_emulator.py drives Schedule create (minute, weekly in a Windows time zone,
# datastore, for a pipeline endpoint), list (active_only, by pipeline, by endpoint), get, disable/enable/update,
# and the runs and last run of a schedule after a simulated Azure-side fire (POST /emulator/schedules/{id}/fire).
# Tests/sdk/test_datastore_schedule.py runs `BINARY serve` on a 60x scheduler clock, creates a change-based
# schedule and uploads blobs with azure-storage-blob to its built-in emulator: one run per new or changed blob.
# Tests/sdk/test_sdk_facade.py points the SDK's AZUREML_DEV_URL_PIPELINES at `BINARY serve` (60x clock, built-in
# emulator): Schedule create/list/get/disable/enable/update and a schedule's runs are served by the gateway, the
# rest of the pipelines service is passed through, and a created minute schedule really fires.
# Tests/sdk/test_import_takeover.py creates v1 schedules with the SDK in `BINARY serve`'s built-in emulator, then
# runs `BINARY import-schedules` (import, --take-over, --give-back): each schedule is owned by one side, and the
# gateway's first fire is the first occurrence after Azure's last run.
#
# Usage: scripts/sdk-test.sh BINARY
# Environment:
#   SHARED_DIR       the shared folder holding tools/azureml_sdk_client.py (default: $REPO/../shared)
#   SDK_TEST_KEEP=1  keep the temp directory (junit report, emulator log) even on success
#
# The last line printed is always `sdk: N passed, M failed` (junit testcases; a run that could not test at
# all counts as a failure). Exit status is non-zero on any failure. Python packages go to $REPO/.sdkvenv
# only, installed without a pip cache; the SDK's own files (~/.azureml) go to a temp HOME.
set -euo pipefail

SDK_VERSION=1.62.0
IDENTITY_VERSION=1.27.0
BLOB_VERSION=12.31.1
RUN_TIMEOUT=600

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$REPO/.sdkvenv"
SDK_DIR="$REPO/Tests/sdk"

passed=0
failed=0
tmp=""

say() { printf 'sdk-test: %s\n' "$*" >&2; }

finished=0
finish() {
  local rc=$1
  finished=1
  if [ -n "$tmp" ] && [ -d "$tmp" ]; then
    if [ "$rc" -eq 0 ] && [ "${SDK_TEST_KEEP:-0}" != 1 ]; then
      rm -rf "$tmp"
    else
      say "kept $tmp (junit report, pytest's temp files with the emulator log)"
    fi
  fi
  printf 'sdk: %d passed, %d failed\n' "$passed" "$failed"
  exit "$rc"
}

# shellcheck source=scripts/lib/harness.sh
source "$REPO/scripts/lib/harness.sh"
resolve_binary "$@"
shared=${SHARED_DIR:-$REPO/../shared}
[ -f "$shared/tools/azureml_sdk_client.py" ] || abort "no $shared/tools/azureml_sdk_client.py (set SHARED_DIR)"

# --- the SDK in $REPO/.sdkvenv ----------------------------------------------------------------------
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  python3 -m venv "$VENV" || abort "python3 -m venv failed (on Debian: apt-get install python3-venv)"
fi
installed=$("$VENV/bin/python" - <<'PY' 2>/dev/null || true
import importlib.metadata as metadata
try:
    metadata.version("pytest")
    print(" ".join(metadata.version(name) for name in ("azureml-pipeline-core", "azure-identity", "azure-storage-blob")))
except metadata.PackageNotFoundError:
    pass
PY
)
wanted="$SDK_VERSION $IDENTITY_VERSION $BLOB_VERSION"
if [ "$installed" != "$wanted" ]; then
  say "installing azureml-pipeline-core==$SDK_VERSION azure-identity==$IDENTITY_VERSION azure-storage-blob==$BLOB_VERSION and pytest into $VENV${installed:+ (found $installed)}"
  started=$SECONDS
  "$VENV/bin/python" -m pip install --quiet --no-cache-dir "azureml-pipeline-core==$SDK_VERSION" \
    "azure-identity==$IDENTITY_VERSION" "azure-storage-blob==$BLOB_VERSION" pytest \
    || abort "pip install azureml-pipeline-core==$SDK_VERSION azure-identity==$IDENTITY_VERSION azure-storage-blob==$BLOB_VERSION pytest failed"
  say "installed in $((SECONDS - started)) s"
fi

# --- run ----------------------------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sdk-test.XXXXXX")
mkdir -p "$tmp/home" "$tmp/pytest"
# Variables that silently redirect the SDK (azureml-sdk-observed.md §0) must not leak in from the caller.
unset AZUREML_SERVICE_ENDPOINT AZUREML_EXPERIMENTATION_HOST AZUREML_DISCOVERY_SERVICE_ENDPOINT
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^AZUREML_DEV_URL_' || true)

pytest_rc=0
# From the temp directory with a temp HOME and no bytecode or pytest cache, so nothing lands in the
# repository, in shared/ or in the real home directory.
(
  cd "$tmp"
  export HOME="$tmp/home" SHARED_DIR="$shared" PIPELINE_GATEWAY_BINARY="$binary" PYTHONDONTWRITEBYTECODE=1
  exec timeout --kill-after=10 "$RUN_TIMEOUT" "$VENV/bin/python" -m pytest "$SDK_DIR" -p no:cacheprovider \
    --basetemp "$tmp/pytest" --junitxml "$tmp/junit.xml" -o junit_family=xunit2 --rootdir "$SDK_DIR" -W ignore::DeprecationWarning -v -rfE
) || pytest_rc=$?

# --- verdict ------------------------------------------------------------------------------------------
status=0
if [ -s "$tmp/junit.xml" ]; then
  read -r passed failed < <("$VENV/bin/python" - "$tmp/junit.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
passed = failed = 0
for case in ET.parse(sys.argv[1]).iter("testcase"):
    if case.find("failure") is not None or case.find("error") is not None:
        failed += 1
    elif case.find("skipped") is None:
        passed += 1
print(passed, failed)
PY
  ) || { passed=0; failed=0; say "could not read the junit report"; status=1; }
else
  say "pytest wrote no junit report (exit status $pytest_rc)"
  status=1
fi
if [ "$pytest_rc" -ne 0 ]; then
  say "pytest failed (exit status $pytest_rc)"
  status=1
fi
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
  status=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
finish "$status"
