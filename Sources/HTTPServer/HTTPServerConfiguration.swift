/// Everything the server needs that is not a route: where to listen, limits and timeouts.
/// Defaults are DESIGN.md's "HTTP server behaviour" figures.
public struct HTTPServerConfiguration: Sendable {
    public var address: SocketAddress
    public var limits = HTTPParserLimits()
    /// From the first byte of a request to the end of its header section (slowloris guard) → 408.
    public var headerReadTimeout: Duration = .seconds(10)
    /// Longest pause between two reads of a request body → 408.
    public var bodyReadTimeout: Duration = .seconds(10)
    /// A keep-alive connection with nothing in flight is closed after this.
    public var idleTimeout: Duration = .seconds(60)
    /// A peer that stops reading its response for this long is dropped.
    public var writeTimeout: Duration = .seconds(30)
    /// Connections beyond this are answered 503 and closed at once.
    public var maxConnections = 10_000
    /// How long graceful shutdown waits for in-flight requests.
    public var shutdownGracePeriod: Duration = .seconds(30)
    /// Event loop threads; default one per core.
    public var eventLoops: Int
    /// Serve HTTPS with this certificate pair; nil serves cleartext HTTP.
    public var tls: TLSConfiguration?

    public init(address: SocketAddress, eventLoops: Int? = nil) {
        self.address = address
        self.eventLoops = max(1, eventLoops ?? Self.processorCount)
    }

    static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

import Glibc

extension Duration {
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
