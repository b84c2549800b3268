import HTTPServer

/// An error answer of the pipelines service: `{"Error":{"Code","Message"}}`, PascalCase.
///
/// The SDK shows `(Code) Message` only for exactly this casing; a lower-case `error` body or an
/// empty one gives its users "Operation returned an invalid status code", so every emulator error
/// on Azure's paths uses this shape.
struct AzureError: Error, Sendable, Equatable {
    var status: HTTPStatus
    var code: String
    var message: String
    var headers: HTTPHeaders = HTTPHeaders()

    var body: JSONValue {
        .object(["Error": .object(["Code": .string(code), "Message": .string(message)])])
    }

    var response: HTTPResponse {
        HTTPResponse.json(status, body.serialized, headers: headers)
    }

    static func badRequest(_ code: String, _ message: String) -> AzureError {
        AzureError(status: .badRequest, code: code, message: message)
    }

    static func notFound(_ code: String, _ message: String) -> AzureError {
        AzureError(status: .notFound, code: code, message: message)
    }

    /// The code a status stands for when nothing more specific is known (router refusals, faults).
    static func genericCode(for status: Int) -> String {
        switch status {
        case 400: "BadRequest"
        case 401: "AuthenticationFailed"
        case 403: "AuthorizationFailed"
        case 404: "NotFound"
        case 405: "MethodNotAllowed"
        case 408: "RequestTimeout"
        case 409: "Conflict"
        case 429: "TooManyRequests"
        case 500: "InternalServerError"
        case 502: "BadGateway"
        case 503: "ServiceUnavailable"
        case 504: "GatewayTimeout"
        default: "Status\(status)"
        }
    }
}
