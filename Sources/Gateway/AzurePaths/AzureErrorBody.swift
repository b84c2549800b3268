import HTTPServer
import Observability
import Storage

/// Azure's error shape for the gateway's answers on Azure's own paths (DESIGN "Errors on Azure's
/// paths"): `{"Error":{"Code","Message","Details":[{"Code","Message","Target"}]}}`, because the SDK,
/// Logic Apps and Data Factory parse that and not problem+json. Statuses stay those of the `/v1` answer.
enum AzureErrorBody {
    /// The prefix of every Azure path the gateway serves.
    static let pathPrefix = "/pipelines/v1.0/"

    static func applies(to request: HTTPRequest) -> Bool {
        (request.route ?? String(request.path)).hasPrefix(pathPrefix)
    }

    static func response(_ error: HTTPError) -> HTTPResponse {
        let azureCode = error.extensions.first { $0.0 == "azure_code" }?.1
        let code = azureCode ?? code(for: error.status.code)
        var json = "{\"Error\":{\"Code\":\(JSONText.quote(code)),\"Message\":\(JSONText.quote(error.detail))"
        json += ",\"Details\":["
        json += error.errors.map { field in
            "{\"Code\":\"ValidationError\",\"Message\":\(JSONText.quote(field.detail)),\"Target\":\(JSONText.quote(field.pointer))}"
        }.joined(separator: ",")
        json += "]}}"
        var headers = error.headers
        headers.set("Content-Type", "application/json; charset=utf-8")
        return HTTPResponse(status: error.status, headers: headers, body: Array(json.utf8))
    }

    /// Azure-style codes for the statuses the gateway answers with.
    static func code(for status: Int) -> String {
        switch status {
        case 400: "BadRequest"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 405: "MethodNotAllowed"
        case 409: "Conflict"
        case 413: "RequestEntityTooLarge"
        case 415: "UnsupportedMediaType"
        case 422: "ValidationError"
        case 429: "TooManyRequests"
        case 502: "BadGateway"
        case 503: "ServiceUnavailable"
        case 504: "GatewayTimeout"
        default: status >= 500 ? "InternalServerError" : "BadRequest"
        }
    }
}

/// The gateway's error renderer: Azure's shape on Azure's paths, problem+json everywhere else.
enum GatewayErrorRenderer {
    static func render(_ error: any Error, _ request: HTTPRequest) -> HTTPResponse {
        var error = error
        if let storeError = error as? StoreError {
            // The database's own words name files and internals; the caller learns what it can act on.
            error = HTTPError(
                .serviceUnavailable,
                detail: "The gateway's database is unavailable, so nothing was recorded or sent; retry shortly.",
                headers: ["Retry-After": "5"], extensions: [("reason", storeError == .closed ? "shutting_down" : "database")])
        }
        if AzureErrorBody.applies(to: request), let error = error as? HTTPError {
            return AzureErrorBody.response(error)
        }
        return ProblemRenderer.render(error, request)
    }
}
