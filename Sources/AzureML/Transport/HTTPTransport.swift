import CCurl
import Foundation

/// Performs single HTTP requests for the Azure client and the credentials, over libcurl.
///
/// One dedicated thread per transport (started on first use, stopped when the transport goes away)
/// drives a curl multi handle: requests are handed to it and it wakes from `curl_multi_poll` at once;
/// the caller's task waits on a continuation and never blocks a cooperative-pool thread. Connections
/// are kept alive in the multi handle's cache and bounded per host (`maximumConnectionsPerHost`).
///
/// Why libcurl rather than URLSession, measured when this replaced it (release builds, 2-core machine
/// with other builds running, sequential keep-alive GETs over loopback, 3 runs of 2000–3000 each):
/// - the emulator's OpenID discovery document: URLSession median 0.72–1.03 ms, p90 0.80–1.20 ms;
///   libcurl median 0.41–0.62 ms, p90 0.48–0.71 ms (the emulator's own handling is 0.2–0.4 ms of it);
/// - the gateway's `/healthz`: URLSession median 0.64–0.65 ms, p90 0.82–0.84 ms; libcurl median
///   0.20–0.25 ms, p90 0.28–0.36 ms;
/// - `serve` RSS (emulated backend): idle 38.0 → 34.2 MB, after 1,200 `/v1/pipelines` calls
///   43.3–44.3 → 35.1–35.2 MB; the binary no longer links Foundation's networking library.
/// URLSession on Linux also ignores CA settings (so `GATEWAY_CA_BUNDLE` could not work) and reported
/// a reset on a reused connection as a timeout.
///
/// Each call has its own deadline (`timeout`, `CURLOPT_TIMEOUT_MS`) covering queueing, connect, send and
/// the whole answer. Redirects are not followed: a redirect would carry the bearer token to another
/// host. A request body is handed to curl through a read callback that cannot rewind, so libcurl's
/// silent re-send of a request on a reused connection that died (which it does for any method) can
/// never send a body twice: that case fails as `.connectionLost` instead, and the caller's retry
/// policy decides.
public final class HTTPTransport: Sendable {
    public static let userAgent = "pipeline-gateway/0.1.0"

    private let engine: CurlEngine
    private let connectTimeout: Duration

    /// - Parameters:
    ///   - maximumConnectionsPerHost: Upper bound of connections to one host; more concurrent requests
    ///     wait inside libcurl for a free one (their deadline runs meanwhile).
    ///   - caBundlePath: A PEM file of extra CA certificates to trust for https, in addition to the
    ///     system's (`GATEWAY_CA_BUNDLE`). Checked by the configuration at start; an unreadable file
    ///     makes every https call fail as `.notSent`.
    ///   - connectTimeout: The longest a connection may take to establish (TCP and TLS) within a call's
    ///     deadline; past it the call fails as `.notSent`.
    public init(maximumConnectionsPerHost: Int = 16, caBundlePath: String? = nil, connectTimeout: Duration = .seconds(10)) {
        engine = CurlEngine(maximumConnectionsPerHost: max(1, maximumConnectionsPerHost), caBundlePath: caBundlePath)
        self.connectTimeout = connectTimeout
    }

    deinit {
        engine.stop()
    }

    /// Sends `request` once and returns whatever status the server answered with; fails only when
    /// there is no complete answer within `timeout`. Cancelling the calling task ends the call at once
    /// with `.cancelled` (the transfer is abandoned on the curl thread).
    public func perform(_ request: TransportRequest, timeout: Duration) async throws(TransportFailure) -> TransportResponse {
        let prepared = try CurlRequest(request, timeout: timeout, connectTimeout: connectTimeout)
        let job = CurlJob(prepared)
        let engine = engine
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<TransportResponse, TransportFailure>, Never>) in
                job.arm(continuation)
                engine.submit(job)
            }
        } onCancel: {
            if job.finish(.failure(TransportFailure(kind: .cancelled, message: "the call was cancelled"))) {
                engine.abandon(job)
            }
        }
        return try result.get()
    }
}

/// A request checked and flattened for libcurl: only what the curl thread needs, all Sendable.
struct CurlRequest: Sendable {
    var method: String
    var url: String
    /// `Name: value` lines, the transport's own included.
    var headerLines: [String]
    var body: [UInt8]?
    var timeoutMilliseconds: Int
    var connectTimeoutMilliseconds: Int

    /// Fails with `.notSent` when the request cannot be put on the wire as given (a scheme other than
    /// http(s), a header that would split into two lines) — nothing was sent.
    init(_ request: TransportRequest, timeout: Duration, connectTimeout: Duration) throws(TransportFailure) {
        let method = request.method.uppercased()
        guard !method.isEmpty, method.utf8.allSatisfy(Self.isTokenByte) else {
            throw TransportFailure(kind: .notSent, message: "the method is not an HTTP token")
        }
        let scheme = request.url.scheme?.lowercased()
        guard scheme == "http" || scheme == "https", request.url.host != nil else {
            throw TransportFailure(kind: .notSent, message: "only absolute http and https URLs are supported")
        }
        var lines: [String] = []
        var seen: Set<String> = []
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            let lowered = name.lowercased()
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                throw TransportFailure(kind: .notSent, message: "a header name is not an HTTP token")
            }
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw TransportFailure(kind: .notSent, message: "header \(lowered) contains a line break")
            }
            // The request id is always the transport's; everything else the caller sets wins.
            if lowered == "x-ms-client-request-id" { continue }
            seen.insert(lowered)
            // `Name;` is curl's spelling of a header sent with an empty value (`Name:` would remove it).
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if !seen.contains("accept") { lines.append("Accept: application/json") }
        if !seen.contains("user-agent") { lines.append("User-Agent: \(HTTPTransport.userAgent)") }
        // An empty value removes curl's own `Expect: 100-continue`, which would hold a body back for up
        // to a second waiting for an interim answer many servers never send.
        if !seen.contains("expect") { lines.append("Expect:") }
        guard !request.clientRequestID.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
            throw TransportFailure(kind: .notSent, message: "the client request id contains a line break")
        }
        lines.append("x-ms-client-request-id: \(request.clientRequestID)")
        self.method = method
        url = request.url.absoluteString
        headerLines = lines
        body = request.body.map { [UInt8]($0) }
        timeoutMilliseconds = Self.milliseconds(timeout)
        connectTimeoutMilliseconds = min(Self.milliseconds(connectTimeout), timeoutMilliseconds)
    }

    /// Whole milliseconds, rounded up, at least 1 (curl reads 0 as "no timeout").
    static func milliseconds(_ duration: Duration) -> Int {
        let value = (duration.inSeconds * 1000).rounded(.up)
        guard value.isFinite else { return Int(Int32.max) }
        return Int(min(max(value, 1), Double(Int32.max)))
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
