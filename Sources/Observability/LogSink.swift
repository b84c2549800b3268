/// Where finished log lines go.
///
/// Sinks receive fully encoded lines so that formatting happens once, on the logging thread, and a
/// sink only has to decide *where* the bytes end up (a file descriptor, memory for tests, ...).
/// Sinks are shared by every copy of a `Logger` across threads, hence `Sendable`.
public protocol LogSink: Sendable {
    /// Accepts one complete JSON object, without the trailing newline; the sink adds line framing.
    ///
    /// Called on the hot path: implementations should buffer rather than perform I/O per line.
    func write(_ line: String)

    /// The same line as UTF-8 bytes, so hot-path loggers skip building a `String`.
    func write(utf8 line: [UInt8])

    /// Pushes any buffered lines to their destination before returning, e.g. before process exit.
    func flush()
}

extension LogSink {
    /// Sinks that only handle text get the bytes decoded.
    public func write(utf8 line: [UInt8]) {
        write(String(decoding: line, as: UTF8.self))
    }
}
