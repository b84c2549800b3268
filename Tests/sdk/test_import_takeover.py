"""Schedules made with Microsoft's SDK v1 in a workspace move to the gateway (issue 12, part 2, "Done when").

``pipeline-gateway serve`` runs with zero configuration; its built-in emulator is the "Azure" workspace. The
SDK, pointed at that emulator directly (no ``AZUREML_DEV_URL_PIPELINES``), creates v1 schedules there as a
user's script did. Then the real command-line client, ``pipeline-gateway import-schedules``, imports them,
takes them over and gives one back, and the test checks through the SDK (Azure's side) and ``/v1`` (the
gateway's side) that each schedule is owned by exactly one side, and that the gateway's first fire is the
first occurrence after Azure's last run: none run by both, none skipped.

The tests share one gateway and run in file order.
"""

import datetime
import subprocess
import time

import pytest
import requests

from conftest import BINARY, RESOURCE_GROUP, SUBSCRIPTION, WORKSPACE, emulator_token

DEMO_PIPELINE_ID = "d3e0a1b2-0000-4000-8000-000000000001"
FIRE_TIMEOUT = 90
CREATED = {}


@pytest.fixture(scope="module")
def ws(gateway):
    import azureml_sdk_client
    token = emulator_token(gateway.emulator_url)
    return azureml_sdk_client.workspace_for(
        gateway.emulator_url, SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, token_provider=lambda: token)


def _import(gateway, *flags):
    result = subprocess.run([BINARY, "import-schedules", "--server", gateway.base_url, *flags],
                            capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout + result.stderr


def _row(output, azure_id):
    rows = [line.split() for line in output.splitlines() if line.startswith(azure_id)]
    assert len(rows) == 1, "one row for %s in:\n%s" % (azure_id, output)
    return rows[0]


def _copy_of(gateway, azure_id):
    response = requests.get("%s/v1/schedules?active_only=false&limit=500" % gateway.base_url, timeout=10)
    assert response.status_code == 200, response.text
    copies = [item for item in response.json()["items"] if item.get("imported_from") == azure_id]
    assert len(copies) <= 1, "an import never duplicates: %s" % copies
    return copies[0] if copies else None


def _utc(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_the_sdk_creates_v1_schedules_in_the_workspace(ws):
    from azureml.core import Datastore
    from azureml.pipeline.core import Schedule, ScheduleRecurrence, TimeZone
    start = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=30)).replace(second=0, microsecond=0, tzinfo=None)
    every_minute = Schedule.create(ws, name="sdk-every-minute", pipeline_id=DEMO_PIPELINE_ID, experiment_name="sdk-import",
                                   recurrence=ScheduleRecurrence(frequency="Minute", interval=1, start_time=start),
                                   pipeline_parameters={"input_string": "from-azure"})
    weekly = Schedule.create(ws, name="sdk-weekly", pipeline_id=DEMO_PIPELINE_ID, experiment_name="sdk-import",
                             recurrence=ScheduleRecurrence(frequency="Week", interval=2, start_time=start, hours=[18], minutes=[30],
                                                           week_days=["Monday", "Wednesday"], time_zone=TimeZone.WEuropeStandardTime))
    on_blob = Schedule.create(ws, name="sdk-on-blob", pipeline_id=DEMO_PIPELINE_ID, experiment_name="sdk-import",
                              datastore=Datastore(ws, "workspaceblobstore"), path_on_datastore="incoming", polling_interval=5,
                              data_path_parameter_name="input_datapath")
    CREATED.update({"minute": every_minute.id, "weekly": weekly.id, "blob": on_blob.id, "start": start})
    assert {s.id for s in Schedule.list(ws)} >= {every_minute.id, weekly.id, on_blob.id}


def test_import_makes_disabled_copies_and_a_rerun_never_duplicates(gateway):
    status, output = _import(gateway)
    assert status == 0, output
    for key in ("minute", "weekly", "blob"):
        assert _row(output, CREATED[key])[2] == "imported", output
        copy = _copy_of(gateway, CREATED[key])
        assert copy is not None and copy["status"] == "Disabled"
    weekly = _copy_of(gateway, CREATED["weekly"])
    assert weekly["recurrence"]["time_zone"] == "W. Europe Standard Time"
    assert weekly["recurrence"]["week_days"] == ["Monday", "Wednesday"]
    assert _copy_of(gateway, CREATED["blob"])["datastore"] == "workspaceblobstore"
    assert _copy_of(gateway, CREATED["minute"])["pipeline_parameters"] == {"input_string": "from-azure"}

    status, again = _import(gateway)
    assert status == 0, again
    assert _row(again, CREATED["minute"])[2] in ("unchanged", "updated"), again
    assert _copy_of(gateway, CREATED["minute"]) is not None


def test_take_over_hands_each_schedule_to_exactly_one_side_from_azures_last_run(ws, gateway):
    from azureml.pipeline.core import Schedule
    now = datetime.datetime.now(datetime.timezone.utc)
    # Azure ran the minute schedule at its latest occurrence (a run is created a moment after it).
    last_occurrence = now.replace(second=CREATED["start"].second, microsecond=0)
    if last_occurrence > now:
        last_occurrence -= datetime.timedelta(minutes=1)
    azure_run_time = last_occurrence + datetime.timedelta(seconds=2)
    fired = requests.post("%s/emulator/schedules/%s/fire" % (gateway.emulator_url, CREATED["minute"]),
                          json={"time": azure_run_time.strftime("%Y-%m-%dT%H:%M:%SZ")}, timeout=10)
    assert fired.status_code == 201, fired.text

    status, output = _import(gateway, "--take-over")
    assert status == 0, output
    for key in ("minute", "weekly", "blob"):
        assert _row(output, CREATED[key])[2] == "taken_over", output
        assert Schedule.get(ws, CREATED[key]).status == "Disabled", "Azure no longer runs it"
        assert _copy_of(gateway, CREATED[key])["status"] == "Active", "the gateway does"

    copy = _copy_of(gateway, CREATED["minute"])
    expected_first = last_occurrence + datetime.timedelta(minutes=1)
    assert _utc(copy["next_fire_at"]) == expected_first, "the first occurrence after Azure's last run"

    # It really fires there, once, at that occurrence.
    deadline = time.monotonic() + FIRE_TIMEOUT
    runs = []
    while time.monotonic() < deadline:
        response = requests.get("%s/v1/runs?schedule_id=%s" % (gateway.base_url, copy["id"]), timeout=10)
        runs = [run for run in response.json()["items"] if run.get("azure_run_id")]
        if runs:
            break
        time.sleep(0.5)
    assert runs, "the taken-over schedule did not fire within %ss:\n%s" % (FIRE_TIMEOUT, gateway.log_tail())
    scheduled = sorted(_utc(run["scheduled_time"]) for run in runs)
    assert scheduled[0] == expected_first, "neither Azure's last occurrence again, nor one skipped"
    assert len(scheduled) == len(set(scheduled)), "no occurrence twice"

    # A second take-over changes nothing: both sides stay as they are.
    status, again = _import(gateway, "--take-over")
    assert status == 0, again
    assert Schedule.get(ws, CREATED["minute"]).status == "Disabled"
    assert _copy_of(gateway, CREATED["minute"])["status"] == "Active"


def test_give_back_returns_the_schedule_to_azure(ws, gateway):
    from azureml.pipeline.core import Schedule
    status, output = _import(gateway, "--give-back")
    assert status == 0, output
    for key in ("minute", "weekly", "blob"):
        assert _row(output, CREATED[key])[2] == "given_back", output
        assert _copy_of(gateway, CREATED[key])["status"] == "Disabled"
        assert Schedule.get(ws, CREATED[key]).status == "Active"
