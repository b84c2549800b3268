public import HTTPServer

/// Runs `body` against a server on 127.0.0.1 with an ephemeral port, and always shuts it down.
public func withTestServer<R>(
    router: Router,
    configure: (inout HTTPServerConfiguration) -> Void = { _ in },
    observers: [any HTTPExchangeObserver] = [],
    _ body: (_ port: Int, _ server: HTTPServer) async throws -> R
) async throws -> R {
    // Port 0 on loopback: never a fixed port, so parallel tests never collide.
    var configuration = HTTPServerConfiguration(address: try SocketAddress(parsing: "127.0.0.1:0"), eventLoops: 2)
    configuration.shutdownGracePeriod = .seconds(5)
    configuration.tls = TestTransport.tls?.server
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, responder: router.buildResponder(), observers: observers)
    let address = try server.start()
    do {
        let result = try await body(address.port, server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// Records exchanges for assertions on the access log / metrics path.
public final class RecordingObserver: HTTPExchangeObserver {
    private let lock = LockedBox<[HTTPExchangeRecord]>([])
    public init() {}
    public func exchangeCompleted(_ record: HTTPExchangeRecord) { lock.mutate { $0.append(record) } }
    public var records: [HTTPExchangeRecord] { lock.value }
}
