import CNghttp2

/// Streams as requests: what the nghttp2 callbacks do with each frame, the per-request limits
/// HTTP/1.1 enforces in its parser (header list, field count, `:path` length, body size), routing
/// through the shared responder, and submitting the answer. Callbacks return 0 unless nghttp2
/// itself must fail; a request's own problems are answered on its stream.
extension HTTP2Session {
    private var limits: HTTPParserLimits { context.configuration.limits }

    private static func isFrame(_ frame: UnsafePointer<nghttp2_frame>, _ type: nghttp2_frame_type) -> Bool {
        UInt32(frame.pointee.hd.type) == type.rawValue
    }

    // MARK: - Callbacks

    func beginHeaders(_ frame: UnsafePointer<nghttp2_frame>) -> Int32 {
        guard Self.isFrame(frame, NGHTTP2_HEADERS), frame.pointee.headers.cat == NGHTTP2_HCAT_REQUEST else { return 0 }
        let id = frame.pointee.hd.stream_id
        if streams.count >= HTTP2Limits.maxConcurrentStreams {
            nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), id, NGHTTP2_REFUSED_STREAM.rawValue)
            return 0
        }
        streams[id] = HTTP2Stream(id: id, started: MonotonicClock.now())
        return 0
    }

    func header(_ frame: UnsafePointer<nghttp2_frame>, name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard let stream = streams[frame.pointee.hd.stream_id], stream.refusal == nil else { return 0 }
        stream.headerListBytes += name.count + value.count + 32
        if stream.headerListBytes > limits.maxHeaderSectionBytes || stream.headers.count >= limits.maxHeaderFields {
            stream.refusal = (.requestHeaderFieldsTooLarge, "The request header list is too large.")
            stream.headers = HTTPHeaders()
            return 0
        }
        let text = String(decoding: value, as: UTF8.self)
        guard name.first == UInt8(ascii: ":") else {
            stream.headers.add(String(decoding: name, as: UTF8.self), text)
            return 0
        }
        switch String(decoding: name, as: UTF8.self) {
        case ":method": stream.method = text
        case ":path":
            if value.count > limits.maxRequestLineBytes {
                stream.refusal = (.uriTooLong, "The request target is too long.")
            } else {
                stream.path = text
            }
        case ":authority": stream.authority = text
        default: break
        }
        return 0
    }

    func frameReceived(_ frame: UnsafePointer<nghttp2_frame>) -> Int32 {
        let id = frame.pointee.hd.stream_id
        if Self.isFrame(frame, NGHTTP2_RST_STREAM) {
            clientResetStream()
            return 0
        }
        guard Self.isFrame(frame, NGHTTP2_HEADERS) || Self.isFrame(frame, NGHTTP2_DATA), let stream = streams[id] else { return 0 }
        if Self.isFrame(frame, NGHTTP2_HEADERS), stream.refusal == nil, let length = stream.headers["content-length"].flatMap({ Int($0) }),
            length > limits.maxBodyBytes
        {
            stream.refusal = (.contentTooLarge, "The request body exceeds \(limits.maxBodyBytes) bytes.")
        }
        let ended = UInt32(frame.pointee.hd.flags) & NGHTTP2_FLAG_END_STREAM.rawValue != 0
        if ended {
            dispatch(stream)
        } else if Self.isFrame(frame, NGHTTP2_HEADERS), stream.refusal != nil {
            // No need to wait for a body that will not be read.
            stream.answeredEarly = true
            dispatch(stream)
        }
        return 0
    }

    func dataChunk(streamID: Int32, _ data: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard let stream = streams[streamID], !stream.responded else { return 0 }
        if stream.body.count + data.count > limits.maxBodyBytes {
            stream.refusal = (.contentTooLarge, "The request body exceeds \(limits.maxBodyBytes) bytes.")
            stream.body = []
            stream.answeredEarly = true
            dispatch(stream)
            return 0
        }
        stream.body.append(contentsOf: data)
        return 0
    }

    func frameSent(_ frame: UnsafePointer<nghttp2_frame>) -> Int32 {
        // A response sent before its request ended: tell the client to stop sending the rest.
        let ended = UInt32(frame.pointee.hd.flags) & NGHTTP2_FLAG_END_STREAM.rawValue != 0
        let id = frame.pointee.hd.stream_id
        if ended, let stream = streams[id], stream.answeredEarly {
            nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), id, NGHTTP2_NO_ERROR.rawValue)
        }
        return 0
    }

    func streamClosed(_ id: Int32) {
        streams[id] = nil
    }

    func readResponseBody(streamID: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, flags: UnsafeMutablePointer<UInt32>) -> Int {
        guard let stream = streams[streamID] else { return Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) }
        let count = min(buffer.count, stream.responseBody.count - stream.responseOffset)
        stream.responseBody.withUnsafeBufferPointer { source in
            guard let from = source.baseAddress, let to = buffer.baseAddress, count > 0 else { return }
            to.update(from: from + stream.responseOffset, count: count)
        }
        stream.responseOffset += count
        if stream.responseOffset == stream.responseBody.count {
            flags.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
            stream.responseBody = []
        }
        return count
    }

    // MARK: - Requests

    func dispatch(_ stream: HTTP2Stream) {
        guard !stream.responded, !stream.awaitingHandler else { return }
        if stream.requestID.isEmpty { stream.requestID = connection.loop.requestIDs.next(clientSupplied: stream.headers["x-request-id"]) }
        if let refusal = stream.refusal {
            let response = ProblemDetails(title: refusal.status.reasonPhrase, status: refusal.status.code, detail: refusal.detail).response()
            respond(stream, response, route: "invalid")
            return
        }
        guard let methodName = stream.method, let path = stream.path else { return }
        guard let method = HTTPMethod(rawValue: methodName) else {
            let response = ProblemDetails(title: "Not Implemented", status: 501, detail: "The method is not supported.").response()
            respond(stream, response, route: "invalid")
            return
        }
        var headers = stream.headers
        if let authority = stream.authority, !headers.contains("host") { headers.add("host", authority) }
        let request = HTTPRequest(
            method: method, target: path, version: .http2, headers: headers, body: stream.body, requestID: stream.requestID,
            remoteAddress: connection.peer)
        stream.body = []
        let routed = context.responder.routed(request)
        let route = routed.route
        switch routed.reply {
        case .now(let response):
            respond(stream, response, route: route)
        case .later(let work):
            stream.awaitingHandler = true
            let loop = connection.loop
            let id = stream.id
            Task {
                let response: HTTPResponse
                do {
                    response = try await work()
                } catch {
                    response = ProblemRenderer.render(error, request)
                }
                loop.execute { [self] in completeLater(id, response, route: route) }
            }
        }
    }

    private func completeLater(_ id: Int32, _ response: HTTPResponse, route: String) {
        // The client may have reset the stream, or the connection closed, while the handler ran.
        // (Stream ids are never reused on a connection, so the id names this request alone.)
        guard !connection.isClosed, let stream = streams[id], stream.awaitingHandler else { return }
        stream.awaitingHandler = false
        respond(stream, response, route: route)
        send()
        connection.flush()
    }

    private func respond(_ stream: HTTP2Stream, _ response: HTTPResponse, route: String) {
        stream.responded = true
        touch()
        if response.resetsConnection {
            resetRequested = true
            return
        }
        let isHead = stream.method == "HEAD"
        let sendsBody = response.status.allowsBody && !isHead && !response.body.isEmpty
        var headers = HTTP2ResponseHeaders(response, requestID: stream.requestID, date: connection.loop.dateCache.current())
        if sendsBody {
            stream.responseBody = response.body
            var provider = nghttp2_data_provider(source: nghttp2_data_source(ptr: nil), read_callback: HTTP2Callbacks.readBody)
            _ = headers.withNameValues { nghttp2_submit_response(session, stream.id, $0, $1, &provider) }
        } else {
            _ = headers.withNameValues { nghttp2_submit_response(session, stream.id, $0, $1, nil) }
        }
        context.record(HTTPExchangeRecord(
            requestID: stream.requestID, method: stream.method.flatMap(HTTPMethod.init(rawValue:)),
            path: stream.path.map { String($0.pathPart) } ?? "-", route: route, status: response.status.code,
            bytes: sendsBody ? response.body.count : 0, durationSeconds: Double(MonotonicClock.now() &- stream.started) / 1e9,
            remoteAddress: connection.peer, version: .http2))
    }
}
