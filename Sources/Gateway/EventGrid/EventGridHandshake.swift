import HTTPServer
import JSON

/// Event Grid's two ways of asking an endpoint whether it wants events, answered alike by the
/// storage route and by `eventgrid` webhooks.
enum EventGridHandshake {
    /// The Event Grid schema's: echo the SubscriptionValidation event's code (only 200 counts).
    static func validationAnswer(code: String) -> HTTPResponse {
        var writer = JSONWriter()
        writer.beginObject()
        writer.writeKey("validationResponse")
        writer.writeString(code)
        writer.endObject()
        return .json(.ok, writer.bytes)
    }

    /// CloudEvents' abuse protection (`OPTIONS` with `WebHook-Request-Origin`): the origin asked about
    /// is allowed, at any rate.
    static func optionsAnswer(_ request: HTTPRequest) -> HTTPResponse {
        var headers: HTTPHeaders = ["Allow": "POST, OPTIONS"]
        if let origin = request.headers["WebHook-Request-Origin"], !origin.isEmpty {
            headers.set("WebHook-Allowed-Origin", origin)
            if request.headers["WebHook-Request-Rate"] != nil { headers.set("WebHook-Allowed-Rate", "*") }
        }
        return HTTPResponse(status: .ok, headers: headers)
    }
}
