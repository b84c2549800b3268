/// Writes responses onto the wire buffer. It owns the headers the server is responsible for —
/// `Content-Length`, `Date`, `X-Request-Id`, `Connection` — so handlers cannot get framing wrong, and
/// it drops any handler header whose name or value could split the response (CR, LF, NUL).
public enum HTTP1ResponseSerializer {
    /// What the connection decided about this exchange.
    public struct Context: Sendable {
        public var version: HTTPVersion
        public var requestID: String
        public var date: String
        public var isHead: Bool
        public var keepAlive: Bool

        public init(version: HTTPVersion, requestID: String, date: String, isHead: Bool, keepAlive: Bool) {
            self.version = version
            self.requestID = requestID
            self.date = date
            self.isHead = isHead
            self.keepAlive = keepAlive
        }
    }

    private static let managed = ["content-length", "date", "x-request-id", "connection", "transfer-encoding", "keep-alive"]

    /// Whether the server writes this header itself; compared without allocating a lowercased copy.
    private static func isManaged(_ name: String) -> Bool {
        let length = name.utf8.count
        return managed.contains { $0.utf8.count == length && name.equalsIgnoringASCIICase($0) }
    }

    /// Appends the response to `out`; returns the number of body bytes written (0 for HEAD).
    @discardableResult
    public static func write(_ response: HTTPResponse, context: Context, into out: inout [UInt8]) -> Int {
        let status = response.status
        out.append(contentsOf: context.version == .http1_0 ? http10 : http11)
        out.append(contentsOf: String(status.code).utf8)
        out.append(.space)
        appendSanitized(status.reasonPhrase, into: &out)
        out.append(contentsOf: crlf)
        for field in response.headers where !isManaged(field.name) && isToken(field.name) && isSafe(field.value) {
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: colonSpace)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: crlf)
        }
        if status.allowsBody {
            out.append(contentsOf: contentLengthPrefix)
            out.append(contentsOf: String(response.body.count).utf8)
            out.append(contentsOf: crlf)
        }
        out.append(contentsOf: datePrefix)
        out.append(contentsOf: context.date.utf8)
        out.append(contentsOf: crlf)
        out.append(contentsOf: requestIDPrefix)
        out.append(contentsOf: context.requestID.utf8)
        out.append(contentsOf: crlf)
        if !context.keepAlive {
            out.append(contentsOf: connectionClose)
        } else if context.version == .http1_0 {
            out.append(contentsOf: connectionKeepAlive)
        }
        out.append(contentsOf: crlf)
        guard status.allowsBody, !context.isHead else { return 0 }
        out.append(contentsOf: response.body)
        return response.body.count
    }

    /// The interim `100 Continue` sent before reading a body the client is holding back.
    public static let continueLine: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(\.isTokenCharacter)
    }

    private static func isSafe(_ text: String) -> Bool {
        !text.utf8.contains { $0 == .cr || $0 == .lf || $0 == 0 }
    }

    private static func appendSanitized(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 { out.append(byte == .cr || byte == .lf || byte == 0 ? .space : byte) }
    }

    private static let http10 = Array("HTTP/1.0 ".utf8)
    private static let http11 = Array("HTTP/1.1 ".utf8)
    private static let crlf = Array("\r\n".utf8)
    private static let colonSpace = Array(": ".utf8)
    private static let contentLengthPrefix = Array("Content-Length: ".utf8)
    private static let datePrefix = Array("Date: ".utf8)
    private static let requestIDPrefix = Array("X-Request-Id: ".utf8)
    private static let connectionClose = Array("Connection: close\r\n".utf8)
    private static let connectionKeepAlive = Array("Connection: keep-alive\r\n".utf8)
}
