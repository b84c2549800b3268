import Foundation

/// A throwaway certificate authority in a temporary directory, made with the `openssl` command:
/// a CA, then server or client pairs it signs (with `IP:127.0.0.1` and `DNS:localhost`), including
/// expired ones. Call `remove()` when done (a `defer` in the test).
public final class TestCertificates: Sendable {
    public static let openssl = "/usr/bin/openssl"
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: openssl) }

    /// A certificate and its private key, as PEM files.
    public struct Pair: Sendable {
        public var certificatePath: String
        public var keyPath: String

        public init(certificatePath: String, keyPath: String) {
            self.certificatePath = certificatePath
            self.keyPath = keyPath
        }
    }

    public struct GenerationError: Error, CustomStringConvertible {
        public var description: String
    }

    public let directory: String
    /// The CA certificate, for `curl --cacert`, verifying clients, or `GATEWAY_TLS_CLIENT_CA`.
    public let caPath: String
    private let caKeyPath: String

    private init(directory: String) {
        self.directory = directory
        caPath = directory + "/ca.pem"
        caKeyPath = directory + "/ca.key"
    }

    /// A new CA in a fresh temporary directory.
    public static func make(commonName: String = "Gateway Test CA") async throws -> TestCertificates {
        let directory = NSTemporaryDirectory() + "gateway-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let certificates = TestCertificates(directory: directory)
        do {
            try await run([
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=\(commonName)", "-keyout", certificates.caKeyPath, "-out", certificates.caPath,
            ])
        } catch {
            certificates.remove()
            throw error
        }
        return certificates
    }

    /// A pair signed by this CA, valid for `days` from now (negative: already expired), usable by a
    /// server on 127.0.0.1/localhost and as a client certificate.
    public func issue(_ name: String, days: Int = 2) async throws -> Pair {
        let pair = Pair(certificatePath: "\(directory)/\(name).pem", keyPath: "\(directory)/\(name).key")
        let request = "\(directory)/\(name).csr"
        let extensions = "\(directory)/\(name).ext"
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n"
            .write(toFile: extensions, atomically: true, encoding: .utf8)
        try await Self.run([
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=\(name)",
            "-keyout", pair.keyPath, "-out", request,
        ])
        try await Self.run([
            "x509", "-req", "-in", request, "-CA", caPath, "-CAkey", caKeyPath, "-CAcreateserial", "-days", String(days),
            "-extfile", extensions, "-out", pair.certificatePath,
        ])
        return pair
    }

    /// Deletes the directory and everything issued.
    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs openssl to completion without blocking a cooperative thread.
    static func run(_ arguments: [String]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else { throw GenerationError(description: "openssl \(arguments.prefix(2).joined(separator: " ")) exited \(status)") }
    }
}
