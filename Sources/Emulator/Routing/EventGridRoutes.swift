import HTTPServer

/// The emulated Event Grid's admin API: subscribe an endpoint to the emulated storage account's
/// `BlobCreated` events (after Event Grid's handshake), list the subscriptions, remove them all.
/// Errors have the other admin routes' `{"Error":{"Code","Message"}}` shape.
struct EventGridRoutes: EmulatorRouteGroup {
    static let path = "/emulator/eventgrid/subscriptions"

    let services: EmulatorServices

    func register(on router: inout Router) {
        let services = services
        router.on(.POST, Self.path) { request in
            let base = services.baseURL(for: request)
            return .later {
                do throws(EventGridSubscriptionError) {
                    let (endpoint, schema) = try EventGridSubscriptionSpec.parse(request.body)
                    let subscription = try await services.eventGrid.subscribe(endpoint: endpoint, schema: schema, validationBase: base)
                    return HTTPResponse.json(.created, subscription.wire.serialized)
                } catch {
                    return Self.response(error)
                }
            }
        }
        router.on(.GET, Self.path) { _ in
            .now(HTTPResponse.json(.ok, JSONValue.object(["items": .array(services.eventGrid.all.map(\.wire))]).serialized))
        }
        router.on(.DELETE, Self.path) { _ in
            .later {
                await services.eventGrid.removeAll()
                return HTTPResponse(status: .noContent)
            }
        }
    }

    /// 400, or 503 while the emulator stops (a retry elsewhere could succeed).
    private static func response(_ error: EventGridSubscriptionError) -> HTTPResponse {
        let status: HTTPStatus = error.reason == .stopping ? HTTPStatus(code: 503) : .badRequest
        return AzureError(status: status, code: error.reason.rawValue, message: error.message).response
    }
}
