import Foundation

/// Outbound calls honour `HTTPS_PROXY`/`https_proxy`, `http_proxy` and `NO_PROXY` (libcurl, under
/// `HTTPTransport`, reads them for every transfer).
/// Two destinations must never go through a proxy: loopback (the built-in emulator) and the instance
/// metadata service, which rejects proxied requests. They are added to `NO_PROXY` once, at start-up,
/// before any transport exists.
public enum ProxyBypass {
    public static let alwaysDirect = ["127.0.0.1", "localhost", "::1", "169.254.169.254"]

    /// `existing` (comma-separated, either case's variable) plus `hosts` not already listed.
    public static func merged(existing: String?, adding hosts: [String]) -> String {
        var entries = (existing ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if entries.contains("*") { return entries.joined(separator: ",") }
        for host in hosts where !entries.contains(where: { $0.caseInsensitiveCompare(host) == .orderedSame }) {
            entries.append(host)
        }
        return entries.joined(separator: ",")
    }

    /// Sets `NO_PROXY` and `no_proxy` to the merged list, plus the IMDS host of `imdsEndpoint` when
    /// configured. Call before any thread starts: `setenv` is not thread-safe.
    public static func apply(environment: [String: String]) {
        var hosts = alwaysDirect
        if let imds = environment["AZURE_IMDS_ENDPOINT"].flatMap(URL.init(string:))?.host, !hosts.contains(imds) {
            hosts.append(imds)
        }
        let value = merged(existing: environment["no_proxy"] ?? environment["NO_PROXY"], adding: hosts)
        setenv("no_proxy", value, 1)
        setenv("NO_PROXY", value, 1)
    }
}
