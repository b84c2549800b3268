import CNghttp2
import Foundation

/// `Upgrade: h2c` (RFC 7540 §3.2): an HTTP/1.1 request asks to continue the connection in cleartext
/// HTTP/2. The server answers `101 Switching Protocols`, sends its SETTINGS, and answers that very
/// request as stream 1 over HTTP/2. RFC 9113 dropped the mechanism, but clients still use it.
enum H2CUpgrade {
    /// Whether `head` asks for h2c in a form the server takes: HTTP/1.1 in cleartext, `Upgrade`
    /// naming h2c, `Connection` naming both `Upgrade` and `HTTP2-Settings`, and exactly one
    /// well-formed `HTTP2-Settings` value. Anything else is answered over HTTP/1.1 as if the
    /// header were absent, as RFC 9110 §7.8 allows.
    static func settings(of head: HTTPRequestHead) -> [UInt8]? {
        // The first test allocates nothing: it is all that ordinary HTTP/1.1 requests pay.
        guard head.headers["Upgrade"] != nil, head.version == .http1_1, head.headers.hasToken("h2c", in: "Upgrade"),
            head.headers.hasToken("upgrade", in: "Connection"), head.headers.hasToken("http2-settings", in: "Connection")
        else { return nil }
        let values = head.headers.values(for: "HTTP2-Settings")
        guard values.count == 1, let encoded = values.first else { return nil }
        // base64url without padding (RFC 7540 §3.2.1) → standard base64 for Foundation.
        var text = String(encoded.trimmingOWS()).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.utf8.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), data.count % 6 == 0 else { return nil }
        return Array(data)
    }

    /// Switches `connection` to HTTP/2 and answers `request` as stream 1; false (nothing written)
    /// when nghttp2 refuses the client's settings, so HTTP/1.1 answers instead. Only on a
    /// connection with nothing queued, so taking back what was written here takes nothing else.
    static func upgrade(
        _ connection: Connection, context: ServerContext, head: HTTPRequestHead, body: [UInt8], requestID: String, settings: [UInt8]
    ) -> Bool {
        guard connection.pendingOutputBytes == 0 else { return false }
        connection.enqueue(switchingProtocols)
        let session = HTTP2Session(connection: connection, context: context)
        var request = head.headers
        for name in ["Connection", "Upgrade", "HTTP2-Settings"] { request.remove(name) }
        guard session.acceptUpgrade(
            settings: settings, method: head.method, target: head.target, headers: request, body: body, requestID: requestID)
        else {
            connection.withOutput { $0.removeAll() }
            return false
        }
        connection.session = session
        return true
    }

    static let switchingProtocols = Array("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n".utf8)
}

extension HTTP2Session {
    /// Opens stream 1 for the request that carried `Upgrade: h2c` and routes it like any other.
    func acceptUpgrade(
        settings: [UInt8], method: HTTPMethod, target: String, headers: HTTPHeaders, body: [UInt8], requestID: String
    ) -> Bool {
        let accepted = settings.withUnsafeBufferPointer { payload in
            nghttp2_session_upgrade2(session, payload.baseAddress, payload.count, method == .HEAD ? 1 : 0, nil) == 0
        }
        guard accepted else { return false }
        let stream = HTTP2Stream(id: 1, started: MonotonicClock.now())
        stream.method = method.rawValue
        stream.path = target
        stream.headers = headers
        stream.body = body
        stream.requestID = requestID
        streams[1] = stream
        dispatch(stream)
        send()
        return true
    }
}
