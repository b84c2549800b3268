import AzureML
import Foundation
import HTTPServer
import Observability
import Synchronization
import TestSupport
import Testing

@Suite("TokenCache")
struct TokenCacheTests {
    /// Wall-clock time the tests move by hand.
    final class ManualWallClock: Sendable {
        private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { current.withLock { $0 } }
        func advance(seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    /// Issues `token-1`, `token-2`, … valid for `lifetime` seconds, or fails while `failing` is set.
    final class CountingCredential: TokenCredential {
        let clock: ManualWallClock
        let lifetime: Double
        private let state = Mutex((calls: 0, failing: false))

        init(clock: ManualWallClock, lifetime: Double = 3600) {
            self.clock = clock
            self.lifetime = lifetime
        }

        var calls: Int { state.withLock { $0.calls } }
        func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }

        func token(for scope: String) async throws(AzureMLError) -> AccessToken {
            let (call, failing) = state.withLock { state in
                state.calls += 1
                return (state.calls, state.failing)
            }
            if failing { throw AzureMLError(code: .credential, statusCode: 503, message: "identity endpoint down", operation: "token") }
            return AccessToken(token: "\(scope)#token-\(call)", expiresOn: clock.now.addingTimeInterval(lifetime))
        }
    }

    @Test func hundredConcurrentCallers_causeOneTokenRequest() async throws {
        let hits = Atomic<Int>(0)
        var router = Router()
        router.on(.POST, "/tenant/oauth2/v2.0/token", async: { _ in
            hits.add(1, ordering: .relaxed)
            // Slow enough that every caller arrives while the first fetch is still running.
            try await Task.sleep(for: .milliseconds(150))
            return StubAzure.json(#"{"token_type":"Bearer","expires_in":3599,"access_token":"shared-token"}"#)
        })
        let registry = MetricsRegistry()
        try await withTestServer(router: router) { port, _ in
            let credential = ClientSecretCredential(
                tenantID: "tenant", clientID: "c", clientSecret: "s", authorityHost: URL(string: "http://127.0.0.1:\(port)")!
            )
            let cache = TokenCache(wrapping: credential, metrics: registry)
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<100 {
                    group.addTask { try await cache.token(for: "https://management.azure.com/.default").token }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(tokens.count == 100)
            #expect(Set(tokens) == ["shared-token"])
        }
        #expect(hits.load(ordering: .relaxed) == 1)
        #expect(registry.exposition().contains("azureml_token_refreshes_total 1\n"))
    }

    @Test func refreshesFiveMinutesBeforeExpiry() async throws {
        let clock = ManualWallClock()
        let credential = CountingCredential(clock: clock)
        let cache = TokenCache(wrapping: credential, now: { clock.now })
        let first = try await cache.token(for: "s")
        clock.advance(seconds: 3600 - 301)
        #expect(try await cache.token(for: "s") == first, "still more than 5 minutes left")
        #expect(credential.calls == 1)
        clock.advance(seconds: 2)
        let second = try await cache.token(for: "s")
        #expect(second != first, "within 5 minutes of expiry")
        #expect(credential.calls == 2)
        #expect(try await cache.token(for: "s") == second)
        #expect(credential.calls == 2)
    }

    @Test func shortLivedTokens_refreshHalfwayThroughTheirLife() async throws {
        let clock = ManualWallClock()
        let credential = CountingCredential(clock: clock, lifetime: 120)
        let cache = TokenCache(wrapping: credential, now: { clock.now })
        _ = try await cache.token(for: "s")
        clock.advance(seconds: 59)
        _ = try await cache.token(for: "s")
        #expect(credential.calls == 1)
        clock.advance(seconds: 2)
        _ = try await cache.token(for: "s")
        #expect(credential.calls == 2)
    }

    @Test func failedEarlyRefresh_fallsBackToTheStillValidToken_butNotAfterExpiry() async throws {
        let clock = ManualWallClock()
        let credential = CountingCredential(clock: clock)
        let cache = TokenCache(wrapping: credential, now: { clock.now })
        let first = try await cache.token(for: "s")
        credential.setFailing(true)
        clock.advance(seconds: 3500)
        #expect(try await cache.token(for: "s") == first)
        #expect(credential.calls == 2, "the refresh was attempted")
        clock.advance(seconds: 200)
        let error = await #expect(throws: AzureMLError.self) { try await cache.token(for: "s") }
        #expect(error?.code == .credential)
        credential.setFailing(false)
        #expect(try await cache.token(for: "s") != first)
    }

    @Test func scopesAreCachedSeparately() async throws {
        let clock = ManualWallClock()
        let credential = CountingCredential(clock: clock)
        let cache = TokenCache(wrapping: credential, now: { clock.now })
        let management = try await cache.token(for: "https://management.azure.com/.default")
        let storage = try await cache.token(for: "https://storage.azure.com/.default")
        #expect(management.token.hasPrefix("https://management"))
        #expect(storage.token.hasPrefix("https://storage"))
        _ = try await cache.token(for: "https://management.azure.com/.default")
        #expect(credential.calls == 2)
    }

    @Test func rejectedToken_isReplacedOnce_howeverManyCallersReportIt() async throws {
        let clock = ManualWallClock()
        let credential = CountingCredential(clock: clock)
        let cache = TokenCache(wrapping: credential, now: { clock.now })
        let rejected = try await cache.token(for: "s")
        let replacement = try await cache.refreshedToken(for: "s", replacing: rejected)
        #expect(replacement != rejected)
        #expect(try await cache.refreshedToken(for: "s", replacing: rejected) == replacement)
        #expect(try await cache.token(for: "s") == replacement)
        #expect(credential.calls == 2)
        await cache.invalidate(scope: "s")
        _ = try await cache.token(for: "s")
        #expect(credential.calls == 3)
    }
}
