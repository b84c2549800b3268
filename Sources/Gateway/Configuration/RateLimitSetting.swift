/// Requests allowed per API key (`GATEWAY_RATE_LIMIT`): a token bucket refilled at `perSecond` and
/// holding at most `burst`, so a short burst passes and a sustained flood is held to the rate.
public struct RateLimitSetting: Sendable, Equatable {
    public var perSecond: Double
    public var burst: Double

    public static let standard = RateLimitSetting(perSecond: 50, burst: 100)
    /// `GATEWAY_RATE_LIMIT=off`.
    public static let unlimited = RateLimitSetting(perSecond: .infinity, burst: .infinity)

    public var isUnlimited: Bool { perSecond.isInfinite }

    /// `RATE` or `RATE,BURST` (requests per second, e.g. `50,100`), or `off`. A missing burst is twice the rate.
    static func parse(_ text: String, setting: String) -> Result<RateLimitSetting, ConfigurationError.Problem> {
        let trimmed = text.lowercased().replacingOccurrences(of: " ", with: "")
        if trimmed == "off" || trimmed == "0" { return .success(.unlimited) }
        let parts = trimmed.replacingOccurrences(of: "/s", with: "").split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let rate = Double(parts[0]), rate.isFinite, rate > 0,
            let burst = parts.count == 2 ? Double(parts[1]) : rate * 2, burst.isFinite, burst >= 1
        else {
            return .failure(.init(setting: setting, message: "'\(text)' must be RATE or RATE,BURST in requests per second (e.g. 50,100), or off"))
        }
        return .success(RateLimitSetting(perSecond: rate, burst: burst))
    }
}
