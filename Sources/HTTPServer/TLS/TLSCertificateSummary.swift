public import Foundation

/// What the server certificate in force says about itself, for start-up and reload log lines (which
/// certificate is served and until when), and for tests checking that a reload took effect.
public struct TLSCertificateSummary: Sendable, Equatable {
    /// The subject in OpenSSL's one-line form, e.g. `/CN=gateway.example`.
    public var subject: String
    /// The end of the validity period.
    public var notAfter: Date

    public init(subject: String, notAfter: Date) {
        self.subject = subject
        self.notAfter = notAfter
    }
}
