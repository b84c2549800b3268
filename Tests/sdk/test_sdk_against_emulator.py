"""Microsoft's own Azure ML SDK v1 (azureml-pipeline-core 1.62.0), unchanged, against the emulator.

Starts ``pipeline-gateway emulator`` (``conftest.py``'s ``emulator`` fixture), gets a token from the
emulator's own token endpoint (the emulator accepts only tokens it issued), builds a ``Workspace``
with ``shared/tools/azureml_sdk_client.py`` (``SHARED_DIR``, default ``<repo>/../shared``) and drives
the published-pipeline calls a user makes: list, get, disable/enable, submit, status, wait, plus the
published REST endpoint with plain ``requests`` the way Microsoft's docs call it.

Run through ``scripts/sdk-test.sh``, which installs the SDK into ``<repo>/.sdkvenv``.
"""

import threading

import pytest
import requests

from conftest import RESOURCE_GROUP, SUBSCRIPTION, WORKSPACE, emulator_token

DEMO_PIPELINE_ID = "d3e0a1b2-0000-4000-8000-000000000001"
DEMO_PIPELINE_NAME = "MyRestPipeline"
WAIT_TIMEOUT = 60
PROGRESS_STATES = {"NotStarted", "Running", "Finished"}


@pytest.fixture(scope="module")
def token(emulator):
    """A token the emulator issued (the emulator accepts only tokens it issued)."""
    return emulator_token(emulator.base_url)


@pytest.fixture(scope="module")
def ws(emulator, token):
    import azureml_sdk_client
    workspace = azureml_sdk_client.workspace_for(
        emulator.base_url, SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, token_provider=lambda: token)
    assert workspace.name == WORKSPACE
    return workspace


def test_workspace_comes_from_the_arm_get_and_discovery(ws, emulator):
    assert ws.subscription_id == SUBSCRIPTION
    assert ws.resource_group == RESOURCE_GROUP
    assert ws.location
    operations = [call["operation"] for call in emulator.calls()]
    assert "get_workspace" in operations


def test_list_contains_the_demo_pipeline(ws):
    from azureml.pipeline.core import PublishedPipeline
    pipelines = PublishedPipeline.list(ws)
    assert (DEMO_PIPELINE_NAME, DEMO_PIPELINE_ID) in [(p.name, p.id) for p in pipelines]


def test_get_returns_the_demo_pipeline_with_its_endpoint(ws, emulator):
    from azureml.pipeline.core import PublishedPipeline
    pipeline = PublishedPipeline.get(ws, DEMO_PIPELINE_ID)
    assert pipeline.id == DEMO_PIPELINE_ID
    assert pipeline.name == DEMO_PIPELINE_NAME
    assert pipeline.status == "Active"
    assert pipeline.endpoint == "%s/pipelines/v1.0/subscriptions/%s/resourceGroups/%s/providers/" \
        "Microsoft.MachineLearningServices/workspaces/%s/PipelineRuns/PipelineSubmit/%s" % (
            emulator.base_url, SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, DEMO_PIPELINE_ID)


def test_disable_then_enable(ws):
    from azureml.pipeline.core import PublishedPipeline
    pipeline = PublishedPipeline.get(ws, DEMO_PIPELINE_ID)
    try:
        pipeline.disable()
        assert PublishedPipeline.get(ws, DEMO_PIPELINE_ID).status == "Disabled"
        assert DEMO_PIPELINE_ID not in [p.id for p in PublishedPipeline.list(ws)], "list shows active pipelines only"
    finally:
        pipeline.enable()
    assert PublishedPipeline.get(ws, DEMO_PIPELINE_ID).status == "Active"


def _wait_for_completion(run):
    """``run.wait_for_completion(show_output=False)``, which has no timeout of its own, bounded here."""
    outcome = {}

    def wait():
        try:
            outcome["status"] = run.wait_for_completion(show_output=False)
        except BaseException as error:  # noqa: B036 - reported to the test thread below
            outcome["error"] = error

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    thread.join(WAIT_TIMEOUT)
    assert not thread.is_alive(), "wait_for_completion did not return within %ss" % WAIT_TIMEOUT
    if "error" in outcome:
        raise outcome["error"]
    return outcome["status"]


def test_submit_then_wait_for_completion(ws, emulator, token):
    from azureml.pipeline.core import PipelineRun, PublishedPipeline
    pipeline = PublishedPipeline.get(ws, DEMO_PIPELINE_ID)
    run = pipeline.submit(ws, "exp-sdk", pipeline_parameters={"input_string": "hello"})
    assert isinstance(run, PipelineRun)
    assert run.get_status() in PROGRESS_STATES
    assert _wait_for_completion(run) == "Finished"
    assert run.get_status() == "Finished"
    # What the SDK sent reached the run as submitted.
    entity = requests.get(
        "%s/pipelines/v1.0/subscriptions/%s/resourceGroups/%s/providers/Microsoft.MachineLearningServices/"
        "workspaces/%s/PipelineRuns/%s" % (emulator.base_url, SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, run.id),
        headers={"Authorization": "Bearer " + token}, timeout=10).json()
    assert entity["ParameterAssignments"] == {"input_string": "hello"}
    assert entity["RunHistoryExperimentName"] == "exp-sdk"


def test_rest_endpoint_with_plain_requests_then_pipeline_run(ws, token):
    from azureml.core import Experiment
    from azureml.pipeline.core import PipelineRun, PublishedPipeline
    pipeline = PublishedPipeline.get(ws, DEMO_PIPELINE_ID)
    response = requests.post(
        pipeline.endpoint,
        headers={"Authorization": "Bearer " + token},
        json={"ExperimentName": "exp-rest",
              "ParameterAssignments": {"input_string": "from-rest"},
              "DataPathAssignments": {"input_datapath": {"DataStoreName": "workspaceblobstore",
                                                         "RelativePath": "incoming/a.csv"}},
              "RunSource": "SDK"},
        timeout=10)
    assert response.status_code == 200, response.text
    run_id = response.json()["Id"]
    run = PipelineRun(Experiment(ws, "exp-rest"), run_id)
    assert run.id == run_id
    assert run.get_status() in PROGRESS_STATES


def test_sdk_found_every_data_type_and_got_no_error_answer(emulator):
    operations = [call["operation"] for call in emulator.calls()]
    assert "list_data_types" in operations
    assert "create_data_type" not in operations, "the DataTypes list lacked a type the SDK requires"
    assert emulator.process.poll() is None, "the emulator exited during the run:\n" + emulator.log_tail()
    # The access log has one line per request: none of the SDK's may have failed (an unknown route is a 404).
    refused = emulator.refused_requests()
    assert not refused, "requests the emulator refused:\n" + "\n".join(refused)
