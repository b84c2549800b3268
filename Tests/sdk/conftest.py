"""Shared fixtures of the SDK tests: the ``pipeline-gateway emulator`` process, and an HTTPS front for it.

The emulator is started as ``BINARY emulator --listen 127.0.0.1:0 --run-seconds 2 --data DIR`` (binary from
``PIPELINE_GATEWAY_BINARY``, default ``<repo>/.build/debug/pipeline-gateway``), once per test module.

``emulator_tls`` is a TLS-terminating byte relay in front of it (a self-signed certificate for 127.0.0.1,
made with ``cryptography``): azure-identity accepts only ``https`` authorities and azure-storage-blob and
azure-core send bearer tokens only over ``https``, so Microsoft's clients reach the emulator through it,
unchanged, with ``connection_verify=<the certificate>``. The relay does not look at the HTTP it carries.

``gateway`` is ``pipeline-gateway serve`` with zero configuration (its built-in emulator, data in a temp
``GATEWAY_DATA_DIR``); ``gateway_fast_clock`` is the same with ``GATEWAY_TESTING=1 GATEWAY_CLOCK_SCALE=60``
(a one-minute polling interval is a second), and ``gateway_emulator_tls`` the HTTPS relay in front of its
built-in emulator.
"""

import atexit
import datetime
import ipaddress
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("PIPELINE_GATEWAY_BINARY", str(REPO / ".build" / "debug" / "pipeline-gateway"))
SHARED_DIR = Path(os.environ.get("SHARED_DIR", str(REPO.parent / "shared")))
sys.path.insert(0, str(SHARED_DIR / "tools"))

SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
RESOURCE_GROUP = "emulated-rg"
WORKSPACE = "emulated-ws"
TENANT = "00000000-0000-0000-0000-0000000000aa"
RUN_SECONDS = 2
STARTUP_TIMEOUT = 30

# The SDK reads these and silently talks to somewhere else (azureml-sdk-observed.md §0): never inherit them.
for _name in list(os.environ):
    if _name in ("AZUREML_SERVICE_ENDPOINT", "AZUREML_EXPERIMENTATION_HOST", "AZUREML_DISCOVERY_SERVICE_ENDPOINT") \
            or _name.startswith("AZUREML_DEV_URL_"):
        del os.environ[_name]

# The SDK caches discovery answers under ~/.azureml, a path it computes when it is imported: point HOME
# at a throw-away directory before any azureml import, so no cache is read from or left in the real one.
if not os.environ.get("SDK_TEST_KEEP_HOME"):
    _HOME = tempfile.mkdtemp(prefix="sdk-test-home-")
    os.environ["HOME"] = _HOME
    atexit.register(shutil.rmtree, _HOME, True)


class Emulator:
    """A running ``pipeline-gateway emulator`` process and how to reach it."""

    def __init__(self, process, base_url, log_path, data_dir=None):
        self.process = process
        self.base_url = base_url
        self.log_path = log_path
        self.data_dir = data_dir

    @property
    def port(self):
        return int(self.base_url.rsplit(":", 1)[1])

    def log_tail(self, lines=40):
        try:
            return "".join(Path(self.log_path).read_text(errors="replace").splitlines(True)[-lines:])
        except OSError:
            return "(no log)"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def calls(self, operation=None):
        response = requests.get(self.base_url + "/emulator/calls", params={"operation": operation} if operation else None,
                                timeout=10)
        response.raise_for_status()
        return response.json()["items"]

    def refused_requests(self):
        """``METHOD path -> status`` of every access-log line with a status of 400 or more."""
        refused = []
        for line in Path(self.log_path).read_text(errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("msg") == "request" and isinstance(entry.get("status"), int) and entry["status"] >= 400:
                refused.append("%s %s -> %s" % (entry.get("method"), entry.get("path"), entry["status"]))
        return refused


def _port_from_log(log_path):
    """The port of the ``"msg":"listening"`` line (or, failing that, of any line with an ``address``)."""
    listening = fallback = None
    for line in Path(log_path).read_text(errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        address = entry.get("address") if isinstance(entry, dict) else None
        if not isinstance(address, str) or ":" not in address:
            continue
        port = int(address.rsplit(":", 1)[1])
        if entry.get("msg") == "listening":
            listening = port
        elif fallback is None:
            fallback = port
    return listening if listening is not None else fallback


@pytest.fixture(scope="module")
def emulator(tmp_path_factory):
    if not os.access(BINARY, os.X_OK):
        pytest.fail("not an executable: %s (build it first, or set PIPELINE_GATEWAY_BINARY)" % BINARY)
    work = tmp_path_factory.mktemp("emulator")
    log_path = work / "emulator.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [BINARY, "emulator", "--listen", "127.0.0.1:0", "--run-seconds", str(RUN_SECONDS), "--data", str(work / "data")],
            cwd=str(work), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
    instance = Emulator(process, None, log_path, work / "data")
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        port = None
        while port is None:
            port = _port_from_log(log_path)
            if port is not None:
                break
            if process.poll() is not None:
                pytest.fail("the emulator exited with status %s before logging its address:\n%s"
                            % (process.returncode, instance.log_tail()))
            if time.monotonic() > deadline:
                pytest.fail("no listening address on the emulator's stderr within %ss:\n%s"
                            % (STARTUP_TIMEOUT, instance.log_tail()))
            time.sleep(0.1)
        instance.base_url = "http://127.0.0.1:%d" % port
        while True:
            try:
                if requests.get(instance.base_url + "/discovery", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the emulator at %s did not answer within %ss" % (instance.base_url, STARTUP_TIMEOUT))
            time.sleep(0.1)
        yield instance
    finally:
        instance.stop()


# --- an HTTPS front for the emulator ------------------------------------------------------------------

def _self_signed_certificate(directory):
    """``(cert.pem, key.pem)`` for CN/SAN 127.0.0.1 and localhost, valid for a day."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                    x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256()))
    cert_path, key_path = Path(directory) / "cert.pem", Path(directory) / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


class TlsRelay:
    """Accepts TLS on 127.0.0.1:<port> and relays the decrypted bytes to the emulator's plain port."""

    def __init__(self, upstream_port, cert_path, key_path):
        self.upstream_port = upstream_port
        self.cert_path = cert_path
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert_path, key_path)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.base_url = "https://127.0.0.1:%d" % self.port
        self.connections = 0
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        try:
            client.settimeout(30)
            secure = self.context.wrap_socket(client, server_side=True)
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
        except OSError:
            client.close()
            return
        self.connections += 1
        threading.Thread(target=self._pump, args=(upstream, secure), daemon=True).start()
        self._pump(secure, upstream)

    @staticmethod
    def _pump(source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.close()
                except OSError:
                    pass

    def close(self):
        self._closed = True
        self.listener.close()


@pytest.fixture(scope="module")
def emulator_tls(emulator, tmp_path_factory):
    """The emulator behind ``https://127.0.0.1:<port>``; ``.cert_path`` is the CA bundle to verify it with."""
    yield from _tls_relay(emulator.port, tmp_path_factory.mktemp("tls"))


def _tls_relay(port, directory):
    """A ``TlsRelay`` to the emulator on ``port`` with a fresh certificate, checked to answer, closed after."""
    cert_path, key_path = _self_signed_certificate(directory)
    relay = TlsRelay(port, cert_path, key_path)
    try:
        response = requests.get(relay.base_url + "/discovery", verify=cert_path, timeout=10)
        assert response.status_code == 200, response.text
        yield relay
    finally:
        relay.close()


# --- the gateway itself (serve, with its built-in emulator) -------------------------------------------

class Gateway:
    def __init__(self, process, log_path, data_dir=None):
        self.process = process
        self.log_path = log_path
        self.data_dir = data_dir
        self.base_url = None
        self.emulator_url = None

    @property
    def emulator_port(self):
        return int(self.emulator_url.rsplit(":", 1)[1])

    def emulator_calls(self, operation=None):
        """``GET /emulator/calls`` of the built-in emulator (``operation`` filters, e.g. ``submit``)."""
        response = requests.get(self.emulator_url + "/emulator/calls", params={"operation": operation} if operation else None,
                                timeout=10)
        response.raise_for_status()
        return response.json()["items"]

    def log_tail(self, lines=40):
        return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _gateway_addresses(log_path):
    """(gateway port, emulator URL) from ``serve``'s log, either None until logged."""
    port = emulator_url = None
    for line in Path(log_path).read_text(errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if not isinstance(entry, dict):
            continue
        if isinstance(entry.get("emulator_url"), str):
            emulator_url = entry["emulator_url"]
        if entry.get("msg") == "listening" and entry.get("component") is None and isinstance(entry.get("address"), str):
            port = int(entry["address"].rsplit(":", 1)[1])
    return port, emulator_url


def _start_gateway(tmp_path_factory, extra_environment=None):
    """Starts ``serve`` with zero configuration (plus ``extra_environment``); yields the running ``Gateway``."""
    if not os.access(BINARY, os.X_OK):
        pytest.fail("not an executable: %s (build it first, or set PIPELINE_GATEWAY_BINARY)" % BINARY)
    work = tmp_path_factory.mktemp("gateway")
    log_path = work / "gateway.log"
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("GATEWAY_", "AZUREML_", "AZURE_"))}
    environment["GATEWAY_DATA_DIR"] = str(work / "data")
    environment.update(extra_environment or {})
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [BINARY, "serve", "--listen", "127.0.0.1:0"], cwd=str(work), env=environment,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
    instance = Gateway(process, log_path, work / "data")
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            port, emulator_url = _gateway_addresses(log_path)
            if port is not None and emulator_url is not None:
                break
            if process.poll() is not None:
                pytest.fail("the gateway exited with status %s before listening:\n%s" % (process.returncode, instance.log_tail()))
            if time.monotonic() > deadline:
                pytest.fail("the gateway did not log its address within %ss:\n%s" % (STARTUP_TIMEOUT, instance.log_tail()))
            time.sleep(0.1)
        instance.base_url = "http://127.0.0.1:%d" % port
        instance.emulator_url = emulator_url
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="module")
def gateway(tmp_path_factory):
    """``pipeline-gateway serve`` on a free loopback port with zero configuration (its own emulator)."""
    yield from _start_gateway(tmp_path_factory)


# The scheduler's clock 60x fast (test-only, DESIGN "Scheduler guarantees"): a one-minute polling interval
# of a change-based schedule is one real second.
FAST_CLOCK_ENVIRONMENT = {"GATEWAY_TESTING": "1", "GATEWAY_CLOCK_SCALE": "60"}


@pytest.fixture(scope="module")
def gateway_fast_clock(tmp_path_factory):
    """Like ``gateway``, with the scheduler's clock 60x fast: schedules polling every minute poll every second."""
    yield from _start_gateway(tmp_path_factory, FAST_CLOCK_ENVIRONMENT)


@pytest.fixture(scope="module")
def gateway_emulator_tls(gateway_fast_clock, tmp_path_factory):
    """``gateway_fast_clock``'s built-in emulator behind ``https://127.0.0.1:<port>`` (see ``emulator_tls``)."""
    yield from _tls_relay(gateway_fast_clock.emulator_port, tmp_path_factory.mktemp("gateway-tls"))


def emulator_token(base_url):
    """A token the emulator at ``base_url`` issued (client credentials; any client id and secret)."""
    response = requests.post(
        "%s/%s/oauth2/v2.0/token" % (base_url, TENANT),
        data={"grant_type": "client_credentials", "client_id": "sdk-test", "client_secret": "any-secret",
              "scope": "https://management.azure.com/.default"},
        timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def sdk_workspace(base_url):
    """The SDK's ``Workspace`` for the emulated workspace of the emulator at ``base_url``, authenticated with a
    token that emulator issued (``shared/tools/azureml_sdk_client.py``'s ``workspace_for``)."""
    import azureml_sdk_client
    token = emulator_token(base_url)
    return azureml_sdk_client.workspace_for(
        base_url, SUBSCRIPTION, RESOURCE_GROUP, WORKSPACE, token_provider=lambda: token)
