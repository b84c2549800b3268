import COpenSSL
import Foundation
import Glibc

/// Loads the certificate chain, private key and client CAs into an `SSL_CTX`, checking each file
/// the way an operator would want it explained: exists, readable, holds what it should, the key
/// belongs to the certificate, the certificate has not expired. Messages name files, never contents.
enum TLSCredentialLoader {
    static func load(_ configuration: TLSConfiguration, into handle: OpaquePointer) throws(TLSConfigurationError) -> TLSCertificateSummary {
        let certificatePath = configuration.certificatePath
        let keyPath = configuration.privateKeyPath
        try checkReadable(certificatePath, file: .certificate, holds: "the certificate (PEM)")
        try checkReadable(keyPath, file: .privateKey, holds: "the private key (PEM)")
        guard SSL_CTX_use_certificate_chain_file(handle, certificatePath) == 1, let leaf = SSL_CTX_get0_certificate(handle) else {
            throw TLSConfigurationError(
                file: .certificate, message: "'\(certificatePath)' holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        let summary = summarize(leaf)
        if let notAfter = X509_get0_notAfter(leaf), X509_cmp_current_time(notAfter) < 0 {
            throw TLSConfigurationError(
                file: .certificate,
                message: "the certificate in '\(certificatePath)' expired on \(ISO8601DateFormatter().string(from: summary.notAfter)); install a renewed one")
        }
        let key = try readPrivateKey(keyPath)
        defer { EVP_PKEY_free(key) }
        guard X509_check_private_key(leaf, key) == 1 else {
            throw TLSConfigurationError(
                file: .privateKey, message: "the private key in '\(keyPath)' does not belong to the certificate in '\(certificatePath)'")
        }
        guard SSL_CTX_use_PrivateKey(handle, key) == 1, SSL_CTX_check_private_key(handle) == 1 else {
            throw TLSConfigurationError(file: .privateKey, message: "OpenSSL refused the private key in '\(keyPath)'")
        }
        if let caPath = configuration.clientCAPath {
            try loadClientCAs(caPath, into: handle)
        }
        return summary
    }

    /// Trusts `path`'s CAs for client certificates, names them in the CertificateRequest, and
    /// requires every client to present one.
    private static func loadClientCAs(_ path: String, into handle: OpaquePointer) throws(TLSConfigurationError) {
        try checkReadable(path, file: .clientCA, holds: "CA certificates (PEM)")
        guard SSL_CTX_load_verify_locations(handle, path, nil) == 1, let names = SSL_load_client_CA_file(path) else {
            throw TLSConfigurationError(file: .clientCA, message: "'\(path)' holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        SSL_CTX_set_client_CA_list(handle, names)
        SSL_CTX_set_verify(handle, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
    }

    /// The key, refusing encrypted ones up front: OpenSSL's default would prompt on the terminal.
    private static func readPrivateKey(_ path: String) throws(TLSConfigurationError) -> OpaquePointer {
        // Only the PEM labels are looked at; the bytes go out of scope at once and are never logged.
        if let contents = FileManager.default.contents(atPath: path),
            contents.range(of: Data("ENCRYPTED".utf8)) != nil {
            throw TLSConfigurationError(
                file: .privateKey,
                message: "'\(path)' holds a passphrase-protected key; give the gateway an unencrypted key and protect the file's permissions instead")
        }
        guard let bio = BIO_new_file(path, "r") else {
            throw TLSConfigurationError(file: .privateKey, message: "'\(path)' cannot be opened")
        }
        defer { BIO_free(bio) }
        // A callback that supplies no passphrase, so nothing ever waits on a terminal.
        guard let key = PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil) else {
            throw TLSConfigurationError(file: .privateKey, message: "'\(path)' holds no PEM private key (-----BEGIN PRIVATE KEY-----)")
        }
        return key
    }

    private static func checkReadable(_ path: String, file: TLSConfigurationError.File, holds what: String) throws(TLSConfigurationError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw TLSConfigurationError(file: file, message: "'\(path)' does not exist; it must be a file with \(what)")
        }
        guard status.st_mode & S_IFMT != S_IFDIR else {
            throw TLSConfigurationError(file: file, message: "'\(path)' is a directory; it must be a file with \(what)")
        }
        guard access(path, R_OK) == 0 else {
            throw TLSConfigurationError(file: file, message: "'\(path)' cannot be read by the gateway's user; check its permissions")
        }
    }

    private static func summarize(_ certificate: OpaquePointer) -> TLSCertificateSummary {
        var buffer = [CChar](repeating: 0, count: 512)
        let subject = X509_NAME_oneline(X509_get_subject_name(certificate), &buffer, Int32(buffer.count)).map { String(cString: $0) } ?? ""
        var notAfter = Date.distantFuture
        var time = tm()
        if let asn1 = X509_get0_notAfter(certificate), ASN1_TIME_to_tm(asn1, &time) == 1 {
            notAfter = Date(timeIntervalSince1970: TimeInterval(timegm(&time)))
        }
        return TLSCertificateSummary(subject: subject, notAfter: notAfter)
    }
}
