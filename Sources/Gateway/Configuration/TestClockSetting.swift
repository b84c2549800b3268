public import Foundation
import AzureML
public import Scheduling

/// `--clock-scale` / `GATEWAY_CLOCK_SCALE` and `--clock-origin` / `GATEWAY_CLOCK_ORIGIN`: the
/// scheduler's clock runs faster, for reliability tests that need hours of minute schedules in
/// seconds. Accepted only with `GATEWAY_TESTING=1`, so a production gateway can never be started
/// on a clock that is not the wall clock by a stray variable.
public struct TestClockSetting: Sendable, Equatable {
    public var scale: Double
    /// Where scaled time starts to run ahead; the same origin across restarts keeps one timeline.
    public var origin: Date

    static let maximumScale = 3600.0

    static func load(environment: [String: String], flags: [String: String], problems: inout [ConfigurationError.Problem]) -> TestClockSetting? {
        let scaleSource = flags["clock-scale"] != nil ? "--clock-scale" : "GATEWAY_CLOCK_SCALE"
        let originSource = flags["clock-origin"] != nil ? "--clock-origin" : "GATEWAY_CLOCK_ORIGIN"
        let scaleText = flags["clock-scale"] ?? environment["GATEWAY_CLOCK_SCALE"]
        let originText = flags["clock-origin"] ?? environment["GATEWAY_CLOCK_ORIGIN"]
        guard let scaleText else {
            if originText != nil { problems.append(.init(setting: originSource, message: "is only used together with --clock-scale")) }
            return nil
        }
        guard environment["GATEWAY_TESTING"] == "1" else {
            problems.append(.init(setting: scaleSource, message: "is a test-only setting; it needs GATEWAY_TESTING=1"))
            return nil
        }
        guard let scale = Double(scaleText), scale.isFinite, scale >= 1, scale <= maximumScale else {
            problems.append(.init(setting: scaleSource, message: "'\(scaleText)' must be a number from 1 to \(Int(maximumScale))"))
            return nil
        }
        var origin = Date()
        if let originText {
            guard let parsed = AzureTimestamp(parsing: originText)?.date else {
                problems.append(.init(setting: originSource, message: "'\(originText)' must be an RFC 3339 time such as 2026-01-01T00:00:00Z"))
                return nil
            }
            origin = parsed
        }
        return TestClockSetting(scale: scale, origin: origin)
    }

    /// The scheduler clock this setting asks for.
    public var clock: any SchedulerClock { ScaledSchedulerClock(scale: scale, origin: origin) }
}
