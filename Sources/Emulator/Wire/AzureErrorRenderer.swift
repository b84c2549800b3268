import HTTPServer

/// Renders the router's own refusals (unknown path → 404, wrong method → 405) in Azure's error
/// shape, so a client pointed at a wrong URL sees what Azure's front door would send
/// (`{"Error":{"Code":"NotFound",…}}`), not the gateway's problem+json.
enum AzureErrorRenderer {
    static func render(_ error: any Error, _ request: HTTPRequest) -> HTTPResponse {
        if let error = error as? AzureError { return error.response }
        if let error = error as? HTTPError {
            return AzureError(
                status: error.status, code: AzureError.genericCode(for: error.status.code), message: error.detail,
                headers: error.headers
            ).response
        }
        return AzureError(
            status: .internalServerError, code: "InternalServerError",
            message: "The emulator failed to answer request \(request.requestID)."
        ).response
    }
}
