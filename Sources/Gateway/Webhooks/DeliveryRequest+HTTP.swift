import HTTPServer
import Webhooks

extension DeliveryRequest {
    /// What a verifier sees of a delivery: header names lower-cased, query values decoded, the raw
    /// body (signatures are over the bytes as sent, never a re-serialised parse).
    init(_ request: HTTPRequest) {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.lowercased()] = field.value }
        var query: [String: String] = [:]
        for item in request.queryItems { query[item.name] = item.value }
        self.init(headers: headers, query: query, body: request.body)
    }
}
