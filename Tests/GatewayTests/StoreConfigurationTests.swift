import Foundation
import Testing
@testable import Gateway
import Storage

/// The settings that came with the run ledger: database, retention, rate limit, sync level, env file.
@Suite struct StoreConfigurationTests {
    @Test func defaults() throws {
        let configuration = try GatewayConfiguration.load(environment: [:], flags: [:])
        #expect(configuration.database == .sqlite(path: "./data/gateway.sqlite3"))
        #expect(configuration.retentionDays == 90)
        #expect(configuration.rateLimit == RateLimitSetting(perSecond: 50, burst: 100))
        #expect(configuration.sqliteSynchronous == .full)
    }

    @Test func databaseFollowsTheDataDirectory_andFlagsWin() throws {
        let fromData = try GatewayConfiguration.load(environment: ["GATEWAY_DATA_DIR": "/srv/gw"], flags: [:])
        #expect(fromData.database == .sqlite(path: "/srv/gw/gateway.sqlite3"))
        let flagged = try GatewayConfiguration.load(environment: ["GATEWAY_DATABASE": "sqlite:/a.db"], flags: ["database": "sqlite:/b.db"])
        #expect(flagged.database == .sqlite(path: "/b.db"))
        let bare = try GatewayConfiguration.load(environment: ["GATEWAY_DATABASE": "/c.db"], flags: [:])
        #expect(bare.database == .sqlite(path: "/c.db"))
    }

    @Test(arguments: [
        (["GATEWAY_DATABASE": "postgres://u:p@h/db"], "GATEWAY_DATABASE", "PostgreSQL"),
        (["GATEWAY_DATABASE": "sqlite:"], "GATEWAY_DATABASE", "names no file"),
        (["GATEWAY_RETENTION_DAYS": "0"], "GATEWAY_RETENTION_DAYS", "1 to 36500"),
        (["GATEWAY_RETENTION_DAYS": "soon"], "GATEWAY_RETENTION_DAYS", "1 to 36500"),
        (["GATEWAY_RATE_LIMIT": "fast"], "GATEWAY_RATE_LIMIT", "RATE or RATE,BURST"),
        (["GATEWAY_RATE_LIMIT": "10,0"], "GATEWAY_RATE_LIMIT", "RATE or RATE,BURST"),
        (["GATEWAY_SQLITE_SYNCHRONOUS": "off"], "GATEWAY_SQLITE_SYNCHRONOUS", "full or normal"),
    ])
    func badValues_nameTheSetting(environment: [String: String], setting: String, message: String) {
        #expect {
            _ = try GatewayConfiguration.load(environment: environment, flags: [:])
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.problems.contains { $0.setting == setting && $0.message.contains(message) }
        }
    }

    @Test(arguments: [
        ("50", RateLimitSetting(perSecond: 50, burst: 100)), ("5,20", RateLimitSetting(perSecond: 5, burst: 20)),
        ("2.5/s,4", RateLimitSetting(perSecond: 2.5, burst: 4)), ("off", RateLimitSetting.unlimited),
    ])
    func rateLimitForms(text: String, expected: RateLimitSetting) throws {
        #expect(try RateLimitSetting.parse(text, setting: "X").get() == expected)
    }

    @Test func rateLimiter_bucketRefillsAtTheRate() {
        let clock = ManualSeconds()
        let limiter = RateLimiter(RateLimitSetting(perSecond: 2, burst: 2), now: { clock.value })
        #expect(limiter.acquire("k") == nil)
        #expect(limiter.acquire("k") == nil)
        #expect(limiter.acquire("k") == 1)
        #expect(limiter.acquire("other") == nil)
        clock.value += 0.5
        #expect(limiter.acquire("k") == nil)
        #expect(limiter.acquire("k") == 1)
    }

    @Test func environmentFile_parsesDockerStyleLines_andNamesBadLinesWithoutContent() throws {
        let values = try EnvironmentFile.parse(
            "# keys\nGATEWAY_API_KEYS=ops:admin:s3cret-value\n\nexport GATEWAY_RATE_LIMIT=\"5,10\"\nEMPTY=\n", path: "f")
        #expect(values == ["GATEWAY_API_KEYS": "ops:admin:s3cret-value", "GATEWAY_RATE_LIMIT": "5,10", "EMPTY": ""])
        #expect {
            _ = try EnvironmentFile.parse("GOOD=1\nthis-is-a-secret-line\n", path: "f")
        } throws: { error in
            "\(error)".contains("line 2") && !"\(error)".contains("this-is-a-secret-line")
        }
    }
}

/// A settable clock reading for the rate limiter.
final class ManualSeconds: @unchecked Sendable {
    var value: Double = 1000
}
