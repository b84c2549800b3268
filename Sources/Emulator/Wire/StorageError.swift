import Foundation
import HTTPServer

/// An error answer of the emulated Blob service, in Storage's shape (reference §8): an XML body
/// `<Error><Code>…</Code><Message>…</Message></Error>` whose message ends with `RequestId:` and
/// `Time:` lines, and the code repeated in `x-ms-error-code`.
struct StorageError: Error, Sendable, Equatable {
    var status: HTTPStatus
    var code: String
    var message: String
    var headers: HTTPHeaders = HTTPHeaders()

    func response(now: Date) -> HTTPResponse {
        let requestID = UUID().uuidString.lowercased()
        let detail = "\(message)\nRequestId:\(requestID)\nTime:\(AzureTimestamp.format(now))"
        let body = #"<?xml version="1.0" encoding="utf-8"?>"#
            + "<Error>\(XMLText.element("Code", code))\(XMLText.element("Message", detail))</Error>"
        var headers = headers
        headers.set("Content-Type", "application/xml")
        headers.set("x-ms-error-code", code)
        headers.set("x-ms-request-id", requestID)
        return HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    static func badRequest(_ code: String, _ message: String) -> StorageError {
        StorageError(status: .badRequest, code: code, message: message)
    }

    static let containerNotFound = StorageError(
        status: .notFound, code: "ContainerNotFound", message: "The specified container does not exist.")

    /// Storage's 401s point the caller at the token issuer and the audience it expects.
    static func unauthorized(_ code: String, _ message: String) -> StorageError {
        let challenge = "Bearer authorization_uri=https://login.microsoftonline.com/\(WorkspaceScope.tenantID)/oauth2/authorize"
            + " resource_id=https://storage.azure.com"
        return StorageError(status: .unauthorized, code: code, message: message, headers: ["WWW-Authenticate": challenge])
    }

    /// Rewrites the pipelines-shaped errors `OperationGate` writes itself (injected faults) into
    /// Storage's shape, keeping status and headers (`Retry-After`). Other answers pass unchanged.
    static func restyle(_ reply: HTTPReply, now: @escaping @Sendable () -> Date) -> HTTPReply {
        reply.map { response in
            guard response.status.code >= 400, !response.resetsConnection,
                  let error = JSONValue.parse(response.body)?.objectValue?["Error"]?.objectValue
            else { return response }
            var headers = response.headers
            headers.remove("Content-Type")
            headers.remove("Content-Length")
            return StorageError(
                status: response.status,
                code: error["Code"]?.stringValue ?? AzureError.genericCode(for: response.status.code),
                message: error["Message"]?.stringValue ?? "",
                headers: headers
            ).response(now: now())
        }
    }
}
