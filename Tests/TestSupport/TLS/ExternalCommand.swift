import Foundation
import Glibc

/// Runs a command-line client (curl, `openssl s_client`) to completion with its stdout and stderr
/// collected, without blocking a cooperative thread while it runs; killed after `timeout` so a hung
/// client fails the test instead of stalling the run. Output must stay small (it is read at exit).
public enum ExternalCommand {
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String
    }

    public static func isAvailable(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    public static func run(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(20)
    ) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(timeout.components.seconds * 1000))) {
                // SIGKILL: Foundation starts children with SIGTERM blocked.
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        // The clients used here print a few KiB at most, well under a pipe's buffer, so reading after
        // exit cannot deadlock; the child has exited, so this read ends at once.
        let data = (try? output.fileHandleForReading.readToEnd()) ?? Data()
        return Outcome(status: status, output: String(decoding: data, as: UTF8.self))
    }
}
