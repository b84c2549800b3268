import CNghttp2

/// HTTP/2 on one connection, driven by nghttp2's server session: input bytes go to
/// `nghttp2_session_mem_recv`, whose callbacks build one `HTTPRequest` per stream (see
/// `HTTP2Session+Streams.swift`) for the same responder HTTP/1.1 uses; frames nghttp2 wants to send
/// are pulled with `nghttp2_session_mem_send` into the connection's output. Everything runs on the
/// connection's event loop; `.later` replies come back through `loop.execute`, as in HTTP/1.1.
final class HTTP2Session: ConnectionSession, @unchecked Sendable {
    // Strong: the cycle with `Connection.session` is broken when the connection closes.
    let connection: Connection
    let context: ServerContext
    /// The nghttp2 handle; deleted with the session, so a closed connection leaks nothing.
    private var handle: OpaquePointer?
    var streams: [Int32: HTTP2Stream] = [:]
    /// The SETTINGS frame nghttp2 sends first still needs its advertised stream limit lowered.
    private var settingsPending = true
    /// Last time bytes arrived or a response went out; the idle deadline counts from here.
    private var lastActivity: UInt64
    /// Client RST_STREAMs seen in the current one-second window (rapid-reset defence).
    private var resetWindowStart: UInt64 = 0
    private var resetCount = 0
    /// Set inside callbacks, where the connection must not be closed under nghttp2's feet.
    var resetRequested = false
    private var goingAway = false

    init(connection: Connection, context: ServerContext) {
        self.connection = connection
        self.context = context
        lastActivity = MonotonicClock.now()
        guard let callbacks = HTTP2Callbacks.make() else { return }
        defer { nghttp2_session_callbacks_del(callbacks) }
        var created: OpaquePointer?
        guard nghttp2_session_server_new(&created, callbacks, Unmanaged.passUnretained(self).toOpaque()) == 0 else { return }
        handle = created
        let limits = context.configuration.limits
        var settings = [
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue), value: HTTP2Limits.nghttp2StreamCeiling),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue), value: UInt32(HTTP2Limits.streamWindow)),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue), value: UInt32(limits.maxHeaderSectionBytes)),
        ]
        nghttp2_submit_settings(created, UInt8(NGHTTP2_FLAG_NONE.rawValue), &settings, settings.count)
        nghttp2_session_set_local_window_size(created, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, HTTP2Limits.connectionWindow)
        // The server preface goes out at once: it must be the first thing on the wire.
        send()
    }

    deinit {
        nghttp2_session_del(handle)
    }

    var session: OpaquePointer? { handle }

    // MARK: - ConnectionSession

    func didRead(_ bytes: UnsafeRawBufferPointer) {
        guard let handle, let base = bytes.baseAddress else {
            connection.closeNow()
            return
        }
        lastActivity = MonotonicClock.now()
        let consumed = nghttp2_session_mem_recv(handle, base.assumingMemoryBound(to: UInt8.self), bytes.count)
        if resetRequested {
            connection.reset()
            return
        }
        // Negative only for what nghttp2 cannot answer with a GOAWAY (a bad preface, no memory).
        guard consumed >= 0 else {
            send()
            connection.closeAfterFlush = true
            if connection.pendingOutputBytes == 0 { connection.closeNow() }
            return
        }
        send()
    }

    func peerClosedInput() {
        connection.closeAfterFlush = true
        if connection.pendingOutputBytes == 0 && !streams.values.contains(where: \.awaitingHandler) { connection.closeNow() }
    }

    func didDrainOutput() {
        connection.setReading(true)
        send()
    }

    func tick(now: UInt64) {
        // Idle: no bytes in either direction for the idle timeout and no handler at work. This also
        // ends streams stalled by a client that never opens its flow-control window again.
        guard now &- lastActivity > context.idleTimeout, connection.pendingOutputBytes == 0,
            !streams.values.contains(where: \.awaitingHandler)
        else { return }
        goAway(NGHTTP2_NO_ERROR)
        connection.closeAfterFlush = true
        connection.flush()
        if connection.pendingOutputBytes == 0 { connection.closeNow() }
    }

    func beginShutdown() {
        goAway(NGHTTP2_NO_ERROR)
        connection.flush()
    }

    // MARK: - Frames out

    /// Sends GOAWAY with the last stream nghttp2 handed to the server: streams up to it finish,
    /// and nghttp2 refuses newer ones.
    func goAway(_ code: nghttp2_error_code) {
        guard let handle, !goingAway else { return }
        goingAway = true
        nghttp2_submit_goaway(handle, UInt8(NGHTTP2_FLAG_NONE.rawValue), nghttp2_session_get_last_proc_stream_id(handle), code.rawValue, nil, 0)
        send()
    }

    /// Moves what nghttp2 has ready into the connection's output, up to the high-water mark (the
    /// rest waits for `didDrainOutput`), and closes the connection once nghttp2 is done with it.
    func send() {
        guard let handle, !connection.isClosed else { return }
        while connection.pendingOutputBytes < Connection.outputHighWater {
            var data: UnsafePointer<UInt8>?
            let count = nghttp2_session_mem_send(handle, &data)
            if count < 0 {
                connection.closeNow()
                return
            }
            guard count > 0, let data else { break }
            connection.withOutput { output in
                let start = output.count
                output.append(contentsOf: UnsafeBufferPointer(start: data, count: count))
                if settingsPending {
                    settingsPending = false
                    Self.advertiseStreamLimit(in: &output, frameAt: start)
                }
            }
        }
        if resetRequested {
            connection.reset()
            return
        }
        if connection.pendingOutputBytes >= Connection.outputHighWater { connection.setReading(false) }
        if nghttp2_session_want_read(handle) == 0 && nghttp2_session_want_write(handle) == 0 {
            connection.closeAfterFlush = true
            connection.setReading(false)
        }
    }

    /// Rewrites SETTINGS_MAX_CONCURRENT_STREAMS in the server's first SETTINGS frame from nghttp2's
    /// ceiling to the limit clients are meant to see (`HTTP2Limits`). Only the value changes, so
    /// the frame stays well-formed and the client's ACK matches what nghttp2 expects.
    static func advertiseStreamLimit(in output: inout [UInt8], frameAt start: Int) {
        guard output.count >= start + 9, output[start + 3] == UInt8(NGHTTP2_SETTINGS.rawValue) else { return }
        let length = Int(output[start]) << 16 | Int(output[start + 1]) << 8 | Int(output[start + 2])
        guard length % 6 == 0, output.count >= start + 9 + length else { return }
        var entry = start + 9
        while entry < start + 9 + length {
            let id = Int(output[entry]) << 8 | Int(output[entry + 1])
            if id == Int(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue) {
                let value = UInt32(HTTP2Limits.maxConcurrentStreams)
                for i in 0..<4 { output[entry + 2 + i] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(i))) }
            }
            entry += 6
        }
    }

    // MARK: - Rapid reset

    /// Counts a client RST_STREAM; past the bound within a second, the connection ends with
    /// GOAWAY ENHANCE_YOUR_CALM (nghttp2 1.52 has no reset rate limit of its own).
    func clientResetStream() {
        let now = MonotonicClock.now()
        if now &- resetWindowStart > HTTP2Limits.resetWindow {
            resetWindowStart = now
            resetCount = 0
        }
        resetCount += 1
        if resetCount > HTTP2Limits.maxResetsPerWindow, let handle {
            nghttp2_session_terminate_session(handle, NGHTTP2_ENHANCE_YOUR_CALM.rawValue)
        }
    }

    func touch() { lastActivity = MonotonicClock.now() }
}
