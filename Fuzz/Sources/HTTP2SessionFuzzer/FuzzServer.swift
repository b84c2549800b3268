import HTTPServer

/// One server for the whole fuzzing run, started on the first input: routes that answer at once
/// (so a connection has no reason to stay open once the client is done), a POST echo, and a body
/// larger than the default stream window so flow control is exercised too.
final class FuzzServer: Sendable {
    static let shared = FuzzServer()

    let server: HTTPServer
    let port: Int

    private init() {
        var router = Router()
        router.on(.GET, "/hello") { _ in HTTPResponse.text(.ok, "hello") }
        router.on(.POST, "/echo") { request in HTTPResponse(status: .ok, body: request.body) }
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 100 * 1024)
        router.on(.GET, "/big") { _ in HTTPResponse(status: .ok, body: big) }
        router.on(.GET, "/items/{id}") { request in HTTPResponse.text(.ok, request.pathParameters["id"] ?? "?") }
        do {
            var configuration = HTTPServerConfiguration(address: try SocketAddress(parsing: "127.0.0.1:0"), eventLoops: 1)
            // Small limits, so short inputs reach the limit paths (431, 413, 414).
            configuration.limits = HTTPParserLimits(maxRequestLineBytes: 256, maxHeaderSectionBytes: 1024, maxHeaderFields: 16, maxBodyBytes: 4096)
            server = HTTPServer(configuration: configuration, responder: router.buildResponder())
            port = try server.start().port
        } catch {
            fatalError("the fuzz server did not start: \(error)")
        }
    }
}
