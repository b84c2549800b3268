"""Writes the HTTP/2 fuzzer's seed inputs (Fuzz/seeds-h2/): frame sequences sent after the
connection preface, each a shape the server must handle — requests, uploads, flow control, resets,
limits. Run with the repository's .venv python (it needs `h2`'s HPACK encoder): .venv/bin/python
Fuzz/make-h2-seeds.py. The seeds are committed; rerun only to change them."""
import os
import struct

from hpack import Encoder

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds-h2")


def frame(kind, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


SETTINGS, HEADERS, DATA, RST, PING, GOAWAY, WINDOW, CONTINUATION, PRIORITY = 4, 1, 0, 3, 6, 7, 8, 9, 2
END_STREAM, END_HEADERS, ACK = 0x1, 0x4, 0x1


def block(enc, method, path, extra=()):
    return enc.encode([(":method", method), (":path", path), (":scheme", "http"), (":authority", "fuzz")] + list(extra))


def seeds():
    enc = Encoder()
    yield "get", frame(SETTINGS, 0, 0) + frame(HEADERS, END_STREAM | END_HEADERS, 1, block(enc, "GET", "/hello"))
    enc = Encoder()
    yield "post-echo", frame(SETTINGS, 0, 0) + frame(HEADERS, END_HEADERS, 1, block(enc, "POST", "/echo", [("content-length", "6")])) + frame(DATA, 0, 1, b"abc") + frame(DATA, END_STREAM, 1, b"def")
    enc = Encoder()
    yield "multiplexed", frame(SETTINGS, 0, 0) + b"".join(
        frame(HEADERS, END_STREAM | END_HEADERS, sid, block(enc, "GET", "/items/%d" % sid)) for sid in (1, 3, 5, 7))
    enc = Encoder()
    # Window 0, a large body asked for, then the window opened in two steps.
    yield "flow-control", frame(SETTINGS, 0, 0, struct.pack(">HI", 4, 0)) + frame(HEADERS, END_STREAM | END_HEADERS, 1, block(enc, "GET", "/big")) + frame(WINDOW, 0, 1, struct.pack(">I", 30000)) + frame(WINDOW, 0, 0, struct.pack(">I", 200000)) + frame(WINDOW, 0, 1, struct.pack(">I", 90000))
    enc = Encoder()
    yield "reset", frame(SETTINGS, 0, 0) + frame(HEADERS, END_HEADERS, 1, block(enc, "POST", "/echo")) + frame(RST, 0, 1, struct.pack(">I", 8)) + frame(HEADERS, END_STREAM | END_HEADERS, 3, block(enc, "GET", "/hello"))
    enc = Encoder()
    yield "continuation", frame(SETTINGS, 0, 0) + frame(HEADERS, END_STREAM, 1, block(enc, "GET", "/hello", [("x-a", "1")])) + frame(CONTINUATION, 0, 1, enc.encode([("x-b", "2")])) + frame(CONTINUATION, END_HEADERS, 1, enc.encode([("x-c", "3")]))
    yield "ping-settings", frame(SETTINGS, 0, 0, struct.pack(">HI", 1, 8192) + struct.pack(">HI", 3, 10)) + frame(PING, 0, 0, b"01234567") + frame(SETTINGS, ACK, 0) + frame(PRIORITY, 0, 3, struct.pack(">IB", 1, 15))
    enc = Encoder()
    yield "limits", frame(SETTINGS, 0, 0) + frame(HEADERS, END_STREAM | END_HEADERS, 1, block(enc, "GET", "/hello?" + "q" * 300, [("x-big", "v" * 1200)]))
    enc = Encoder()
    yield "goaway", frame(SETTINGS, 0, 0) + frame(HEADERS, END_STREAM | END_HEADERS, 1, block(enc, "GET", "/hello")) + frame(GOAWAY, 0, 0, struct.pack(">II", 1, 0))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, data in seeds():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print("wrote", len(list(seeds())), "seeds to", OUT)
