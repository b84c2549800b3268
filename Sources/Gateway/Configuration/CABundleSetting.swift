import Foundation

/// `GATEWAY_CA_BUNDLE`: a PEM file of extra CA certificates trusted for outbound https (a TLS-inspecting
/// proxy's CA, say), on top of the system's. Checked at start, so a wrong path stops `serve` and
/// `check-config` with a clear message instead of every Azure call failing later.
enum CABundleSetting {
    static let variable = "GATEWAY_CA_BUNDLE"

    /// The bundle's path, or nil when unset; a problem when the file is missing, unreadable or holds
    /// no PEM certificate.
    static func load(environment: [String: String], problems: inout [ConfigurationError.Problem]) -> String? {
        guard let path = environment[variable]?.trimmingCharacters(in: .whitespaces), !path.isEmpty else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            problems.append(.init(setting: variable, message: "'\(path)' does not exist; it must be a PEM file of CA certificates"))
            return nil
        }
        guard !isDirectory.boolValue else {
            problems.append(.init(setting: variable, message: "'\(path)' is a directory; it must be a PEM file of CA certificates"))
            return nil
        }
        guard FileManager.default.isReadableFile(atPath: path), let contents = FileManager.default.contents(atPath: path) else {
            problems.append(.init(setting: variable, message: "'\(path)' cannot be read by the gateway's user; check its permissions"))
            return nil
        }
        guard contents.range(of: Data("-----BEGIN CERTIFICATE-----".utf8)) != nil else {
            problems.append(.init(setting: variable, message: "'\(path)' holds no PEM certificate (-----BEGIN CERTIFICATE-----)"))
            return nil
        }
        return path
    }
}
