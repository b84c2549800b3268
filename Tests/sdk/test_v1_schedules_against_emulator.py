"""Microsoft's SDK v1 ``Schedule`` (azureml-pipeline-core 1.62.0), unchanged, against the emulator.

Every schedule flow of the observed sheet (§5): ``Schedule.create`` with a minute recurrence, a weekly one
in ``W. Europe Standard Time`` with hours, minutes and week days, and a datastore trigger;
``create_for_pipeline_endpoint``; ``Schedule.list`` (``active_only`` both ways, by pipeline, by endpoint);
``Schedule.get``; ``disable()`` / ``enable()`` / ``update(recurrence=…)`` (a GET, then a PUT of the whole
entity, with the enums the SDK echoes as digit strings); and the runs of a schedule: none at first
(``get_last_pipeline_run()`` is None on the 204), then the run of a simulated Azure-side fire
(``POST /emulator/schedules/{id}/fire``), rebuilt by the SDK through run history.

The tests share one emulator and run in file order, each building on the one before.
Run through ``scripts/sdk-test.sh``, which installs the SDK into ``<repo>/.sdkvenv``.
"""

import pytest
import requests

from conftest import sdk_workspace

DEMO_PIPELINE_ID = "d3e0a1b2-0000-4000-8000-000000000001"
DEMO_ENDPOINT_ID = "d3e0a1b2-0000-4000-8000-000000000003"
EXPERIMENT = "exp-sched"

# Schedule ids by name, filled in by the create tests.
CREATED = {}


@pytest.fixture(scope="module")
def ws(emulator):
    return sdk_workspace(emulator.base_url)


def test_create_with_a_minute_recurrence(ws, emulator):
    from azureml.pipeline.core import Schedule, ScheduleRecurrence
    schedule = Schedule.create(ws, name="every15", pipeline_id=DEMO_PIPELINE_ID, experiment_name=EXPERIMENT,
                               recurrence=ScheduleRecurrence(frequency="Minute", interval=15),
                               wait_for_provisioning=True)
    assert schedule.name == "every15"
    assert schedule.status == "Active"
    assert schedule.recurrence.frequency == "Minute"
    assert schedule.recurrence.interval == 15
    CREATED["every15"] = schedule.id
    # Provisioned at once: the wait is one GET and no 5 s sleep.
    assert len([call for call in emulator.calls("get_schedule") if call["path"].endswith(schedule.id)]) == 1
    body = emulator.calls("create_schedule")[-1]["body"]
    assert body["ScheduleType"] == "0"
    assert body["Recurrence"] == {"Frequency": "Minute", "Interval": 15}


def test_create_weekly_in_a_windows_time_zone(ws):
    from azureml.pipeline.core import Schedule, ScheduleRecurrence, TimeZone
    recurrence = ScheduleRecurrence(frequency="Week", interval=1, start_time="2026-11-25T02:00:00",
                                    time_zone=TimeZone.WEuropeStandardTime, hours=[2, 14], minutes=[0, 30],
                                    week_days=["Monday", "Friday"])
    schedule = Schedule.create(ws, name="weekly", pipeline_id=DEMO_PIPELINE_ID, experiment_name=EXPERIMENT,
                               recurrence=recurrence, description="weekly run",
                               pipeline_parameters={"input_string": "0.2"})
    assert schedule.recurrence.frequency == "Week"
    assert schedule.recurrence.time_zone == TimeZone.WEuropeStandardTime
    assert schedule.recurrence.hours == [2, 14]
    assert schedule.recurrence.minutes == [0, 30]
    assert schedule.recurrence.week_days == ["Monday", "Friday"]
    assert schedule.description == "weekly run"
    CREATED["weekly"] = schedule.id


def test_create_a_datastore_schedule(ws):
    from azureml.core import Datastore
    from azureml.pipeline.core import Schedule
    datastore = Datastore(ws, "workspaceblobstore")
    schedule = Schedule.create(ws, name="onblob", pipeline_id=DEMO_PIPELINE_ID, experiment_name=EXPERIMENT,
                               datastore=datastore, path_on_datastore="incoming/data", polling_interval=10,
                               data_path_parameter_name="input_datapath", continue_on_step_failure=True)
    assert schedule.datastore_name == "workspaceblobstore"
    assert schedule.polling_interval == 10
    assert schedule.data_path_parameter_name == "input_datapath"
    assert schedule.path_on_datastore == "incoming/data"
    assert schedule.recurrence is None
    CREATED["onblob"] = schedule.id


def test_create_for_a_pipeline_endpoint(ws, emulator):
    from azureml.pipeline.core import Schedule, ScheduleRecurrence
    schedule = Schedule.create_for_pipeline_endpoint(
        ws, name="on-endpoint", pipeline_endpoint_id=DEMO_ENDPOINT_ID, experiment_name=EXPERIMENT,
        recurrence=ScheduleRecurrence(frequency="Hour", interval=1))
    assert schedule.pipeline_endpoint_id == DEMO_ENDPOINT_ID
    assert schedule.pipeline_id is None
    CREATED["on-endpoint"] = schedule.id
    assert "PipelineId" not in emulator.calls("create_schedule")[-1]["body"]


def test_list_all_by_pipeline_and_by_endpoint(ws):
    from azureml.pipeline.core import Schedule
    active = {schedule.id for schedule in Schedule.list(ws)}
    assert active == set(CREATED.values())
    on_pipeline = {schedule.id for schedule in Schedule.list(ws, pipeline_id=DEMO_PIPELINE_ID)}
    assert on_pipeline == {CREATED["every15"], CREATED["weekly"], CREATED["onblob"]}
    on_endpoint = [schedule.id for schedule in Schedule.list(ws, pipeline_endpoint_id=DEMO_ENDPOINT_ID)]
    assert on_endpoint == [CREATED["on-endpoint"]]


def test_get_then_disable_and_enable(ws, emulator):
    from azureml.pipeline.core import Schedule
    schedule = Schedule.get(ws, CREATED["weekly"])
    assert schedule.name == "weekly"
    schedule.disable()
    assert Schedule.get(ws, CREATED["weekly"]).status == "Disabled"
    put = emulator.calls("put_schedule")[-1]["body"]
    assert put["EntityStatus"] == "Disabled"
    assert put["Recurrence"]["Schedule"]["WeekDays"] == ["0", "4"], "the ints the emulator sent, echoed as digit strings"
    assert CREATED["weekly"] not in {s.id for s in Schedule.list(ws)}
    assert CREATED["weekly"] in {s.id for s in Schedule.list(ws, active_only=False)}
    schedule.enable()
    assert Schedule.get(ws, CREATED["weekly"]).status == "Active"


def test_update_the_recurrence(ws):
    from azureml.pipeline.core import Schedule, ScheduleRecurrence
    schedule = Schedule.get(ws, CREATED["every15"])
    schedule.update(recurrence=ScheduleRecurrence(frequency="Hour", interval=2))
    updated = Schedule.get(ws, CREATED["every15"])
    assert updated.recurrence.frequency == "Hour"
    assert updated.recurrence.interval == 2
    assert updated.status == "Active"


def test_runs_of_a_schedule_none_then_the_fired_run(ws, emulator):
    from azureml.pipeline.core import PipelineRun, Schedule
    schedule = Schedule.get(ws, CREATED["weekly"])
    assert schedule.get_last_pipeline_run() is None
    assert schedule.get_pipeline_runs() == []
    fired = requests.post("%s/emulator/schedules/%s/fire" % (emulator.base_url, CREATED["weekly"]),
                          json={"time": "2026-11-25T10:15:00Z"}, timeout=10)
    assert fired.status_code == 201, fired.text
    first = fired.json()["Id"]
    last = schedule.get_last_pipeline_run()
    assert isinstance(last, PipelineRun)
    assert last.id == first
    second = requests.post("%s/emulator/schedules/%s/fire" % (emulator.base_url, CREATED["weekly"]), timeout=10)
    assert second.status_code == 201, second.text
    runs = schedule.get_pipeline_runs()
    assert [run.id for run in runs] == [second.json()["Id"], first], "newest first"
    assert schedule.get_last_pipeline_run().id == second.json()["Id"]


def test_no_schedule_call_of_the_sdk_was_refused(emulator):
    refused = [line for line in emulator.refused_requests() if "Schedule" in line]
    assert not refused, "requests the emulator refused:\n" + "\n".join(refused)
