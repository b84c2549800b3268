import Foundation
import Testing

/// The Dockerfile and README cannot be exercised here (no Docker daemon), so check what can be:
/// every file the image copies exists, and the image is wired as DESIGN.md requires.
@Suite struct DeploymentFilesTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ name: String) throws -> String {
        try String(contentsOf: repo.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func dockerfile_copiesOnlyFilesThatExist() throws {
        let copies = try Self.text("Dockerfile").split(separator: "\n").filter { $0.hasPrefix("COPY ") && !$0.contains("--from=") }
        #expect(!copies.isEmpty)
        for line in copies {
            let sources = line.split(separator: " ").dropFirst().dropLast()
            for source in sources {
                #expect(FileManager.default.fileExists(atPath: Self.repo.appendingPathComponent(String(source)).path), "\(line)")
            }
        }
    }

    @Test func dockerfile_runsAsNonRootWithHealthcheckOnPublicPort() throws {
        let dockerfile = try Self.text("Dockerfile")
        #expect(dockerfile.contains("EXPOSE 8080"))
        #expect(dockerfile.contains("ENV GATEWAY_LISTEN=0.0.0.0:8080"))
        #expect(dockerfile.contains("HEALTHCHECK"))
        #expect(dockerfile.contains("/healthz"))
        let user = dockerfile.split(separator: "\n").last { $0.hasPrefix("USER ") }
        #expect(user != nil && user != "USER root")
    }

    @Test func readme_startsWithTheTwoCommands_andDockerExamplePassesKeys() throws {
        let readme = try Self.text("README.md")
        let top = readme.split(separator: "\n").prefix(6).joined(separator: "\n")
        #expect(top.contains("make run"))
        #expect(top.contains("make test"))
        #expect(readme.contains("docker run") && readme.contains("GATEWAY_API_KEYS="))
    }

    @Test func ciRunsTheReadmeTestCommand() throws {
        #expect(try Self.text(".ci/run").contains("make test"))
    }
}
