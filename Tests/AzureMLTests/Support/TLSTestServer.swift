import Foundation
import Glibc

/// `openssl s_server -www` on 127.0.0.1 with a self-signed certificate for `IP:127.0.0.1`, generated
/// into a fresh temporary directory. `stop()` ends the process and removes the directory; call it
/// on every path (the test's `defer`).
final class TLSTestServer: @unchecked Sendable {
    // @unchecked: `process` is started in init and only terminated afterwards (Process is
    // thread-safe for that); the other properties are immutable.
    static let openssl = "/usr/bin/openssl"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: openssl) }

    let directory: URL
    let certificatePath: String
    let port: Int
    private let process: Process

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    private init(directory: URL, certificatePath: String, port: Int, process: Process) {
        self.directory = directory
        self.certificatePath = certificatePath
        self.port = port
        self.process = process
    }

    static func start() async throws -> TLSTestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        do {
            let status = try await run([
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
            ])
            guard status == 0 else { throw StartError(description: "openssl req exited \(status)") }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = ["s_server", "-www", "-accept", "127.0.0.1:0", "-cert", certificate, "-key", key]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            // The port is on s_server's first line ("ACCEPT 127.0.0.1:PORT"). The blocking read runs on a
            // Dispatch thread, never the cooperative pool; a watchdog ends a server that says nothing.
            let watchdog = DispatchWorkItem { Self.kill(process) }
            DispatchQueue.global().asyncAfter(deadline: .now() + 10, execute: watchdog)
            let port = await withCheckedContinuation { (continuation: CheckedContinuation<Int?, Never>) in
                DispatchQueue.global().async {
                    continuation.resume(returning: Self.readPort(from: output.fileHandleForReading))
                }
            }
            watchdog.cancel()
            guard let port else {
                Self.kill(process)
                process.waitUntilExit()
                throw StartError(description: "openssl s_server did not report its port")
            }
            return TLSTestServer(directory: directory, certificatePath: certificate, port: port, process: process)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    func stop() {
        Self.kill(process)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// SIGKILL: Foundation's Process starts children with most signals blocked (SIGTERM included), so
    /// `terminate()` would not end the server.
    private static func kill(_ process: Process) {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    private static func readPort(from handle: FileHandle) -> Int? {
        var text = ""
        while true {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if let line = lines.first(where: { $0.hasPrefix("ACCEPT ") }), let portText = line.split(separator: ":").last {
                return Int(portText.trimmingCharacters(in: .whitespaces))
            }
            let data = handle.availableData
            if data.isEmpty { return nil }
            text += String(decoding: data, as: UTF8.self)
        }
    }

    /// Runs openssl to completion without blocking a cooperative thread.
    private static func run(_ arguments: [String]) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }
}
