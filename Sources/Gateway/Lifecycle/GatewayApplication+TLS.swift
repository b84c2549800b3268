import HTTPServer
import Observability

/// HTTPS bookkeeping for the application: saying which certificate is served, and rotating it on
/// SIGHUP (cert-manager and similar tools replace the files in place, then signal).
extension GatewayApplication {
    /// Re-reads the certificate and key for new connections; open connections keep theirs. A pair
    /// that does not load (half-written, mismatched, expired) is refused and the current one stays.
    public func reloadTLS() {
        do {
            guard let certificate = try server.reloadTLS() else { return }
            logger.info("TLS certificate reloaded", Self.fields(of: certificate))
        } catch {
            logger.error("TLS certificate not reloaded; keeping the current one", ["reason": .string(error.message)])
        }
    }

    /// One line at start naming the certificate, so an operator sees at once what is served and until when.
    func logTLSCertificate() {
        guard let certificate = server.tlsCertificate else { return }
        logger.info("serving HTTPS", Self.fields(of: certificate))
    }

    private static func fields(of certificate: TLSCertificateSummary) -> [String: LogValue] {
        ["subject": .string(certificate.subject), "not_after": .string(certificate.notAfter.formatted(.iso8601))]
    }
}
