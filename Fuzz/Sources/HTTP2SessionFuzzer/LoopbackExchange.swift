import Glibc
import Synchronization

/// The next client source address (see `LoopbackExchange.run`).
let nextSource = Atomic<Int>(0)

/// One client connection: send everything, end the sending side, read until the server closes.
enum LoopbackExchange {
    enum Outcome: Equatable {
        case closedByServer
        case serverKeptConnectionOpen
    }

    /// How long the server may take to close after the client's end of input.
    static let closeDeadlineSeconds = 5

    static func run(_ bytes: [UInt8], port: Int) -> Outcome {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0, "socket() failed: errno \(errno)")
        defer { close(fd) }
        var timeout = timeval(tv_sec: closeDeadlineSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        // Each input is a new connection the server closes first, so its side keeps the pair in
        // TIME_WAIT for a minute: tens of thousands of inputs would use up one source address's
        // ports. The client takes its source address in turn from 127.0.1.0/24 … 127.0.250.0/24.
        var source = sockaddr_in()
        source.sin_family = sa_family_t(AF_INET)
        let n = nextSource.add(1, ordering: .relaxed).oldValue
        let third = UInt32(1 + n % 250)
        let fourth = UInt32(1 + (n / 250) % 250)
        let host: UInt32 = 0x7F00_0000 | third << 8 | fourth
        source.sin_addr = in_addr(s_addr: host.bigEndian)
        _ = withUnsafePointer(to: &source) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // libFuzzer's timeout timer interrupts system calls (EINTR); the connect then goes on by
        // itself, and asking again says so (EALREADY while pending, EISCONN once done).
        var connected: Int32 = -1
        for _ in 0..<1000 {
            connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if connected == 0 { break }
            if errno == EISCONN {
                connected = 0
                break
            }
            guard errno == EINTR || errno == EALREADY else { break }
            usleep(1000)
        }
        if connected != 0 {
            // Release builds drop precondition messages: say why before stopping.
            let code = errno
            let message = Array("HTTP2SessionFuzzer: connect() to the fuzz server failed: errno \(code)\n".utf8)
            _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            preconditionFailure("connect() failed: errno \(code)")
        }

        // The server may close first (a connection error); what it did not read is then lost, as on
        // any real connection.
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { break }
                offset += sent
            }
        }
        shutdown(fd, Int32(SHUT_WR))

        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let received = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received > 0 { continue }
            if received == 0 || errno == ECONNRESET { return .closedByServer }
            if errno == EINTR { continue }
            return .serverKeptConnectionOpen
        }
    }
}
