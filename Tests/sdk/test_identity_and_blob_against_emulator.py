"""Microsoft's azure-identity and azure-storage-blob, unchanged, against the emulator's endpoints.

azure-identity gets tokens from the emulator's AAD endpoints (client secret; workload identity, i.e. a
federated client assertion read from a file), its App Service managed-identity endpoint and its IMDS
endpoint; each token is then used on a workspace call, which the emulator answers only for tokens it issued.
azure-storage-blob's ``ContainerClient`` lists (prefix, delimiter, paging) and uploads blobs of the
``workspaceblobstore`` datastore, whose blobs are the files under ``DIR/blobs/workspaceblobstore/``.

Knobs: azure-identity refuses ``http`` authorities and azure-storage-blob refuses a token credential on an
``http`` account URL (both shown below as strict xfails), so the AAD and Blob calls go through
``conftest.py``'s ``emulator_tls`` HTTPS relay with ``connection_verify=<its certificate>``. The managed-identity
endpoints are ``http`` in Azure too, and are called directly.
"""

import os
import uuid
from pathlib import Path

import pytest
import requests

from conftest import RESOURCE_GROUP, SUBSCRIPTION, TENANT, WORKSPACE

ARM_SCOPE = "https://management.azure.com/.default"
STORAGE_SCOPE = "https://storage.azure.com/.default"
ACCOUNT = "emulatedaccount"
CONTAINER = "workspaceblobstore"
PIPELINES_PATH = "/pipelines/v1.0/subscriptions/%s/resourceGroups/%s/providers/Microsoft.MachineLearningServices/" \
    "workspaces/%s/Pipelines" % (SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE)
# A JWT-shaped federated token (header.payload.signature), as Kubernetes projects into the pod.
FEDERATED_TOKEN = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDpzZGsifQ.c2lnbmF0dXJl"

# Environment variables azure-identity reads to pick or redirect a credential: none may leak in.
IDENTITY_VARIABLES = (
    "AZURE_AUTHORITY_HOST", "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_FEDERATED_TOKEN_FILE",
    "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "IMDS_ENDPOINT", "MSI_ENDPOINT", "MSI_SECRET",
    "AZURE_POD_IDENTITY_AUTHORITY_HOST", "AZURE_IDENTITY_DISABLE_MULTITENANTAUTH",
)


@pytest.fixture(autouse=True)
def clean_identity_environment(monkeypatch):
    for name in IDENTITY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def _accepted_on_the_workspace(emulator, access_token):
    """The status of ``GET {WS}/Pipelines`` with ``access_token``."""
    return requests.get(emulator.base_url + PIPELINES_PATH, headers={"Authorization": "Bearer " + access_token},
                        timeout=10).status_code


def _token_calls(emulator, method, path):
    return [call for call in emulator.calls("token") if call["method"] == method and call["path"].split("?")[0] == path]


def test_the_workspace_refuses_a_token_it_did_not_issue(emulator):
    # The control for every "accepted" assertion below.
    assert _accepted_on_the_workspace(emulator, FEDERATED_TOKEN) == 401


# --- azure-identity ----------------------------------------------------------------------------------

@pytest.mark.xfail(strict=True, raises=ValueError, reason=(
    "azure-identity refuses non-TLS authorities: azure.identity._internal.utils.normalize_authority raises "
    "ValueError(\"'http://127.0.0.1:N' is an invalid authority. The value must be a TLS protected (https) URL.\"), "
    "and no keyword turns that off"))
def test_client_secret_credential_with_an_http_authority(emulator):
    from azure.identity import ClientSecretCredential
    credential = ClientSecretCredential(TENANT, "sdk-client", "any-secret", authority=emulator.base_url)
    assert _accepted_on_the_workspace(emulator, credential.get_token(ARM_SCOPE).token) == 200


def test_client_secret_credential(emulator, emulator_tls):
    from azure.identity import ClientSecretCredential
    credential = ClientSecretCredential(TENANT, "sdk-client", "any-secret", authority=emulator_tls.base_url,
                                        connection_verify=emulator_tls.cert_path, disable_instance_discovery=True)
    token = credential.get_token(ARM_SCOPE)
    assert token.token.count(".") == 2, "JWT-shaped"
    assert token.expires_on > 0
    assert _accepted_on_the_workspace(emulator, token.token) == 200
    assert _token_calls(emulator, "POST", "/%s/oauth2/v2.0/token" % TENANT), "the token came from the emulator"


def test_workload_identity_credential(emulator, emulator_tls, tmp_path):
    from azure.identity import WorkloadIdentityCredential
    token_file = tmp_path / "azure-identity-token"
    token_file.write_text(FEDERATED_TOKEN)
    credential = WorkloadIdentityCredential(tenant_id=TENANT, client_id="sdk-workload", token_file_path=str(token_file),
                                            authority=emulator_tls.base_url, connection_verify=emulator_tls.cert_path)
    token = credential.get_token(ARM_SCOPE)
    assert _accepted_on_the_workspace(emulator, token.token) == 200
    assertion_calls = [call for call in _token_calls(emulator, "POST", "/%s/oauth2/v2.0/token" % TENANT)
                       if "client_assertion" in str(call["body"])]
    assert assertion_calls, "the credential sent the file's token as a client assertion"


def test_workload_identity_credential_with_a_token_file_that_is_not_a_jwt(emulator_tls, tmp_path):
    # The emulator checks the assertion's shape as AAD does: the error reaches the caller.
    from azure.core.exceptions import ClientAuthenticationError
    from azure.identity import WorkloadIdentityCredential
    token_file = tmp_path / "azure-identity-token"
    token_file.write_text("not-a-jwt")
    credential = WorkloadIdentityCredential(tenant_id=TENANT, client_id="sdk-workload", token_file_path=str(token_file),
                                            authority=emulator_tls.base_url, connection_verify=emulator_tls.cert_path)
    with pytest.raises(ClientAuthenticationError, match="AADSTS50027"):
        credential.get_token(ARM_SCOPE)


def test_managed_identity_credential_app_service(emulator, monkeypatch):
    from azure.identity import ManagedIdentityCredential
    monkeypatch.setenv("IDENTITY_ENDPOINT", emulator.base_url + "/msi/token")
    monkeypatch.setenv("IDENTITY_HEADER", "x")
    before = len(_token_calls(emulator, "GET", "/msi/token"))
    token = ManagedIdentityCredential().get_token(ARM_SCOPE)
    assert _accepted_on_the_workspace(emulator, token.token) == 200
    assert len(_token_calls(emulator, "GET", "/msi/token")) > before, "the token came from the emulator's /msi/token"


def test_managed_identity_credential_imds(emulator, monkeypatch):
    # azure-identity (and MSAL under it) send IMDS requests to AZURE_POD_IDENTITY_AUTHORITY_HOST when it is
    # set, instead of http://169.254.169.254 (azure/identity/_credentials/imds.py, msal/managed_identity.py).
    from azure.identity import ManagedIdentityCredential
    monkeypatch.setenv("AZURE_POD_IDENTITY_AUTHORITY_HOST", emulator.base_url)
    before = len(_token_calls(emulator, "GET", "/metadata/identity/oauth2/token"))
    token = ManagedIdentityCredential().get_token(ARM_SCOPE)
    assert _accepted_on_the_workspace(emulator, token.token) == 200
    assert len(_token_calls(emulator, "GET", "/metadata/identity/oauth2/token")) > before, \
        "the token came from the emulator's IMDS endpoint"


# --- azure-storage-blob ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def blob_folder(emulator):
    """``DIR/blobs/workspaceblobstore``, seeded with a few files the way a user copies them in."""
    folder = Path(emulator.data_dir) / "blobs" / CONTAINER
    for name, text in {"incoming/a.csv": "a\n1\n", "incoming/b.csv": "b\n2\n", "incoming/deep/c.csv": "c\n3\n",
                       "top.txt": "top\n"}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


@pytest.fixture(scope="module")
def container(emulator_tls, blob_folder):
    # ClientAssertionCredential (the credential under WorkloadIdentityCredential) posts straight to the token
    # endpoint; ClientSecretCredential goes through MSAL, which first needs the tenant's OpenID discovery
    # document (see test_client_secret_credential).
    from azure.identity import ClientAssertionCredential
    from azure.storage.blob import ContainerClient
    credential = ClientAssertionCredential(TENANT, "sdk-blob", lambda: FEDERATED_TOKEN, authority=emulator_tls.base_url,
                                           connection_verify=emulator_tls.cert_path)
    client = ContainerClient(account_url="%s/blob/%s" % (emulator_tls.base_url, ACCOUNT), container_name=CONTAINER,
                             credential=credential, connection_verify=emulator_tls.cert_path)
    yield client
    client.close()
    credential.close()


@pytest.mark.xfail(strict=True, raises=ValueError, reason=(
    "azure-storage-blob refuses a token credential on an http account URL: "
    "azure.storage.blob._shared.base_client raises ValueError('Token credential is only supported with HTTPS.') "
    "in the client's constructor, before azure-core's enforce_https option could apply"))
def test_container_client_with_a_token_over_http(emulator):
    from azure.identity import ManagedIdentityCredential
    from azure.storage.blob import ContainerClient
    client = ContainerClient(account_url="%s/blob/%s" % (emulator.base_url, ACCOUNT), container_name=CONTAINER,
                             credential=ManagedIdentityCredential())
    list(client.list_blobs())


def test_list_blobs_with_a_prefix(container, blob_folder):
    blobs = list(container.list_blobs(name_starts_with="incoming/"))
    assert sorted(blob.name for blob in blobs) == ["incoming/a.csv", "incoming/b.csv", "incoming/deep/c.csv"]
    sizes = {blob.name: blob.size for blob in blobs}
    assert sizes["incoming/a.csv"] == len("a\n1\n")
    assert all(blob.container == CONTAINER for blob in blobs)


def test_walk_blobs_with_a_delimiter(container, blob_folder):
    from azure.storage.blob import BlobPrefix
    top = list(container.walk_blobs(delimiter="/"))
    assert "top.txt" in [item.name for item in top if not isinstance(item, BlobPrefix)]
    assert "incoming/" in [item.name for item in top if isinstance(item, BlobPrefix)]
    # walk_blobs descends into each prefix with its own List Blobs call.
    incoming = next(item for item in top if isinstance(item, BlobPrefix) and item.name == "incoming/")
    children = list(incoming)
    assert sorted(item.name for item in children if not isinstance(item, BlobPrefix)) == ["incoming/a.csv", "incoming/b.csv"]
    assert [item.name for item in children if isinstance(item, BlobPrefix)] == ["incoming/deep/"]


def test_list_blobs_in_pages_follows_the_marker(container, blob_folder):
    pages = [[blob.name for blob in page]
             for page in container.list_blobs(name_starts_with="incoming/", results_per_page=1).by_page()]
    assert pages == [["incoming/a.csv"], ["incoming/b.csv"], ["incoming/deep/c.csv"]]


def test_upload_blob_lands_in_the_folder_and_the_listing(container, blob_folder):
    name = "uploads/%s/data.bin" % uuid.uuid4()
    payload = os.urandom(1000)
    blob = container.upload_blob(name, payload)
    assert blob.blob_name == name
    assert (blob_folder / name).read_bytes() == payload
    listed = {item.name: item.size for item in container.list_blobs(name_starts_with="uploads/")}
    assert listed.get(name) == len(payload)


def test_a_file_copied_into_the_folder_is_listed(container, blob_folder):
    name = "copied/%s.csv" % uuid.uuid4()
    (blob_folder / name).parent.mkdir(parents=True, exist_ok=True)
    (blob_folder / name).write_text("x\n")
    assert name in [blob.name for blob in container.list_blobs(name_starts_with="copied/")]


def test_the_emulator_refused_only_the_controls(emulator):
    # MSAL's OpenID discovery GET, which the emulator does not serve yet (test_client_secret_credential).
    refused = [line for line in emulator.refused_requests() if "/.well-known/openid-configuration" not in line]
    expected = ["GET %s -> 401" % PIPELINES_PATH, "POST /%s/oauth2/v2.0/token -> 400" % TENANT]
    assert sorted(refused) == sorted(expected), "requests the emulator refused:\n" + "\n".join(refused)
