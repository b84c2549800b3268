import Foundation
import Testing
@testable import Gateway
import Scheduling

/// The test-only scaled scheduler clock: refused without `GATEWAY_TESTING=1`, bounded, and one
/// timeline across restarts when given the same origin.
struct TestClockSettingTests {
    static func problems(_ environment: [String: String], _ flags: [String: String] = [:]) -> [String] {
        do {
            _ = try GatewayConfiguration.load(environment: environment, flags: flags)
            return []
        } catch {
            return error.problems.map { "\($0.setting): \($0.message)" }
        }
    }

    @Test func isOffByDefault() throws {
        #expect(try GatewayConfiguration.load(environment: [:], flags: [:]).testClock == nil)
    }

    @Test func withoutTestingMode_isRefusedNamingTheSetting() {
        #expect(Self.problems(["GATEWAY_CLOCK_SCALE": "60"]).contains { $0.hasPrefix("GATEWAY_CLOCK_SCALE") && $0.contains("GATEWAY_TESTING=1") })
        #expect(Self.problems([:], ["clock-scale": "60"]).contains { $0.hasPrefix("--clock-scale") })
    }

    @Test(arguments: ["0", "0.5", "3601", "fast", "nan"])
    func aScaleOutOfRange_isRefused(_ text: String) {
        #expect(Self.problems(["GATEWAY_TESTING": "1"], ["clock-scale": text]).contains { $0.hasPrefix("--clock-scale") })
    }

    @Test func anOriginAloneOrUnreadable_isRefused() {
        #expect(Self.problems(["GATEWAY_TESTING": "1", "GATEWAY_CLOCK_ORIGIN": "2026-01-01T00:00:00Z"]).contains { $0.hasPrefix("GATEWAY_CLOCK_ORIGIN") })
        #expect(Self.problems(["GATEWAY_TESTING": "1", "GATEWAY_CLOCK_SCALE": "60", "GATEWAY_CLOCK_ORIGIN": "yesterday"])
            .contains { $0.hasPrefix("GATEWAY_CLOCK_ORIGIN") })
    }

    @Test func aGoodSetting_givesAClockThatRunsAheadFromItsOrigin() throws {
        let origin = Date().addingTimeInterval(-10)
        let configuration = try GatewayConfiguration.load(
            environment: ["GATEWAY_TESTING": "1"], flags: ["clock-scale": "60", "clock-origin": Self.rfc3339(origin)])
        let setting = try #require(configuration.testClock)
        #expect(setting.scale == 60)
        #expect(abs(setting.origin.timeIntervalSince(origin)) < 0.001)
        // Ten real seconds since the origin are ten scaled minutes. Measured from the origin as parsed
        // (the text keeps milliseconds, so it may sit a fraction of a millisecond from `origin`).
        let realBefore = Date().timeIntervalSince(setting.origin)
        let ahead = setting.clock.now().timeIntervalSince(setting.origin)
        let realAfter = Date().timeIntervalSince(setting.origin)
        #expect(realBefore >= 9.99)
        #expect(ahead >= realBefore * 60 && ahead <= realAfter * 60, "\(ahead) scaled for \(realBefore)–\(realAfter) real seconds")
    }

    @Test func sleepingUntilAScaledDeadline_takesTheScaledShareOfRealTime() async throws {
        let clock = ScaledSchedulerClock(scale: 100, origin: Date())
        let started = Date()
        try await clock.sleep(until: clock.now().addingTimeInterval(20))  // 20 scaled seconds = 0.2 s
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.19 && elapsed < 2, "\(elapsed)")
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
