public import Foundation
public import Observability

/// Reuses tokens from a credential until shortly before they expire, and makes concurrent callers
/// share one fetch.
///
/// - A token is refreshed `refreshMargin` (5 minutes, as the SDK does) before it expires — or, for a
///   token that lives less than twice that, halfway through its life — so a call never leaves with
///   a token about to lapse in flight.
/// - Single flight: while a fetch for a scope is running, every other caller awaits that same fetch,
///   so a burst of 100 requests at expiry costs the identity endpoint one request, not 100.
/// - If an early refresh fails while the cached token is still valid, the cached token is used and
///   the next call tries again: an identity endpoint blip must not fail calls that could succeed.
/// - After Azure rejects a token (401), `refreshedToken(for:replacing:)` fetches a new one — once,
///   however many callers saw the 401 for that same token.
public actor TokenCache: TokenCredential {
    private struct Entry {
        var token: AccessToken?
        var fetchedAt: Date?
        var inFlight: Task<AccessToken, any Error>?
    }

    private let credential: any TokenCredential
    private let refreshMargin: TimeInterval
    private let now: @Sendable () -> Date
    private let refreshCounter: CounterFamily?
    private var entries: [String: Entry] = [:]

    /// - Parameters:
    ///   - metrics: Where to count fetches (`azureml_token_refreshes_total`), if anywhere.
    ///   - now: Wall-clock time; injectable so tests can move past expiry without waiting.
    public init(
        wrapping credential: any TokenCredential, refreshMargin: Duration = .seconds(300),
        metrics: MetricsRegistry? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credential = credential
        self.refreshMargin = refreshMargin.inSeconds
        self.now = now
        refreshCounter = metrics.map(AzureMLMetrics.tokenRefreshes)
    }

    public func token(for scope: String) async throws(AzureMLError) -> AccessToken {
        let entry = entries[scope]
        if let token = entry?.token, isFresh(token, fetchedAt: entry?.fetchedAt) {
            return token
        }
        let stillValid = entry?.token.flatMap { $0.expiresOn > now() ? $0 : nil }
        return try await fetch(scope, fallback: stillValid)
    }

    /// A token other than `rejected`, which Azure refused: returns one another caller already fetched,
    /// joins a fetch in progress, or starts one.
    public func refreshedToken(for scope: String, replacing rejected: AccessToken) async throws(AzureMLError) -> AccessToken {
        if let token = entries[scope]?.token, token != rejected, token.expiresOn > now() {
            return token
        }
        if entries[scope]?.token == rejected {
            entries[scope]?.token = nil
        }
        return try await fetch(scope, fallback: nil)
    }

    /// Forgets the cached token for `scope`; the next call fetches a new one.
    public func invalidate(scope: String) {
        entries[scope]?.token = nil
    }

    private func isFresh(_ token: AccessToken, fetchedAt: Date?) -> Bool {
        let lifetime = fetchedAt.map { token.expiresOn.timeIntervalSince($0) } ?? .infinity
        let margin = min(refreshMargin, lifetime / 2)
        return now() < token.expiresOn.addingTimeInterval(-margin)
    }

    private func fetch(_ scope: String, fallback: AccessToken?) async throws(AzureMLError) -> AccessToken {
        let task: Task<AccessToken, any Error>
        if let running = entries[scope]?.inFlight {
            task = running
        } else {
            let credential = self.credential
            task = Task { try await credential.token(for: scope) }
            entries[scope, default: Entry()].inFlight = task
            refreshCounter?.increment()
        }
        do {
            let token = try await task.value
            // The first waiter to resume records the result; the others find it already recorded.
            if entries[scope]?.inFlight == task {
                entries[scope] = Entry(token: token, fetchedAt: now(), inFlight: nil)
            }
            return token
        } catch {
            if entries[scope]?.inFlight == task {
                entries[scope]?.inFlight = nil
            }
            if let fallback, fallback.expiresOn > now() {
                return fallback
            }
            throw error as? AzureMLError
                ?? AzureMLError(code: .credential, message: "the credential failed (\(type(of: error)))", operation: "token")
        }
    }
}
