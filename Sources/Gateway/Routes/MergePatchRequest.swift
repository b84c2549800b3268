import HTTPServer
import JSON

/// What every `PATCH` of the API shares: the body is an RFC 7396 merge patch (a JSON object), and an
/// `If-Match` that names another version than the stored one refuses the change (412) — checked after
/// the body, so a malformed request is a 400 whatever its header.
enum MergePatchRequest {
    static func patch(_ request: HTTPRequest, problemType: String) throws(HTTPError) -> JSONNode {
        let patch: JSONNode
        do {
            patch = try JSONParser().parse(request.body)
        } catch {
            throw HTTPError(.badRequest, detail: error.description, type: problemType, errors: [.init(pointer: "", detail: error.description)])
        }
        guard patch.objectMembers != nil else {
            throw HTTPError(.badRequest, detail: "A merge patch must be a JSON object.", type: problemType, errors: [.init(pointer: "", detail: "not an object")])
        }
        return patch
    }

    /// - Parameters:
    ///   - etag: the stored version, as the resource's `ETag` shows it.
    ///   - resource: "schedule", "webhook": named in the problem.
    static func checkIfMatch(_ request: HTTPRequest, etag: String, resource: String) throws(HTTPError) {
        guard let expected = request.headers["If-Match"], !expected.isEmpty, expected != "*", expected != etag else { return }
        throw HTTPError(
            .preconditionFailed, detail: "The \(resource) is at version \(etag), not \(expected); read it again and retry.", headers: ["ETag": etag])
    }
}
