public import HTTPServer

/// Runs the socket-level server tests over TLS without changing them: inside
/// `TestTransport.$tls.withValue(…)`, `withTestServer` serves HTTPS with `server` and every
/// `RawHTTPClient` made there connects with `client`.
public enum TestTransport {
    public struct TLS: Sendable {
        public var server: TLSConfiguration
        public var client: TLSClientOptions

        public init(server: TLSConfiguration, client: TLSClientOptions = TLSClientOptions()) {
            self.server = server
            self.client = client
        }
    }

    @TaskLocal public static var tls: TLS?
}
