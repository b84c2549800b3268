"""The gateway's copy of Azure's submit path, called the way a Logic App or a script calls Azure's.

A client that posts the Logic App body with plain ``requests`` to the gateway (only the host changed)
gets Azure's answer shape; the run it names is a real run that Microsoft's SDK can then follow in the
workspace (here the gateway's built-in emulator). A refused body comes back in Azure's error shape.
"""

import pytest
import requests

from conftest import RESOURCE_GROUP, SUBSCRIPTION, WORKSPACE, emulator_token

DEMO_PIPELINE_ID = "d3e0a1b2-0000-4000-8000-000000000001"
LOGIC_APP_BODY = {
    "ExperimentName": "MyRestPipeline",
    "ParameterAssignments": {"input_string": "sample_string3"},
    "DataPathAssignments": {"input_datapath": {"DataStoreName": "workspaceblobstore", "RelativePath": "input/data.csv"}},
    "RunSource": "SDK",
}


def _submit_url(gateway):
    return ("%s/pipelines/v1.0/subscriptions/%s/resourceGroups/%s/providers/Microsoft.MachineLearningServices/"
            "workspaces/%s/PipelineRuns/PipelineSubmit/%s" % (gateway.base_url, SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE,
                                                             DEMO_PIPELINE_ID))


@pytest.fixture(scope="module")
def ws(gateway):
    import azureml_sdk_client
    token = emulator_token(gateway.emulator_url)
    return azureml_sdk_client.workspace_for(
        gateway.emulator_url, SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, token_provider=lambda: token)


def test_logic_app_body_starts_a_run_the_sdk_can_follow(gateway, ws):
    from azureml.core import Experiment
    from azureml.pipeline.core import PipelineRun
    response = requests.post(_submit_url(gateway), json=LOGIC_APP_BODY, timeout=30)
    assert response.status_code == 200, response.text
    run_id = response.json()["Id"]
    run = PipelineRun(Experiment(ws, "MyRestPipeline"), run_id)
    assert run.get_status() in {"NotStarted", "Running", "Finished"}
    ledger = requests.get(gateway.base_url + "/v1/runs?source=azure_path", timeout=10).json()["items"]
    assert [entry["azure_run_id"] for entry in ledger] == [run_id]


def test_a_refused_body_comes_back_in_azures_error_shape(gateway):
    body = dict(LOGIC_APP_BODY, ParameterAssignments={"input_strng": "typo"})
    response = requests.post(_submit_url(gateway), json=body, timeout=30)
    assert response.status_code == 422, response.text
    error = response.json()["Error"]
    assert isinstance(error["Code"], str) and isinstance(error["Message"], str)
    assert [detail["Target"] for detail in error["Details"]] == ["/ParameterAssignments/input_strng"]
