import Foundation
import HTTPServer

/// `?limit=` and `?cursor=` of every list (DESIGN "API contract"): limit 1–500, default 50; the cursor
/// is opaque to clients (an offset today, so it may change form without breaking them).
struct ListQuery: Sendable {
    var limit: Int
    var offset: Int

    static let defaultLimit = 50
    static let maxLimit = 500

    init(_ request: HTTPRequest) throws(HTTPError) {
        limit = try Self.limit(request)
        offset = 0
        if let cursor = request.query("cursor") {
            guard let value = Self.decode(cursor) else { throw QueryProblem.invalid("cursor", "is not a cursor this gateway issued") }
            offset = value
        }
    }

    /// `?limit=`, 1–500, default 50.
    static func limit(_ request: HTTPRequest) throws(HTTPError) -> Int {
        guard let text = request.query("limit") else { return defaultLimit }
        guard let value = Int(text), (1...maxLimit).contains(value) else {
            throw QueryProblem.invalid("limit", "must be a whole number from 1 to \(maxLimit)")
        }
        return value
    }

    /// `?cursor=` of a list the store pages by sequence; nil on the first page, 400 for a foreign cursor.
    static func sequenceCursor(_ request: HTTPRequest) throws(HTTPError) -> Int64? {
        guard let text = request.query("cursor") else { return nil }
        guard let sequence = decodeSequence(text) else { throw QueryProblem.invalid("cursor", "is not a cursor this gateway issued") }
        return sequence
    }

    /// A cursor for stores that page by position (`s:` + the last row's sequence number).
    static func encodeSequence(_ sequence: Int64) -> String {
        opaque("s", sequence)
    }

    static func decodeSequence(_ cursor: String) -> Int64? {
        reveal(cursor, "s").flatMap { $0 > 0 ? $0 : nil }
    }

    /// `kind:number`, base64 without padding: opaque to clients, so its form can change.
    private static func opaque(_ kind: String, _ number: Int64) -> String {
        Data("\(kind):\(number)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// The number of an `opaque` cursor of `kind`; nil for anything else.
    private static func reveal(_ cursor: String, _ kind: String) -> Int64? {
        var text = cursor
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8), plain.hasPrefix(kind + ":"),
              let number = Int64(plain.dropFirst(kind.count + 1)), number >= 0 else { return nil }
        return number
    }

    /// One page of `items` and the cursor of the next page, if any.
    func page<T>(_ items: [T]) -> (items: [T], nextCursor: String?) {
        guard offset < items.count else { return ([], nil) }
        let end = min(items.count, offset + limit)
        return (Array(items[offset..<end]), end < items.count ? Self.encode(end) : nil)
    }

    static func encode(_ offset: Int) -> String {
        opaque("o", Int64(offset))
    }

    static func decode(_ cursor: String) -> Int? {
        reveal(cursor, "o").flatMap { Int(exactly: $0) }
    }
}

/// A 400 naming the query parameter that is wrong.
enum QueryProblem {
    static func invalid(_ name: String, _ problem: String) -> HTTPError {
        HTTPError(.badRequest, detail: "Query parameter '\(name)' \(problem).",
                  type: "https://pipeline-gateway.dev/problems/invalid-query", extensions: [("parameter", name)])
    }
}
