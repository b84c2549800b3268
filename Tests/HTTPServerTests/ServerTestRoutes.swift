import HTTPServer
import TestSupport

/// The small application the integration tests serve: an echo, a slow async route and a fixed one.
enum ServerTestRoutes {
    static func router() -> Router {
        var router = Router()
        router.on(.GET, "/hello") { _ in HTTPResponse.text(.ok, "hello") }
        router.on(.POST, "/echo") { request in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: request.body)
        }
        router.on(.GET, "/items/{id}") { request in HTTPResponse.text(.ok, "item \(request.pathParameters["id"] ?? "?")") }
        router.on(.GET, "/slow", async: { request in
            let ms = Int(request.query("ms") ?? "200") ?? 200
            try await Task.sleep(for: .milliseconds(ms))
            return HTTPResponse.text(.ok, "slow \(ms)")
        })
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
        router.on(.GET, "/big") { _ in HTTPResponse(status: .ok, body: big) }
        router.on(.GET, "/reset") { _ in .connectionReset }
        router.on(.GET, "/fail", async: { _ in throw HTTPError(.conflict, detail: "busy") })
        return router
    }
}
