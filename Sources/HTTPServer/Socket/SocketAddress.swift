import Glibc

/// An IPv4 or IPv6 address and port, parsed from `host:port` / `[v6]:port` as configuration gives it.
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    public enum Family: Sendable, Hashable { case ipv4, ipv6 }

    public var host: String
    public var port: Int
    public var family: Family
    /// Whether only this machine can reach the address (auth rules differ for loopback binds).
    public private(set) var isLoopback: Bool

    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case missingPort(String)
        case invalidPort(String)
        case invalidHost(String)

        public var description: String {
            switch self {
            case .missingPort(let s): "'\(s)' has no port; expected host:port (e.g. 127.0.0.1:8080)"
            case .invalidPort(let s): "'\(s)' has an invalid port; expected 0–65535"
            case .invalidHost(let s): "'\(s)' is not a numeric IPv4 or IPv6 address"
            }
        }
    }

    public init(host: String, port: Int) throws(ParseError) {
        guard (0...65535).contains(port) else { throw .invalidPort("\(host):\(port)") }
        var v4 = in_addr()
        var v6 = in6_addr()
        let literal = host == "localhost" ? "127.0.0.1" : host
        if inet_pton(AF_INET, literal, &v4) == 1 {
            family = .ipv4
            isLoopback = UInt32(bigEndian: v4.s_addr) >> 24 == 127
        } else if inet_pton(AF_INET6, literal, &v6) == 1 {
            family = .ipv6
            // Compare the parsed bytes, so every spelling of ::1 counts.
            isLoopback = withUnsafeBytes(of: &v6) { $0.elementsEqual([UInt8](repeating: 0, count: 15) + [1]) }
        } else {
            throw .invalidHost(host)
        }
        self.host = literal
        self.port = port
    }

    /// Parses `127.0.0.1:8080`, `0.0.0.0:0`, `[::1]:8080`, `localhost:8080`.
    public init(parsing text: String) throws(ParseError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .invalidHost(text) }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .missingPort(text) }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw .missingPort(text) }
            host = text[..<colon]
            // An IPv6 host must be bracketed, or `::1:80` would be read two ways.
            if host.contains(":") { throw .invalidHost(text) }
            portText = text[text.index(after: colon)...]
        }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isWholeNumber), portText.allSatisfy(\.isASCII),
              let port = Int(portText) else { throw .invalidPort(text) }
        try self.init(host: String(host), port: port)
    }


    public var description: String { family == .ipv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Calls `body` with this address as a `sockaddr`.
    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch family {
        case .ipv4:
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &addr.sin_addr)
            return withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .ipv6:
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            addr.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &addr.sin6_addr)
            return withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }

    private static func text(_ cString: [CChar]) -> String {
        String(decoding: cString.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Reads an address back from the kernel (the bound port of a port-0 listener, a peer).
    static func from(storage: sockaddr_storage) -> String {
        var storage = storage
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { p in
                    var a = p.pointee.sin_addr
                    inet_ntop(AF_INET, &a, &buffer, socklen_t(buffer.count))
                    return "\(Self.text(buffer)):\(UInt16(bigEndian: p.pointee.sin_port))"
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { p in
                    var a = p.pointee.sin6_addr
                    inet_ntop(AF_INET6, &a, &buffer, socklen_t(buffer.count))
                    return "[\(Self.text(buffer))]:\(UInt16(bigEndian: p.pointee.sin6_port))"
                }
            }
        default:
            return "unknown"
        }
    }
}
