/// Why a certificate pair (or client CA bundle) cannot be used, in words an operator can act on.
/// Names the file and the problem, never its contents: key material must not reach logs.
public struct TLSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which of the configured files is at fault, so callers can name their own setting for it.
    public enum File: Sendable, Equatable {
        case certificate
        case privateKey
        case clientCA
    }

    public var file: File
    public var message: String

    public init(file: File, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { message }
}
