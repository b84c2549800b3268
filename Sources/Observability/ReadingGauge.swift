/// A gauge whose value lives elsewhere (e.g. the connection count held by the server) and is read
/// by calling `read` at scrape time, so the owner need not push every change.
struct ReadingGauge: Sendable {
    let name: String
    let help: String
    let read: @Sendable () -> Double

    /// This gauge's block of the text exposition. Must be called without holding the registry lock:
    /// `read` is foreign code.
    func exposition() -> String {
        PrometheusText.header(name: name, help: help, type: "gauge") + name + " " + PrometheusText.format(read()) + "\n"
    }
}
