import HTTPServer

/// The error shape of ARM and of the run-history and artifact services,
/// `{"error":{"code","message","details":[]}}`, lower-case, unlike the pipelines service's
/// `{"Error":{"Code","Message"}}`. The SDK's run-history client needs `details` (a list) even to
/// print its exception.
///
/// Route groups of those services throw `AzureError` like every other group and pass their replies
/// through `restyle`, which rewrites any PascalCase error answer, including the ones
/// `OperationGate` writes itself (401, workspace 404s, injected faults), into this shape.
enum LowercaseAzureError {
    static func body(code: String, message: String) -> JSONValue {
        .object(["error": .object(["code": .string(code), "message": .string(message), "details": .array([])])])
    }

    static func restyle(_ reply: HTTPReply) -> HTTPReply {
        reply.map(restyle)
    }

    /// The same status and headers with the error re-shaped; anything that is not a PascalCase
    /// error answer (a success, a connection reset) is returned as it is.
    static func restyle(_ response: HTTPResponse) -> HTTPResponse {
        guard response.status.code >= 400, !response.resetsConnection,
              let error = JSONValue.parse(response.body)?.objectValue?["Error"]?.objectValue
        else { return response }
        var restyled = response
        restyled.body = body(
            code: error["Code"]?.stringValue ?? AzureError.genericCode(for: response.status.code),
            message: error["Message"]?.stringValue ?? "").serialized
        return restyled
    }
}
