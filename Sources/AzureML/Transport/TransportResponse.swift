public import Foundation

/// An HTTP answer as received: status, headers (names lower-cased) and the whole body.
public struct TransportResponse: Sendable {
    public var status: Int
    /// Header values by lower-cased name.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.body = body
    }

    /// The value of header `name`, compared without regard to case.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
