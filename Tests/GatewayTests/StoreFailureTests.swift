import Foundation
import Testing
@testable import Gateway
import HTTPServer
import Storage

/// A database failure reaches the caller as a 503 that says nothing was sent, in the path's own shape.
@Suite struct StoreFailureTests {
    @Test func storeErrors_areA503_withoutInternals() {
        let request = HTTPRequest(method: .POST, target: "/v1/pipelines/p/runs", route: "/v1/pipelines/{pipeline_id}/runs")
        let response = GatewayErrorRenderer.render(StoreError.locked(path: "/secret/place/gateway.sqlite3"), request)
        #expect(response.status.code == 503)
        #expect(response.headers["Retry-After"] == "5")
        let body = String(decoding: response.body, as: UTF8.self)
        #expect(body.contains("nothing was recorded or sent"))
        #expect(!body.contains("/secret/place"))

        let azure = HTTPRequest(method: .POST, target: TriggerFixture.azurePath, route: AzurePathRoutes.submitRoute)
        let azureResponse = GatewayErrorRenderer.render(StoreError.closed, azure)
        #expect(azureResponse.status.code == 503)
        #expect(String(decoding: azureResponse.body, as: UTF8.self).hasPrefix(#"{"Error":{"Code":"ServiceUnavailable""#))
    }
}
