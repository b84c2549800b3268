import Foundation
import HTTPServer

extension HTTPRequest {
    /// The body parsed as `application/x-www-form-urlencoded`.
    var formFields: [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            fields[name] = value
        }
        return fields
    }

    var queryFields: [String: String] {
        Dictionary(queryItems.map { ($0.name, $0.value) }) { first, _ in first }
    }
}
