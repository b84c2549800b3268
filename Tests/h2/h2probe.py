"""Frame-level HTTP/2 probes for the server tests (HTTP2ServerTests), for what curl cannot express:
more streams than the server allows, oversized header lists, bodies over the limit, rapid reset,
garbage after the preface, GOAWAY during shutdown. Cleartext, prior knowledge. Prints one JSON
object with what the server sent: statuses per stream, streams reset and their codes, GOAWAY.

Usage: h2probe.py SCENARIO PORT [ARG...]   (scenarios: see SCENARIOS at the bottom)
Needs the `h2` package (scripts/python-h2.sh puts it in the repository's .venv).
"""
import json
import socket
import struct
import sys

import h2.config
import h2.connection
import h2.events
import h2.settings
from hyperframe.frame import DataFrame, Frame, HeadersFrame


class Probe:
    def __init__(self, port, settings=None):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
        # The probes break the server's limits on purpose; the client must not stop them first.
        initial = {h2.settings.SettingCodes.MAX_HEADER_LIST_SIZE: 1 << 20}
        initial.update(settings or {})
        self.conn.local_settings = h2.settings.Settings(client=True, initial_values=initial)
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


def frame(kind, flags, stream, payload=b""):
    """One raw frame, for what the h2 package refuses to send."""
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


def raw_until_closed(p, limit):
    """Reads raw frames until the server closes (or `limit` seconds pass): after a flood the h2 state
    machine is out of step with the wire, so GOAWAY and RST_STREAM are read from the frames themselves."""
    p.sock.settimeout(limit)
    pending = b""
    while True:
        try:
            data = p.sock.recv(65536)
        except socket.timeout:
            break
        except ConnectionResetError:
            p.result["closed"] = True
            break
        if not data:
            p.result["closed"] = True
            break
        pending += data
        while len(pending) >= 9:
            length = int.from_bytes(pending[:3], "big")
            if len(pending) < 9 + length:
                break
            kind, stream, body = pending[3], int.from_bytes(pending[5:9], "big") & 0x7FFFFFFF, pending[9:9 + length]
            pending = pending[9 + length:]
            if kind == 7 and len(body) >= 8:
                p.result["goaway"] = {"code": int.from_bytes(body[4:8], "big"), "last": int.from_bytes(body[:4], "big") & 0x7FFFFFFF}
            elif kind == 3 and len(body) >= 4:
                p.result["reset"][stream] = int.from_bytes(body[:4], "big")
    return p.result


def send_unread(p, data):
    """Sends a flood without reading any answer; stops quietly once the server has closed."""
    try:
        p.sock.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        p.result["closed"] = True


def window_stall(port):
    """Opens no flow-control window (SETTINGS_INITIAL_WINDOW_SIZE 0) and asks for a 64 KiB body that
    can then never be sent; the idle timeout must still end the connection."""
    p = Probe(port, settings={h2.settings.SettingCodes.INITIAL_WINDOW_SIZE: 0})
    sid = p.request("/big")
    p.flush()
    p.pump(lambda r: r["closed"], limit=8.0)
    return p.result


def settings_flood(port):
    """20 000 SETTINGS frames, each wanting an ACK, written without reading a byte of the answers."""
    p = Probe(port)
    send_unread(p, frame(4, 0, 0) * 20000)
    return raw_until_closed(p, 8.0)


def ping_flood(port):
    """20 000 PINGs, each wanting an ACK, written without reading a byte of the answers."""
    p = Probe(port)
    send_unread(p, frame(6, 0, 0, b"12345678") * 20000)
    return raw_until_closed(p, 8.0)


def continuation_flood(port):
    """A HEADERS frame without END_HEADERS, then endless empty CONTINUATION frames (CVE-2024-27316 /
    CVE-2024-28182): the server must end it, not keep buffering or spinning."""
    p = Probe(port)
    block = p.conn.encoder.encode([(":method", "GET"), (":path", "/hello"), (":scheme", "http"), (":authority", "127.0.0.1")])
    send_unread(p, frame(1, 0x1, 1, block) + frame(9, 0, 1) * 20000)
    return raw_until_closed(p, 8.0)


def hpack_bomb(port):
    """A 4 000-byte field put in the HPACK dynamic table once, then referenced 3 000 times by its
    1-byte index: ~12 MB of header list from a 7 KB frame. Then an ordinary request on the connection."""
    p = Probe(port)
    sid = p.request("/hello")
    headers_frame = p.conn.data_to_send()  # h2's HEADERS for the stream, END_HEADERS | END_STREAM
    block = headers_frame[9:9 + int.from_bytes(headers_frame[:3], "big")]
    value = b"a" * 4000
    # Literal with incremental indexing, new name (0x40); lengths as HPACK integers, no Huffman.
    insert = b"\x40" + b"\x06x-bomb" + b"\x7f" + hpack_int(len(value) - 127) + value
    # The newest dynamic entry has index 62 (0x80 | 62: an indexed field, one byte).
    p.sock.sendall(frame(1, 0x5, sid, block + insert + bytes([0x80 | 62]) * 3000))
    p.pump(lambda r: sid in r["status"] or sid in r["reset"] or r["goaway"] is not None)
    if p.result["goaway"] is None and not p.result["closed"]:
        # Keep h2's encoder in step with the server's decoder, which now holds the bomb's entry.
        p.conn.encoder.header_table.add(b"x-bomb", value)
        ok = p.request("/hello")
        p.flush()
        p.pump(lambda r: ok in r["status"])
    return p.result


def hpack_int(value):
    """The continuation bytes of an HPACK integer whose prefix was all ones (RFC 7541 §5.1)."""
    out = b""
    while value >= 128:
        out += bytes([(value % 128) + 128])
        value //= 128
    return out + bytes([value])


def finish_after_goaway(port, ready_file):
    """Opens stream 1 (GET /healthz, END_STREAM not yet sent), creates READY_FILE so the test can
    signal the server, waits for the server's GOAWAY, then ends the request: a stream the GOAWAY
    kept (last stream id 1) must still be answered before the connection closes."""
    p = Probe(port)
    sid = p.request("/healthz", end=False)
    p.flush()
    open(ready_file, "w").close()
    p.pump(lambda r: r["goaway"] is not None, limit=15.0)
    if p.result["goaway"] is not None and not p.result["closed"]:
        p.sock.sendall(frame(0, 0x1, sid))  # an empty DATA with END_STREAM
        p.pump(lambda r: sid in r["bodies"] or r["closed"], limit=15.0)
        p.pump(lambda r: r["closed"], limit=15.0)
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
    "window-stall": window_stall,
    "settings-flood": settings_flood,
    "ping-flood": ping_flood,
    "continuation-flood": continuation_flood,
    "hpack-bomb": hpack_bomb,
    "finish-after-goaway": finish_after_goaway,
}

if __name__ == "__main__":
    print(json.dumps(SCENARIOS[sys.argv[1]](int(sys.argv[2]), *sys.argv[3:])))
