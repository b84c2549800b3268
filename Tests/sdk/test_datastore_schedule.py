"""A change-based schedule (issue 8) fed by Microsoft's azure-storage-blob, unchanged.

The gateway runs with zero configuration (its built-in emulator, whose ``workspaceblobstore`` datastore is
the folder ``DATA/blobs/workspaceblobstore/``) and the scheduler's clock 60x fast, so the schedule's
one-minute polling interval is one real second. The schedule is created through ``POST /v1/schedules`` the
way the SDK's ``Schedule.create(..., datastore=..., path_on_datastore="input", polling_interval=1,
data_path_parameter_name="input_datapath")`` maps onto it; files then arrive through ``ContainerClient``'s
Put Blob on the emulator's Blob endpoint (through ``conftest.py``'s HTTPS relay, since azure-storage-blob
sends a token only over https). What must hold (DESIGN "Change-based schedules"):

- files present before the 201 (copied by hand or uploaded) never start a run;
- a new direct child of the folder starts exactly one run, ``source: "datastore"``, ``trigger_file`` naming
  it, and the submit Azure receives assigns ``input_datapath`` = ``{"DataStoreName", "RelativePath"}`` of it;
- a blob in a subfolder starts none;
- overwriting the blob (a new ETag) starts a second run for it, and nothing else starts.

The tests share one gateway and one schedule and run in file order, each building on the one before.
"""

import time
import uuid

import pytest
import requests

from conftest import TENANT

DEMO_PIPELINE_ID = "d3e0a1b2-0000-4000-8000-000000000001"
ACCOUNT = "emulatedaccount"
DATASTORE = "workspaceblobstore"
FOLDER = "input"
# A JWT-shaped federated token, as in test_identity_and_blob_against_emulator.py.
FEDERATED_TOKEN = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDpzZGsifQ.c2lnbmF0dXJl"
# Polls come once a real second. A listing can be shared by polls up to 2 s apart (FolderListings), so a
# file is seen within ~3 s; waiting for runs gives it far more, and "no further run" is judged after
# QUIET_SECONDS of polls with nothing new.
RUN_TIMEOUT = 20
QUIET_SECONDS = 3

NEW_NAME = "%s/new-%s.csv" % (FOLDER, uuid.uuid4().hex[:8])
# The ETags Put Blob answered for NEW_NAME, oldest first.
ETAGS = []


@pytest.fixture(scope="module")
def container(gateway_emulator_tls):
    from azure.identity import ClientAssertionCredential
    from azure.storage.blob import ContainerClient
    relay = gateway_emulator_tls
    credential = ClientAssertionCredential(TENANT, "sdk-datastore-schedule", lambda: FEDERATED_TOKEN,
                                           authority=relay.base_url, connection_verify=relay.cert_path)
    client = ContainerClient(account_url="%s/blob/%s" % (relay.base_url, ACCOUNT), container_name=DATASTORE,
                             credential=credential, connection_verify=relay.cert_path)
    yield client
    client.close()
    credential.close()


@pytest.fixture(scope="module")
def schedule(gateway_fast_clock, container):
    """The change schedule, created after two files are already in the folder (one copied, one uploaded)."""
    gateway = gateway_fast_clock
    folder = gateway.data_dir / "blobs" / DATASTORE / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "copied-before.csv").write_text("was here before the schedule\n")
    container.upload_blob(FOLDER + "/uploaded-before.csv", b"uploaded before the schedule\n")
    response = requests.post(gateway.base_url + "/v1/schedules", json={
        "name": "sdk-on-new-input", "pipeline_id": DEMO_PIPELINE_ID, "experiment_name": "MyRestPipeline",
        "pipeline_parameters": {"input_string": "from-a-blob"},
        "datastore": DATASTORE, "path_on_datastore": FOLDER, "polling_interval": 1,
        "data_path_parameter_name": "input_datapath",
    }, timeout=30)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["datastore"] == DATASTORE and created["polling_interval"] == 1, created
    return created


def _schedule_runs(gateway, schedule_id):
    response = requests.get("%s/v1/schedules/%s/runs?limit=500" % (gateway.base_url, schedule_id), timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _datastore_runs(gateway):
    response = requests.get(gateway.base_url + "/v1/runs", params={"source": "datastore", "limit": 500}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _submits(gateway):
    return [call["body"] for call in gateway.emulator_calls("submit")]


def _settle(gateway, schedule_id, count):
    """The schedule's runs once ``count`` exist, none is still being submitted, and QUIET_SECONDS of polls
    brought nothing more."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while True:
        runs = _schedule_runs(gateway, schedule_id)
        if len(runs) >= count and all(run["status"] != "Submitting" for run in runs):
            break
        assert time.monotonic() < deadline, "%d of %d runs after %ss: %s\n%s" % (
            len(runs), count, RUN_TIMEOUT, runs, gateway.log_tail())
        time.sleep(0.2)
    time.sleep(QUIET_SECONDS)
    return _schedule_runs(gateway, schedule_id)


def _assert_points_at_the_new_blob(run, submit):
    assert run["source"] == "datastore", run
    assert run["trigger_file"] == NEW_NAME, run
    assert run["data_path_assignments"] == {"input_datapath": {"DataStoreName": DATASTORE, "RelativePath": NEW_NAME}}, run
    assert isinstance(run["azure_run_id"], str), run
    assert submit["DataPathAssignments"] == {"input_datapath": {"DataStoreName": DATASTORE, "RelativePath": NEW_NAME}}, submit
    assert submit["ParameterAssignments"].get("input_string") == "from-a-blob", submit
    assert submit["ExperimentName"] == "MyRestPipeline", submit


def test_files_present_before_the_schedule_start_no_run(gateway_fast_clock, schedule):
    # Two polls' time at least: the baseline listed at create covers both files.
    time.sleep(QUIET_SECONDS)
    assert _schedule_runs(gateway_fast_clock, schedule["id"]) == []
    assert _datastore_runs(gateway_fast_clock) == []
    assert _submits(gateway_fast_clock) == []


def test_a_new_blob_starts_exactly_one_run_pointing_at_it_and_a_subfolder_blob_none(gateway_fast_clock, schedule, container):
    gateway = gateway_fast_clock
    uploaded = container.get_blob_client(NEW_NAME).upload_blob(b"a,b\n1,2\n")
    ETAGS.append(uploaded["etag"])
    container.upload_blob(FOLDER + "/sub/deep.csv", b"in a subfolder: never a trigger\n")
    assert (gateway.data_dir / "blobs" / DATASTORE / NEW_NAME).read_bytes() == b"a,b\n1,2\n"
    assert (gateway.data_dir / "blobs" / DATASTORE / FOLDER / "sub" / "deep.csv").is_file()

    runs = _settle(gateway, schedule["id"], 1)
    assert len(runs) == 1, runs
    submits = _submits(gateway)
    assert len(submits) == 1, submits
    _assert_points_at_the_new_blob(runs[0], submits[0])
    # The submit carries the gateway's run id as a tag: it is this run's and no other's.
    assert submits[0]["tags"]["gateway_run_id"] == runs[0]["id"], submits[0]
    listed = _datastore_runs(gateway)
    assert [(run["id"], run["schedule_id"]) for run in listed] == [(runs[0]["id"], schedule["id"])], listed


def test_overwriting_the_blob_starts_a_second_run_for_it(gateway_fast_clock, schedule, container):
    gateway = gateway_fast_clock
    overwritten = container.get_blob_client(NEW_NAME).upload_blob(b"a,b\n1,2\n3,4\n", overwrite=True)
    ETAGS.append(overwritten["etag"])
    assert len(set(ETAGS)) == 2, "Put Blob over an existing blob gives it a new ETag: %s" % ETAGS
    runs = _settle(gateway, schedule["id"], 2)
    assert len(runs) == 2, runs
    submits = _submits(gateway)
    assert len(submits) == 2, submits
    by_id = {run["id"]: run for run in runs}
    for submit in submits:
        _assert_points_at_the_new_blob(by_id[submit["tags"]["gateway_run_id"]], submit)
    assert sorted(submit["tags"]["gateway_run_id"] for submit in submits) == sorted(by_id)
    assert sorted(run["id"] for run in _datastore_runs(gateway)) == sorted(by_id)


def test_nothing_else_ever_started_a_run(gateway_fast_clock, schedule):
    # The files from before the schedule and the subfolder's blob, after many more polls: still only the two runs.
    runs = _datastore_runs(gateway_fast_clock)
    assert sorted(run["trigger_file"] for run in runs) == [NEW_NAME, NEW_NAME], runs
    assert len(_submits(gateway_fast_clock)) == 2
    schedule_now = requests.get("%s/v1/schedules/%s" % (gateway_fast_clock.base_url, schedule["id"]), timeout=10).json()
    assert schedule_now["status"] == "Active" and isinstance(schedule_now["last_fire_at"], str), schedule_now
