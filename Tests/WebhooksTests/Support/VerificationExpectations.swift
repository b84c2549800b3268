import Testing
import Webhooks

/// Shared checks for the scheme tests: a failure must name the right check and must not quote any
/// secret or signature, whatever the request carried.
enum VerificationExpectations {
    /// Verifies, expects `check`, and asserts the detail contains none of the secrets, none of the
    /// request's header and query values (nor any long piece of them, such as one signature of a list),
    /// and none of `expectedSignatures`. Returns the failure for further checks.
    @discardableResult
    static func expectFailure(
        _ check: VerificationFailure.Check, _ scheme: WebhookScheme, _ request: DeliveryRequest, secrets: [WebhookSecret],
        now: Double, expectedSignatures: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) -> VerificationFailure? {
        do {
            let delivery = try WebhookVerifier.verify(scheme, request, secrets: secrets, now: now)
            Issue.record("expected \(check), but the delivery verified: \(delivery)", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error.check == check, "\(error.detail)", sourceLocation: sourceLocation)
            #expect(!error.detail.isEmpty, sourceLocation: sourceLocation)
            for secret in forbidden(request, secrets: secrets, expectedSignatures: expectedSignatures) {
                #expect(!error.detail.contains(secret), "detail quotes \"\(secret)\": \(error.detail)", sourceLocation: sourceLocation)
                #expect(!error.description.contains(secret), sourceLocation: sourceLocation)
            }
            return error
        }
    }

    private static func forbidden(_ request: DeliveryRequest, secrets: [WebhookSecret], expectedSignatures: [String]) -> [String] {
        let sent = Array(request.headers.values) + Array(request.query.values)
        let pieces = sent.flatMap { $0.split(whereSeparator: { " ,=".contains($0) }).map(String.init) }
        let secretParts = secrets.flatMap { [$0.value, String($0.value.dropFirst("whsec_".count))] }
        return (secretParts + sent + pieces + expectedSignatures).filter { $0.count >= 12 }
    }
}
