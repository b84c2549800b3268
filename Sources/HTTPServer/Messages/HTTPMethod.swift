/// The request methods the server understands. A syntactically valid method outside this set is
/// answered 501 by the parser (RFC 9110 §9.1), so handlers only ever see these.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, TRACE, CONNECT

    public var description: String { rawValue }

    /// Maps the method token without allocating a `String` on the hot path.
    init?(token: UnsafeRawBufferPointer) {
        switch token.count {
        case 3:
            if Self.equals(token, "GET") { self = .GET } else if Self.equals(token, "PUT") { self = .PUT } else { return nil }
        case 4:
            if Self.equals(token, "POST") { self = .POST } else if Self.equals(token, "HEAD") { self = .HEAD } else { return nil }
        case 5:
            if Self.equals(token, "PATCH") { self = .PATCH } else if Self.equals(token, "TRACE") { self = .TRACE } else { return nil }
        case 6:
            if Self.equals(token, "DELETE") { self = .DELETE } else { return nil }
        case 7:
            if Self.equals(token, "OPTIONS") { self = .OPTIONS } else if Self.equals(token, "CONNECT") { self = .CONNECT } else { return nil }
        default:
            return nil
        }
    }

    private static func equals(_ bytes: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let lit = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        return bytes.elementsEqual(lit)
    }
}
