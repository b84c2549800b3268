"""Frame-level HTTP/2 probes for the server tests (HTTP2ServerTests), for what curl cannot express:
more streams than the server allows, oversized header lists, bodies over the limit, rapid reset,
garbage after the preface, GOAWAY during shutdown. Cleartext, prior knowledge. Prints one JSON
object with what the server sent: statuses per stream, streams reset and their codes, GOAWAY.

Usage: h2probe.py SCENARIO PORT   (scenarios: see SCENARIOS at the bottom)
Needs the `h2` package (scripts/python-h2.sh puts it in the repository's .venv).
"""
import json
import socket
import sys

import h2.config
import h2.connection
import h2.events
import h2.settings
from hyperframe.frame import DataFrame, Frame, HeadersFrame


class Probe:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
        # The probes break the server's limits on purpose; the client must not stop them first.
        self.conn.local_settings = h2.settings.Settings(client=True, initial_values={h2.settings.SettingCodes.MAX_HEADER_LIST_SIZE: 1 << 20})
        self.conn.initiate_connection()
        self.flush()
        self.result = {"status": {}, "bodies": {}, "reset": {}, "goaway": None, "settings": {}, "closed": False}

    def flush(self):
        data = self.conn.data_to_send()
        if data:
            self.sock.sendall(data)

    def request(self, path, method="GET", extra=(), end=True):
        sid = self.conn.get_next_available_stream_id()
        headers = [(":method", method), (":path", path), (":scheme", "http"), (":authority", "127.0.0.1")] + list(extra)
        self.conn.send_headers(sid, headers, end_stream=end)
        return sid

    def pump(self, until, limit=10.0):
        """Reads events until `until(result)` holds, the server closes, or `limit` seconds pass."""
        self.sock.settimeout(limit)
        while not until(self.result):
            try:
                data = self.sock.recv(65536)
            except (socket.timeout, ConnectionResetError):
                self.result["closed"] = True
                return
            if not data:
                self.result["closed"] = True
                return
            if self.result["goaway"] is not None:
                self.after_goaway(data)
                continue
            for event in self.conn.receive_data(data):
                self.on(event)
            self.flush()

    def after_goaway(self, data):
        """h2 closes its state machine on any GOAWAY, but a graceful one lets streams up to the last
        id finish: read their HEADERS and DATA frames directly."""
        self.pending = getattr(self, "pending", b"") + data
        while len(self.pending) >= 9:
            frame, length = Frame.parse_frame_header(memoryview(self.pending[:9]))
            if len(self.pending) < 9 + length:
                return
            frame.parse_body(memoryview(self.pending[9:9 + length]))
            self.pending = self.pending[9 + length:]
            if isinstance(frame, HeadersFrame):
                headers = dict(self.conn.decoder.decode(frame.data))
                status = headers.get(b":status") or headers.get(":status")
                self.result["status"][frame.stream_id] = int(status)
            elif isinstance(frame, DataFrame):
                self.result["bodies"][frame.stream_id] = self.result["bodies"].get(frame.stream_id, 0) + len(frame.data)

    def on(self, event):
        r = self.result
        if isinstance(event, h2.events.ResponseReceived):
            r["status"][event.stream_id] = int(dict(event.headers)[":status"])
        elif isinstance(event, h2.events.DataReceived):
            r["bodies"][event.stream_id] = r["bodies"].get(event.stream_id, 0) + len(event.data)
            self.conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
        elif isinstance(event, h2.events.StreamReset):
            r["reset"][event.stream_id] = int(event.error_code)
        elif isinstance(event, h2.events.ConnectionTerminated):
            r["goaway"] = {"code": int(event.error_code), "last": event.last_stream_id}
        elif isinstance(event, h2.events.RemoteSettingsChanged):
            for code, change in event.changed_settings.items():
                r["settings"][int(code)] = change.new_value


def too_many_streams(port):
    """101 slow requests at once, sent before the server's SETTINGS is even read."""
    p = Probe(port)
    ids = [p.request("/slow?ms=400") for _ in range(101)]
    p.flush()
    p.pump(lambda r: len(r["status"]) + len(r["reset"]) >= 101 and len(r["bodies"]) >= len(r["status"]))
    return p.result


def header_list(port):
    """One request with ~20 KiB of header fields, then an ordinary one on the same connection."""
    p = Probe(port)
    big = p.request("/hello", extra=[("x-filler-%d" % i, "v" * 500) for i in range(40)])
    p.flush()
    p.pump(lambda r: big in r["status"] or big in r["reset"])
    ok = p.request("/hello")
    p.flush()
    p.pump(lambda r: ok in r["status"])
    return p.result


def long_path(port):
    """A `:path` over 8 KiB, then an ordinary request on the same connection."""
    p = Probe(port)
    long = p.request("/hello?q=" + "a" * 9000)
    p.flush()
    p.pump(lambda r: long in r["status"] or long in r["reset"])
    ok = p.request("/hello")
    p.flush()
    p.pump(lambda r: ok in r["status"])
    return p.result


def idle(port):
    """One request, then silence until the server ends the connection."""
    p = Probe(port)
    sid = p.request("/hello")
    p.flush()
    p.pump(lambda r: r["closed"], limit=5.0)
    return p.result


def body_too_large(port):
    """A POST whose body (no content-length) grows past the server's limit, then one within it."""
    p = Probe(port)
    p.pump(lambda r: r["settings"])  # the server's 1 MiB stream window, not the default 64 KiB
    sid = p.request("/echo", method="POST", end=False)
    for _ in range(8):  # 128 000 bytes in frames of the default maximum size
        p.conn.send_data(sid, b"x" * 16000)
    p.flush()
    p.pump(lambda r: sid in r["status"])
    small = p.request("/echo", method="POST", end=False)
    p.conn.send_data(small, b"z" * 1000, end_stream=True)
    p.flush()
    p.pump(lambda r: small in r["bodies"] and r["bodies"][small] >= 1000)
    return p.result


def rapid_reset(port):
    """Opens and cancels 150 streams in one burst: the CVE-2023-44487 pattern."""
    p = Probe(port)
    for _ in range(150):
        sid = p.request("/slow?ms=1000")
        p.conn.reset_stream(sid)
    p.flush()
    p.pump(lambda r: r["goaway"] is not None)
    return p.result


def garbage(port):
    """The preface, then bytes that are no valid frame."""
    p = Probe(port)
    p.sock.sendall(b"\x00\x00\x04\x63\xff\x00\x00\x00\x00garbage!garbage!" * 4)
    p.pump(lambda r: False, limit=3.0)
    return p.result


def in_flight(port):
    """A slow request; the test shuts the server down meanwhile and expects GOAWAY, then the answer."""
    p = Probe(port)
    sid = p.request("/slow?ms=800")
    p.flush()
    p.pump(lambda r: sid in r["bodies"] and r["goaway"] is not None or r["closed"])
    return p.result


SCENARIOS = {
    "too-many-streams": too_many_streams,
    "header-list": header_list,
    "long-path": long_path,
    "idle": idle,
    "body-too-large": body_too_large,
    "rapid-reset": rapid_reset,
    "garbage": garbage,
    "in-flight": in_flight,
}

if __name__ == "__main__":
    print(json.dumps(SCENARIOS[sys.argv[1]](int(sys.argv[2]))))
