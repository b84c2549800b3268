import Glibc

/// A failed system call: which call and errno, so start-up failures read like
/// "bind(127.0.0.1:8080): Address already in use".
public struct SystemError: Error, Sendable, CustomStringConvertible {
    public var call: String
    public var errno: Int32

    public init(_ call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// Captures the current `errno` right after the failed call.
    init(_ call: String) {
        self.init(call, errno: Glibc.errno)
    }

    public var description: String { "\(call): \(String(cString: strerror(errno)))" }
}
