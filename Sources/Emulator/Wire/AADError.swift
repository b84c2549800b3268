import Foundation
import HTTPServer
import Observability

/// An error answer of the Azure AD token endpoints: snake_case `error` + `error_description`
/// starting with an `AADSTS` code, plus the diagnostic fields the real service adds.
struct AADError: Error, Sendable {
    var status: HTTPStatus
    var error: String
    var description: String
    var codes: [Int]

    func response(now: Date) -> HTTPResponse {
        let correlation = UUID().uuidString.lowercased()
        let body: JSONValue = .object([
            "error": .string(error),
            "error_description": .string(description),
            "error_codes": .array(codes.map(JSONValue.int)),
            "timestamp": .string(rfc3339UTC(now, milliseconds: false).replacingOccurrences(of: "T", with: " ")),
            "trace_id": .string(UUID().uuidString.lowercased()),
            "correlation_id": .string(correlation),
        ])
        return HTTPResponse.json(status, body.serialized)
    }

    /// AADSTS900144: a required form field is missing.
    static func missingField(_ name: String) -> AADError {
        AADError(
            status: .badRequest, error: "invalid_request",
            description: "AADSTS900144: The request body must contain the following parameter: '\(name)'.", codes: [900144])
    }
}
