/// What the HTTP layer hands over: header names lower-cased, query parameters decoded, the raw body bytes.
///
/// The body stays raw because every scheme signs the exact bytes sent: parsing and re-serialising
/// JSON before verifying would fail honest senders and is not how signatures work.
public struct DeliveryRequest: Sendable {
    /// Header values by lower-cased name.
    public var headers: [String: String]
    /// Query parameters, percent-decoded.
    public var query: [String: String]
    /// The body exactly as received.
    public var body: [UInt8]

    /// A request as the HTTP layer read it.
    public init(headers: [String: String], query: [String: String], body: [UInt8]) {
        self.headers = headers
        self.query = query
        self.body = body
    }

    /// The header's value without surrounding whitespace; nil when absent or empty, which senders and
    /// proxies both use to mean "not sent".
    func header(_ lowerCasedName: String) -> String? {
        guard let raw = headers[lowerCasedName] else { return nil }
        let value = raw.trimmingASCIIWhitespace()
        return value.isEmpty ? nil : value
    }

    /// The header's value, or a `missingHeader` failure that names it as senders spell it.
    func requiredHeader(_ lowerCasedName: String, displayName: String) throws(VerificationFailure) -> String {
        guard let value = header(lowerCasedName) else {
            throw VerificationFailure(check: .missingHeader, detail: "the \(displayName) header is missing")
        }
        return value
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
