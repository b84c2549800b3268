"""An unmodified SDK v1 script pointed at the gateway with ``AZUREML_DEV_URL_PIPELINES`` (issue 12, part 3).

``pipeline-gateway serve`` runs with its built-in emulator and the scheduler's clock 60x fast
(``conftest.py``'s ``gateway_fast_clock``). The workspace comes from the emulator (ARM GET, discovery, run
history, datastores), built by ``shared/tools/azureml_sdk_client.py`` with ``pipelines_url=<gateway>``, so
only the pipelines-service calls reach the gateway: the Schedules operations are answered from gateway
schedules, everything else (DataTypes, Pipelines, PipelineEndpoints, runs) is passed through to the
emulator with the caller's own token, and the submits are served by the gateway itself.

What must hold: ``Schedule.create`` (minute recurrence, weekly with a Windows zone, datastore,
``create_for_pipeline_endpoint``) makes gateway schedules; ``Schedule.list`` (both ``active_only``, by
pipeline, by endpoint), ``get``, ``disable``, ``enable``, ``update(recurrence=…)``,
``get_last_pipeline_run`` and ``get_pipeline_runs`` work on them; ``PublishedPipeline.list`` and
``submit`` work through the gateway; and a minute schedule really fires (a run in ``GET /v1/runs`` with
its ``schedule_id``, and a submit in the emulator's calls).

The tests share one gateway and run in file order; later ones use schedules earlier ones made.
"""

import datetime
import os
import time

import pytest
import requests

from conftest import RESOURCE_GROUP, SUBSCRIPTION, WORKSPACE, emulator_token

DEMO_PIPELINE_ID = "d3e0a1b2-0000-4000-8000-000000000001"
DEMO_ENDPOINT_ID = "d3e0a1b2-0000-4000-8000-000000000003"
RUN_TIMEOUT = 30
CREATED = {}


@pytest.fixture(scope="module")
def gateway(gateway_fast_clock):
    return gateway_fast_clock


@pytest.fixture(scope="module")
def ws(gateway):
    import azureml_sdk_client
    token = emulator_token(gateway.emulator_url)
    try:
        workspace = azureml_sdk_client.workspace_for(
            gateway.emulator_url, SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, token_provider=lambda: token,
            pipelines_url=gateway.base_url)
        yield workspace
    finally:
        # The override is process-wide; later test modules must talk to their own servers.
        os.environ.pop("AZUREML_DEV_URL_PIPELINES", None)


def _gateway_schedule(gateway, schedule_id):
    response = requests.get("%s/v1/schedules/%s" % (gateway.base_url, schedule_id), timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _runs_of(gateway, schedule_id):
    response = requests.get("%s/v1/runs?schedule_id=%s&limit=500" % (gateway.base_url, schedule_id), timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _wait_for_run(gateway, schedule_id):
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        runs = [run for run in _runs_of(gateway, schedule_id) if run.get("azure_run_id")]
        if runs:
            return runs
        time.sleep(0.25)
    pytest.fail("schedule %s started no run within %ss:\n%s" % (schedule_id, RUN_TIMEOUT, gateway.log_tail()))


def test_create_minute_recurrence_makes_a_gateway_schedule(ws, gateway):
    from azureml.pipeline.core import Schedule, ScheduleRecurrence
    schedule = Schedule.create(ws, name="sdk-every15", pipeline_id=DEMO_PIPELINE_ID, experiment_name="sdk-facade",
                               recurrence=ScheduleRecurrence(frequency="Minute", interval=15),
                               pipeline_parameters={"input_string": "from-the-sdk"})
    assert schedule.status == "Active"
    own = _gateway_schedule(gateway, schedule.id)
    assert own["name"] == "sdk-every15"
    assert own["recurrence"]["frequency"] == "Minute" and own["recurrence"]["interval"] == 15
    assert own["pipeline_parameters"] == {"input_string": "from-the-sdk"}
    CREATED["minute"] = schedule.id


def test_the_minute_schedule_really_fires(gateway):
    schedule_id = CREATED["minute"]
    runs = _wait_for_run(gateway, schedule_id)
    assert runs[0]["schedule_id"] == schedule_id and runs[0]["source"] == "schedule"
    submits = gateway.emulator_calls("submit")
    assert any(call["body"].get("ParameterAssignments", {}).get("input_string") == "from-the-sdk" for call in submits), submits


def test_create_weekly_with_a_windows_time_zone(ws, gateway):
    from azureml.pipeline.core import Schedule, ScheduleRecurrence, TimeZone
    recurrence = ScheduleRecurrence(frequency="Week", interval=1, start_time=datetime.datetime(2026, 11, 25, 2, 0),
                                    time_zone=TimeZone.WEuropeStandardTime, hours=[2, 14], minutes=[0, 30],
                                    week_days=["Monday", "Friday"])
    schedule = Schedule.create(ws, name="sdk-weekly", pipeline_id=DEMO_PIPELINE_ID, experiment_name="sdk-facade",
                               recurrence=recurrence, description="weekly run")
    assert schedule.recurrence.time_zone == TimeZone.WEuropeStandardTime
    own = _gateway_schedule(gateway, schedule.id)
    assert own["recurrence"]["time_zone"] == "W. Europe Standard Time"
    assert own["recurrence"]["week_days"] == ["Monday", "Friday"]
    assert own["description"] == "weekly run"
    CREATED["weekly"] = schedule.id


def test_create_a_datastore_schedule(ws, gateway):
    from azureml.core import Datastore
    from azureml.pipeline.core import Schedule
    datastore = Datastore(ws, "workspaceblobstore")
    schedule = Schedule.create(ws, name="sdk-onblob", pipeline_id=DEMO_PIPELINE_ID, experiment_name="sdk-facade",
                               datastore=datastore, path_on_datastore="incoming", polling_interval=10,
                               data_path_parameter_name="input_datapath")
    assert schedule.datastore_name == "workspaceblobstore"
    own = _gateway_schedule(gateway, schedule.id)
    assert own["datastore"] == "workspaceblobstore" and own["path_on_datastore"] == "incoming"
    assert own["polling_interval"] == 10 and own["data_path_parameter_name"] == "input_datapath"
    CREATED["datastore"] = schedule.id


def test_create_for_a_pipeline_endpoint(ws, gateway):
    from azureml.pipeline.core import Schedule, ScheduleRecurrence
    schedule = Schedule.create_for_pipeline_endpoint(
        ws, name="sdk-endpoint", pipeline_endpoint_id=DEMO_ENDPOINT_ID, experiment_name="sdk-facade",
        recurrence=ScheduleRecurrence(frequency="Hour", interval=6, start_time="2026-11-25T06:30:00"))
    own = _gateway_schedule(gateway, schedule.id)
    assert own["pipeline_endpoint_id"] == DEMO_ENDPOINT_ID
    CREATED["endpoint"] = schedule.id


def test_list_get_disable_enable(ws):
    from azureml.pipeline.core import Schedule
    weekly = Schedule.get(ws, CREATED["weekly"])
    assert weekly.name == "sdk-weekly" and weekly.status == "Active"
    weekly.disable()
    assert Schedule.get(ws, CREATED["weekly"]).status == "Disabled"
    active = {s.id for s in Schedule.list(ws)}
    everything = {s.id for s in Schedule.list(ws, active_only=False)}
    assert CREATED["weekly"] not in active and CREATED["weekly"] in everything
    assert set(CREATED.values()) <= everything
    by_pipeline = {s.id for s in Schedule.list(ws, pipeline_id=DEMO_PIPELINE_ID)}
    assert {CREATED["minute"], CREATED["weekly"], CREATED["datastore"]} <= by_pipeline
    assert CREATED["endpoint"] not in by_pipeline
    by_endpoint = {s.id for s in Schedule.list(ws, pipeline_endpoint_id=DEMO_ENDPOINT_ID)}
    assert by_endpoint == {CREATED["endpoint"]}
    weekly.enable()
    assert Schedule.get(ws, CREATED["weekly"]).status == "Active"


def test_update_recurrence_replaces_it_whole(ws, gateway):
    from azureml.pipeline.core import Schedule, ScheduleRecurrence
    weekly = Schedule.get(ws, CREATED["weekly"])
    weekly.update(recurrence=ScheduleRecurrence(frequency="Hour", interval=2))
    own = _gateway_schedule(gateway, CREATED["weekly"])
    assert own["recurrence"]["frequency"] == "Hour" and own["recurrence"]["interval"] == 2
    assert not own["recurrence"].get("week_days") and not own["recurrence"].get("hours")
    assert Schedule.get(ws, CREATED["weekly"]).recurrence.frequency in ("Hour", "3")


def test_last_run_and_runs_of_a_schedule(ws, gateway):
    from azureml.pipeline.core import Schedule
    schedule = Schedule.get(ws, CREATED["minute"])
    azure_ids = {run["azure_run_id"] for run in _wait_for_run(gateway, CREATED["minute"])}
    last = schedule.get_last_pipeline_run()
    assert last is not None and last.id in azure_ids
    runs = schedule.get_pipeline_runs()
    assert runs and {run.id for run in runs} <= azure_ids | {r["azure_run_id"] for r in _runs_of(gateway, CREATED["minute"])}
    endpoint_schedule = Schedule.get(ws, CREATED["endpoint"])
    endpoint_schedule.disable()
    schedule.disable()


def test_published_pipelines_list_and_submit_through_the_gateway(ws, gateway):
    from azureml.pipeline.core import PublishedPipeline
    pipelines = PublishedPipeline.list(ws)
    assert DEMO_PIPELINE_ID in [p.id for p in pipelines]
    pipeline = PublishedPipeline.get(ws, DEMO_PIPELINE_ID)
    run = pipeline.submit(ws, "sdk-facade-submit", pipeline_parameters={"input_string": "submitted"})
    assert run.id
    response = requests.get("%s/v1/runs?source=azure_path&limit=500" % gateway.base_url, timeout=10)
    assert run.id in [r.get("azure_run_id") for r in response.json()["items"]], "the submit was served by the gateway"
