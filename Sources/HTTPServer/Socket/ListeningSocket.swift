import CEpoll
import Glibc

/// The bound, listening, non-blocking server socket. `SO_REUSEADDR` lets a restart rebind at once;
/// `SO_REUSEPORT` is deliberately not set, so a second gateway on the same port fails loudly.
final class ListeningSocket: Sendable {
    let fd: Int32
    /// The address actually bound (the kernel's choice when port 0 was asked for).
    let boundAddress: SocketAddress

    init(address: SocketAddress, backlog: Int32 = 1024) throws(SystemError) {
        let domain = address.family == .ipv4 ? AF_INET : AF_INET6
        let fd = socket(domain, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError("socket") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = address.withSockAddr { bind(fd, $0, $1) }
        guard bound == 0 else {
            let error = SystemError("bind(\(address))")
            Glibc.close(fd)
            throw error
        }
        guard listen(fd, backlog) == 0 else {
            let error = SystemError("listen(\(address))")
            Glibc.close(fd)
            throw error
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        let port = Int(SocketAddress.from(storage: storage).split(separator: ":").last.flatMap { Int($0) } ?? address.port)
        self.fd = fd
        self.boundAddress = (try? SocketAddress(host: address.host, port: port)) ?? address
    }

    /// Accepts one pending connection: the new non-blocking fd and the peer's `ip:port`, or nil
    /// when none is pending. Transient errors (ECONNABORTED, EMFILE…) also return nil.
    func acceptOne() -> (fd: Int32, peer: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let client = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                accept4(fd, $0, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            }
        }
        guard client >= 0 else { return nil }
        var one: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return (client, SocketAddress.from(storage: storage))
    }

    func close() {
        _ = Glibc.close(fd)
    }
}
