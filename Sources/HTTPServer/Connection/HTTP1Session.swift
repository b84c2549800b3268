import Foundation

/// HTTP/1.x on one connection: parses requests in order, answers each before reading the next
/// (pipelined requests wait in the parser's buffer), enforces the read/idle deadlines, and decides
/// keep-alive. Runs on its connection's event loop; only `.later` replies leave it, and their
/// responses come back through `loop.execute`.
final class HTTP1Session: ConnectionSession, @unchecked Sendable {
    // Strong: the cycle with `Connection.session` is broken when the connection closes.
    private let connection: Connection
    private let context: ServerContext
    private var parser: HTTP1RequestParser

    private enum Phase {
        /// Reading a request (or idle between requests).
        case reading
        /// A `.later` reply is running; input waits in the parser.
        case awaitingResponse
        /// The last answer is written; the connection closes after flushing.
        case closing
        /// The connection switched to HTTP/2 (`Upgrade: h2c`); this session is no longer in use.
        case upgraded
    }

    private var phase = Phase.reading
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var requestID = ""
    private var requestStarted: UInt64 = 0
    private var headCompleted: UInt64 = 0
    private var lastProgress: UInt64 = 0
    private var idleSince: UInt64
    private var shuttingDown = false

    init(connection: Connection, context: ServerContext) {
        self.connection = connection
        self.context = context
        parser = HTTP1RequestParser(limits: context.configuration.limits)
        idleSince = MonotonicClock.now()
    }

    // MARK: - ConnectionSession

    func didRead(_ bytes: UnsafeRawBufferPointer) {
        let now = MonotonicClock.now()
        if parser.isIdle && head == nil { requestStarted = now }
        lastProgress = now
        parser.feed(bytes)
        processInput()
    }

    func peerClosedInput() {
        switch phase {
        case .reading:
            // A request cut off mid-way can never be answered meaningfully; an idle one is simply done.
            connection.closeAfterFlush = true
            if connection.pendingOutputBytes == 0 { connection.closeNow() }
        case .awaitingResponse, .closing, .upgraded:
            connection.closeAfterFlush = true
        }
    }

    func didDrainOutput() {
        if phase == .reading { processInput() }
    }

    func tick(now: UInt64) {
        // While answers wait for the peer to read them, the write timeout governs, not the read ones.
        guard phase == .reading, connection.pendingOutputBytes == 0 else { return }
        if head == nil && parser.isIdle {
            if now &- idleSince > context.idleTimeout { connection.closeNow() }
        } else if head == nil {
            if now &- requestStarted > context.headerTimeout { refuse(.requestTimeout, "The request header section was not received in time.") }
        } else if now &- lastProgress > context.bodyTimeout {
            refuse(.requestTimeout, "The request body stopped arriving.")
        }
    }

    func beginShutdown() {
        shuttingDown = true
        if phase == .reading && head == nil && parser.isIdle {
            connection.closeAfterFlush = true
            if connection.pendingOutputBytes == 0 { connection.closeNow() }
        }
    }

    // MARK: - Requests

    private func processInput() {
        while phase == .reading && !connection.isClosed {
            if connection.pendingOutputBytes > Connection.outputHighWater {
                connection.setReading(false)
                return
            }
            let event: HTTP1ParserEvent?
            do {
                event = try parser.next()
            } catch {
                refuse(error.status, error.detail)
                return
            }
            guard let event else { break }
            switch event {
            case .head(let newHead):
                begin(newHead)
            case .body(let piece):
                body.append(contentsOf: piece)
            case .end:
                dispatch()
            }
        }
        if phase == .reading && !connection.isClosed { connection.setReading(true) }
    }

    private func begin(_ newHead: HTTPRequestHead) {
        head = newHead
        body = []
        headCompleted = MonotonicClock.now()
        if requestStarted == 0 { requestStarted = headCompleted }
        requestID = connection.loop.requestIDs.next(clientSupplied: newHead.headers["X-Request-Id"])
        if case .contentLength(let n) = newHead.framing { body.reserveCapacity(n) }
        guard newHead.framing != .none && newHead.framing != .contentLength(0), newHead.expectsContinue else { return }
        // The client holds the body back until told to send it: refuse at once when the route cannot
        // take it, rather than reading it for nothing. (Without `Expect`, the body is on its way
        // anyway, and routing it once, in `dispatch`, is enough.)
        switch context.responder.match(newHead.method, path: newHead.path) {
        case .notFound, .methodNotAllowed, .badPath:
            answerWithoutBody()
            return
        case .found, .options:
            break
        }
        connection.enqueue(HTTP1ResponseSerializer.continueLine)
    }

    /// Answers a request whose body the client is still holding back (`Expect: 100-continue` on a
    /// route that would refuse it): the final answer goes out at once and the connection closes,
    /// since the unread body would otherwise be taken for the next request.
    private func answerWithoutBody() {
        guard let head else { return }
        let request = makeRequest(head)
        let routed = context.responder.routed(request)
        if case .now(let response) = routed.reply {
            finish(response, route: routed.route, forceClose: true)
        }
    }

    private func dispatch() {
        guard let head else { return }
        // Only requests that carry `HTTP2-Settings` get a closer look; others pay one header scan.
        if parser.bufferedByteCount == 0, !shuttingDown, let settings = H2CUpgrade.settings(of: head),
            H2CUpgrade.upgrade(connection, context: context, head: head, body: body, requestID: requestID, settings: settings)
        {
            phase = .upgraded
            return
        }
        let request = makeRequest(head)
        let routed = context.responder.routed(request)
        let route = routed.route
        switch routed.reply {
        case .now(let response):
            finish(response, route: route)
        case .later(let work):
            phase = .awaitingResponse
            let loop = connection.loop
            Task {
                let response: HTTPResponse
                do {
                    response = try await work()
                } catch {
                    response = ProblemRenderer.render(error, request)
                }
                loop.execute { [self] in completeLater(response, route: route) }
            }
        }
    }

    private func completeLater(_ response: HTTPResponse, route: String) {
        guard phase == .awaitingResponse, !connection.isClosed else { return }
        phase = .reading
        finish(response, route: route)
        guard !connection.isClosed else { return }
        processInput()
        connection.flush()
    }

    private func makeRequest(_ head: HTTPRequestHead) -> HTTPRequest {
        HTTPRequest(
            method: head.method, target: head.target, version: head.version, headers: head.headers, body: body,
            requestID: requestID, remoteAddress: connection.peer)
    }

    private func finish(_ response: HTTPResponse, route: String, forceClose: Bool = false) {
        guard let head else { return }
        let keepAlive = head.isKeepAlive && !forceClose && !shuttingDown && !context.isShuttingDown.load(ordering: .relaxed)
        var bytes = 0
        if !response.resetsConnection {
            let serializerContext = HTTP1ResponseSerializer.Context(
                version: head.version, requestID: requestID, date: connection.loop.dateCache.current(), isHead: head.method == .HEAD,
                keepAlive: keepAlive)
            bytes = connection.withOutput { HTTP1ResponseSerializer.write(response, context: serializerContext, into: &$0) }
        }
        context.record(HTTPExchangeRecord(
            requestID: requestID, method: head.method, path: String(head.path), route: route,
            status: response.status.code, bytes: bytes, durationSeconds: Double(MonotonicClock.now() &- headCompleted) / 1e9,
            remoteAddress: connection.peer, version: head.version))
        if response.resetsConnection {
            connection.reset()
            return
        }
        if keepAlive {
            resetRequest()
        } else {
            phase = .closing
            connection.closeAfterFlush = true
            connection.setReading(false)
        }
    }

    private func resetRequest() {
        head = nil
        body = []
        let now = MonotonicClock.now()
        // A pipelined request already buffered starts its header clock now, not at its first byte.
        requestStarted = parser.bufferedByteCount > 0 ? now : 0
        idleSince = now
    }

    /// Answers with a problem and closes: used when the byte stream can no longer be trusted
    /// (parse errors) or a deadline passed.
    private func refuse(_ status: HTTPStatus, _ detail: String) {
        let version = head?.version ?? .http1_1
        let id = requestID.isEmpty || head == nil ? connection.loop.requestIDs.next(clientSupplied: nil) : requestID
        let response = ProblemDetails(title: status.reasonPhrase, status: status.code, detail: detail).response()
        let serializerContext = HTTP1ResponseSerializer.Context(
            version: version, requestID: id, date: connection.loop.dateCache.current(), isHead: head?.method == .HEAD, keepAlive: false)
        let bytes = connection.withOutput { HTTP1ResponseSerializer.write(response, context: serializerContext, into: &$0) }
        let started = head == nil ? requestStarted : headCompleted
        context.record(HTTPExchangeRecord(
            requestID: id, method: head?.method, path: head.map { String($0.path) } ?? "-", route: "invalid",
            status: status.code, bytes: bytes, durationSeconds: started == 0 ? 0 : Double(MonotonicClock.now() &- started) / 1e9,
            remoteAddress: connection.peer, version: version))
        phase = .closing
        connection.closeAfterFlush = true
        connection.setReading(false)
        connection.flush()
    }
}
