import Foundation
import HTTPServer

/// Encodes gateway resources. Keys come from each type's CodingKeys (snake_case by design), sorted so
/// the same resource always serializes to the same bytes, and slashes are left unescaped so URLs
/// read as they are.
enum JSONResponse {
    static func make(_ status: HTTPStatus = .ok, _ value: some Encodable, headers: HTTPHeaders = HTTPHeaders()) throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return .json(status, [UInt8](try encoder.encode(value)), headers: headers)
    }
}

/// `{"items":[…],"next_cursor":…}`, the shape of every list.
struct ListPage<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }
}
