/// HTTP/2's own bounds (DESIGN.md "TLS and HTTP/2"), next to the per-request limits it shares with
/// HTTP/1.1 (`HTTPParserLimits`: header section, field count, body, request line as `:path`).
enum HTTP2Limits {
    /// What SETTINGS_MAX_CONCURRENT_STREAMS tells the client, and what the session enforces itself:
    /// a stream beyond it is refused alone (RST_STREAM REFUSED_STREAM).
    static let maxConcurrentStreams = 100
    /// What nghttp2 itself is told. nghttp2 treats a stream beyond its *acknowledged* limit as a
    /// connection error (GOAWAY), not a refusal, so it gets head-room and the session refuses at
    /// `maxConcurrentStreams`; only a client far beyond the advertised limit loses the connection.
    static let nghttp2StreamCeiling: UInt32 = 128
    /// Flow-control windows: how much a client may send before the server has consumed it.
    static let streamWindow: Int32 = 1 << 20
    static let connectionWindow: Int32 = 4 << 20
    /// More client RST_STREAMs than this within `resetWindow` is a rapid-reset attack (CVE-2023-44487).
    static let maxResetsPerWindow = 100
    static let resetWindow: UInt64 = 1_000_000_000
}
