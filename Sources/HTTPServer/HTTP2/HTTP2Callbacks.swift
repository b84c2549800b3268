import CNghttp2

/// The C callbacks nghttp2 calls while `nghttp2_session_mem_recv`/`mem_send` run. They cannot
/// capture anything, so `user_data` carries the session (unretained: the session owns the
/// nghttp2 handle, so it outlives every call) and each one forwards to a Swift method.
enum HTTP2Callbacks {
    static func session(_ userData: UnsafeMutableRawPointer?) -> HTTP2Session? {
        guard let userData else { return nil }
        return Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
    }

    /// A fresh callbacks table; the caller frees it after `nghttp2_session_server_new`.
    static func make() -> OpaquePointer? {
        var callbacks: OpaquePointer?
        guard nghttp2_session_callbacks_new(&callbacks) == 0, let callbacks else { return nil }
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { _, frame, userData in
            guard let frame, let session = HTTP2Callbacks.session(userData) else { return 0 }
            return session.beginHeaders(frame)
        }
        nghttp2_session_callbacks_set_on_header_callback(callbacks) { _, frame, name, nameLength, value, valueLength, _, userData in
            guard let frame, let name, let value, let session = HTTP2Callbacks.session(userData) else { return 0 }
            return session.header(
                frame, name: UnsafeBufferPointer(start: name, count: nameLength), value: UnsafeBufferPointer(start: value, count: valueLength))
        }
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, userData in
            guard let frame, let session = HTTP2Callbacks.session(userData) else { return 0 }
            return session.frameReceived(frame)
        }
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) { _, _, streamID, data, length, userData in
            guard let data, let session = HTTP2Callbacks.session(userData) else { return 0 }
            return session.dataChunk(streamID: streamID, UnsafeBufferPointer(start: data, count: length))
        }
        nghttp2_session_callbacks_set_on_frame_send_callback(callbacks) { _, frame, userData in
            guard let frame, let session = HTTP2Callbacks.session(userData) else { return 0 }
            return session.frameSent(frame)
        }
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { _, streamID, _, userData in
            HTTP2Callbacks.session(userData)?.streamClosed(streamID)
            return 0
        }
        return callbacks
    }

    /// Copies the next piece of a stream's response body into nghttp2's frame buffer.
    static let readBody: nghttp2_data_source_read_callback = { _, streamID, buffer, length, flags, _, userData in
        guard let buffer, let flags, let session = HTTP2Callbacks.session(userData) else {
            return Int(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue)
        }
        return session.readResponseBody(streamID: streamID, into: UnsafeMutableBufferPointer(start: buffer, count: length), flags: flags)
    }
}
