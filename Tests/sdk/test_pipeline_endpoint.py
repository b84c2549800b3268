"""Microsoft's SDK v1 ``PipelineEndpoint`` (azureml-pipeline-core 1.62.0), unchanged, against the emulator.

What the observed sheet (§6) recorded the SDK doing: ``PipelineEndpoint.get`` by id and by name,
``list`` (with its ``BatchSize`` header), ``submit`` to the default version and to a pinned one (the
version in the path and in ``?pipelineVersion=``), ``publish`` from a published pipeline, and
``disable()`` / ``enable()`` (a GET, then a PUT of the whole entity). Every submitted run is a real run
the SDK can follow, as with ``PublishedPipeline.submit``.

Run through ``scripts/sdk-test.sh``, which installs the SDK into ``<repo>/.sdkvenv``.
"""

import pytest

from conftest import sdk_workspace

DEMO_PIPELINE_ID = "d3e0a1b2-0000-4000-8000-000000000001"
DEMO_ENDPOINT_ID = "d3e0a1b2-0000-4000-8000-000000000003"
DEMO_ENDPOINT_NAME = "MyRestPipelineEndpoint"
PROGRESS_STATES = {"NotStarted", "Running", "Finished"}


@pytest.fixture(scope="module")
def ws(emulator):
    return sdk_workspace(emulator.base_url)


def test_get_by_id_and_by_name_returns_the_demo_endpoint(ws):
    from azureml.pipeline.core import PipelineEndpoint
    by_id = PipelineEndpoint.get(ws, id=DEMO_ENDPOINT_ID)
    assert by_id.id == DEMO_ENDPOINT_ID
    assert by_id.name == DEMO_ENDPOINT_NAME
    assert by_id.default_version == "0"
    assert by_id.status == "Active"
    by_name = PipelineEndpoint.get(ws, name=DEMO_ENDPOINT_NAME)
    assert by_name.id == DEMO_ENDPOINT_ID


def test_list_sends_batch_size_and_contains_the_demo(ws, emulator):
    from azureml.pipeline.core import PipelineEndpoint
    endpoints = PipelineEndpoint.list(ws)
    assert DEMO_ENDPOINT_ID in [endpoint.id for endpoint in endpoints]
    assert any(call["path"].endswith("/PipelineEndpoints") for call in emulator.calls("list_pipeline_endpoints"))


def test_submit_to_the_default_and_to_a_pinned_version(ws, emulator):
    from azureml.pipeline.core import PipelineEndpoint, PipelineRun
    endpoint = PipelineEndpoint.get(ws, id=DEMO_ENDPOINT_ID)
    run = endpoint.submit("exp-endpoint", pipeline_parameters={"input_string": "via-endpoint"})
    assert isinstance(run, PipelineRun)
    assert run.get_status() in PROGRESS_STATES
    pinned = endpoint.submit("exp-endpoint", pipeline_version="0")
    assert pinned.get_status() in PROGRESS_STATES
    paths = [call["path"] for call in emulator.calls("submit_endpoint")]
    assert paths[-2].endswith("/PipelineRuns/PipelineEndpointSubmit/Id/" + DEMO_ENDPOINT_ID)
    assert paths[-1].endswith("/PipelineRuns/PipelineEndpointSubmit/Id/%s/0" % DEMO_ENDPOINT_ID)
    bodies = [call["body"] for call in emulator.calls("submit_endpoint")]
    assert bodies[-2]["ParameterAssignments"] == {"input_string": "via-endpoint"}


def test_publish_from_a_published_pipeline_then_disable_and_enable(ws):
    from azureml.pipeline.core import PipelineEndpoint, PublishedPipeline
    pipeline = PublishedPipeline.get(ws, DEMO_PIPELINE_ID)
    endpoint = PipelineEndpoint.publish(ws, name="sdk-published", pipeline=pipeline, description="made by the SDK")
    assert endpoint.name == "sdk-published"
    assert endpoint.default_version == "0"
    endpoint.disable()
    assert PipelineEndpoint.get(ws, name="sdk-published").status == "Disabled"
    endpoint.enable()
    assert PipelineEndpoint.get(ws, name="sdk-published").status == "Active"


def test_no_endpoint_call_of_the_sdk_was_refused(emulator):
    # ``publish`` first looks its name up to be sure it is free: that one 404 is the answer it wants.
    lookups = [line for line in emulator.refused_requests() if line.endswith("/PipelineEndpoints/Name -> 404")]
    assert len(lookups) == 1
    refused = [line for line in emulator.refused_requests() if "PipelineEndpoint" in line and line not in lookups]
    assert not refused, "requests the emulator refused:\n" + "\n".join(refused)
