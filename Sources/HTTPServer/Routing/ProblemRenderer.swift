import Observability

/// RFC 9457 problem details: the error body of every `/v1` answer and of the server's own refusals.
public struct ProblemDetails: Sendable, Equatable {
    /// One field-level problem, located by JSON pointer (RFC 6901) into the request body.
    public struct FieldError: Sendable, Equatable {
        public var pointer: String
        public var detail: String
        public init(pointer: String, detail: String) {
            self.pointer = pointer
            self.detail = detail
        }
    }

    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var instance: String?
    public var errors: [FieldError]
    /// Extension members with string values, written after the standard ones.
    public var extensions: [(String, String)]

    public init(
        type: String = "about:blank", title: String, status: Int, detail: String, instance: String? = nil, errors: [FieldError] = [],
        extensions: [(String, String)] = []
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
        self.errors = errors
        self.extensions = extensions
    }

    public static func == (lhs: ProblemDetails, rhs: ProblemDetails) -> Bool {
        lhs.type == rhs.type && lhs.title == rhs.title && lhs.status == rhs.status && lhs.detail == rhs.detail
            && lhs.instance == rhs.instance && lhs.errors == rhs.errors && lhs.extensions.elementsEqual(rhs.extensions) { $0 == $1 }
    }

    /// The JSON text, keys in the RFC's order.
    public var json: String {
        var out = "{\"type\":\(JSONText.quote(type)),\"title\":\(JSONText.quote(title)),\"status\":\(status),\"detail\":\(JSONText.quote(detail))"
        if let instance { out += ",\"instance\":\(JSONText.quote(instance))" }
        for (name, value) in extensions { out += ",\(JSONText.quote(name)):\(JSONText.quote(value))" }
        if !errors.isEmpty {
            out += ",\"errors\":["
            out += errors.map { "{\"pointer\":\(JSONText.quote($0.pointer)),\"detail\":\(JSONText.quote($0.detail))}" }.joined(separator: ",")
            out += "]"
        }
        return out + "}"
    }

    public func response(headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var h = headers
        h.set("Content-Type", HTTPResponse.problemContentType)
        return HTTPResponse(status: HTTPStatus(code: status), headers: h, body: Array(json.utf8))
    }
}

/// The default `ErrorRenderer`: `HTTPError` keeps its status and detail; anything else is a 500 that
/// names only the request id, because an unexpected error's text may carry internals.
public enum ProblemRenderer {
    public static func render(_ error: any Error, _ request: HTTPRequest) -> HTTPResponse {
        if let error = error as? HTTPError {
            return ProblemDetails(
                type: error.type, title: error.title ?? error.status.reasonPhrase, status: error.status.code, detail: error.detail,
                errors: error.errors, extensions: error.extensions
            ).response(headers: error.headers)
        }
        return ProblemDetails(
            title: HTTPStatus.internalServerError.reasonPhrase, status: 500,
            detail: "The server failed to answer this request; quote the request id when reporting it.",
            instance: "urn:request:\(request.requestID)"
        ).response()
    }
}
