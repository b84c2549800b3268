import Foundation
import Glibc

/// A deliberately dumb TCP client for tests: it sends exactly the bytes it is given (so tests can
/// send malformed, partial or pipelined requests) and reads raw responses back. The socket is
/// non-blocking and waits by sleeping the task, so tests never pin a thread of the cooperative pool
/// (which the server's async handlers need).
///
/// With `tls` (by default the one `TestTransport.tls` sets), the same bytes go through TLS.
public final class RawHTTPClient {
    public let fd: Int32
    private let tls: TestTLSClient?

    public enum ClientError: Error, CustomStringConvertible {
        case connect(Int32)
        case timeout
        case closed
        case malformed(String)

        public var description: String {
            switch self {
            case .connect(let e): "connect failed: \(String(cString: strerror(e)))"
            case .timeout: "timed out waiting for the server"
            case .closed: "connection closed by the server"
            case .malformed(let s): "malformed response: \(s)"
            }
        }
    }

    private var buffer: [UInt8] = []
    private var timeout: Double

    /// Connects to 127.0.0.1:`port`; reads time out after `timeout` seconds. With `tls`, the
    /// handshake runs on the first send or read (or `handshake()`).
    public init(port: Int, timeout: Double = 5, tls: TLSClientOptions? = TestTransport.tls?.client) throws {
        self.timeout = timeout
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let error = errno
            close(fd)
            throw ClientError.connect(error)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        do {
            self.tls = try tls.map { try TestTLSClient(fd: fd, options: $0) }
        } catch {
            close(fd)
            throw error
        }
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    /// Completes the TLS handshake; throws `.closed` when the server refuses it.
    public func handshake() async throws {
        guard let tls else { return }
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while true {
            switch tls.handshake() {
            case .bytes: return
            case .retry:
                guard ContinuousClock.now < deadline else { throw ClientError.timeout }
                try await Task.sleep(for: .milliseconds(2))
            case .endOfStream, .failed: throw ClientError.closed
            }
        }
    }

    /// The server certificate's subject (`/CN=…`) after the handshake; nil in cleartext.
    public var peerCertificateSubject: String? { tls?.peerSubject }
    /// The ALPN protocol the server chose, nil when none (or cleartext).
    public var negotiatedProtocol: String? { tls?.negotiatedProtocol }
    /// The TLS version in use ("TLSv1.3"); nil in cleartext.
    public var tlsVersion: String? { tls?.protocolVersion }

    /// How long reads wait for the server before throwing `.timeout`.
    public func setTimeout(_ seconds: Double) {
        timeout = seconds
    }

    public func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) async throws {
        var offset = 0
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { transmit(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            if n > 0 {
                offset += n
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                guard ContinuousClock.now < deadline else { throw ClientError.timeout }
                try await Task.sleep(for: .milliseconds(2))
            } else {
                throw ClientError.closed
            }
        }
    }

    /// Half-closes the sending side, as a client does after its last request.
    public func shutdownWrite() { Glibc.shutdown(fd, Int32(SHUT_WR)) }

    /// Reads one complete response (framed by Content-Length, or by close when absent).
    public func readResponse(isHead: Bool = false) async throws -> RawHTTPResponse {
        while true {
            if let (response, used) = try RawHTTPResponse.parse(buffer, isHead: isHead, atEOF: false) {
                buffer.removeFirst(used)
                return response
            }
            if try await !fill() {
                if let (response, used) = try RawHTTPResponse.parse(buffer, isHead: isHead, atEOF: true) {
                    buffer.removeFirst(used)
                    return response
                }
                throw ClientError.closed
            }
        }
    }

    /// True when the server has closed the connection (reads EOF) within the timeout, with nothing else sent.
    public func isClosedByServer() async -> Bool {
        do { return try await !fill() && buffer.isEmpty } catch { return false }
    }

    /// Reads whatever arrives until EOF or timeout (for byte-level assertions).
    public func readAll() async -> [UInt8] {
        while (try? await fill()) == true {}
        defer { buffer.removeAll() }
        return buffer
    }

    /// Reads more bytes; false on EOF (or reset).
    private func fill() async throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while true {
            let n = chunk.withUnsafeMutableBytes { receive(into: $0) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n == 0 { return false }
            guard errno == EAGAIN || errno == EWOULDBLOCK else { return false }
            guard ContinuousClock.now < deadline else { throw ClientError.timeout }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}

extension RawHTTPClient {
    /// `send`, or one TLS write; -1 with errno EAGAIN when it must be retried.
    private func transmit(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let tls else { return Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
        return Self.socketStyle(tls.write(bytes))
    }

    /// `recv`, or one TLS read: > 0 bytes, 0 end of stream, -1 with errno set.
    private func receive(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let tls else { return recv(fd, buffer.baseAddress, buffer.count, 0) }
        return Self.socketStyle(tls.read(into: buffer))
    }

    private static func socketStyle(_ io: TestTLSClient.IO) -> Int {
        switch io {
        case .bytes(let n): return n
        case .retry:
            errno = EAGAIN
            return -1
        case .endOfStream: return 0
        case .failed:
            errno = ECONNRESET
            return -1
        }
    }
}

/// A response as the test client saw it.
public struct RawHTTPResponse: Sendable {
    public var version: String
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object (problem+json or resources).
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    static func parse(_ bytes: [UInt8], isHead: Bool, atEOF: Bool) throws -> (RawHTTPResponse, Int)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = bytes.firstRange(of: separator) else { return nil }
        let headText = String(decoding: bytes[..<headEnd.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw RawHTTPClient.ClientError.malformed(headText) }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = RawHTTPResponse(version: String(statusLine[0]), status: status, headers: headers, body: [])
        let bodyStart = headEnd.upperBound
        if isHead || status < 200 || status == 204 || status == 304 {
            return (response, bodyStart)
        }
        if let lengthText = response.header("Content-Length"), let length = Int(lengthText) {
            guard bytes.count - bodyStart >= length else { return nil }
            response.body = Array(bytes[bodyStart..<bodyStart + length])
            return (response, bodyStart + length)
        }
        guard atEOF else { return nil }
        response.body = Array(bytes[bodyStart...])
        return (response, bytes.count)
    }
}
