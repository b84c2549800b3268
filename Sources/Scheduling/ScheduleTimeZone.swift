public import Foundation
import Synchronization

/// The zone a schedule's wall-clock times are read in: an IANA name (`Europe/Berlin`) or one of the SDK v1
/// Windows names (`W. Europe Standard Time`, or its enum member `WEuropeStandardTime`), so migrated SDK
/// schedules keep their `time_zone` unchanged. UTC when none is given.
///
/// It also owns the DST rules for wall-clock schedules (``instant(for:)``): a local time skipped by a
/// spring-forward fires once at the transition instant, and a local time repeated by a fall-back fires once,
/// at its first occurrence.
public struct ScheduleTimeZone: Sendable, Hashable, CustomStringConvertible {
    /// The name as the client gave it (echoed back in `time_zone`).
    public let name: String
    /// The IANA zone the name resolved to (`Europe/Berlin` for `W. Europe Standard Time`), as spelled in the
    /// name or the SDK table (Foundation may report an alias, e.g. `GMT` for `UTC`).
    public let identifier: String
    let timeZone: TimeZone

    /// The name as given.
    public var description: String { name }

    /// UTC, the default when a trigger names no zone (as the SDK filled in `"UTC"`).
    public static let utc = ScheduleTimeZone(name: "UTC", identifier: "UTC", timeZone: TimeZone(identifier: "UTC") ?? .gmt)

    /// The zone called `name`, or nil if it is neither an IANA zone this system knows nor one of the SDK's
    /// Windows names. Windows names and enum members match case-insensitively (Windows treats them so);
    /// IANA names must be spelled exactly.
    public init?(named name: String) {
        // Resolved once per name: 100,000 schedules in one zone share one TimeZone and one copy of the strings.
        if let known = Self.resolved.withLock({ $0[name] }) {
            self = known
            return
        }
        guard let zone = Self.resolve(name) else { return nil }
        Self.resolved.withLock { $0[name] = zone }
        self = zone
    }

    private static let resolved = Mutex<[String: ScheduleTimeZone]>([:])

    private static func resolve(_ name: String) -> ScheduleTimeZone? {
        if Self.knownIdentifiers.contains(name), let zone = TimeZone(identifier: name) {
            return ScheduleTimeZone(name: name, identifier: name, timeZone: zone)
        } else if let iana = Self.windowsLookup[name.lowercased()], let zone = TimeZone(identifier: iana) {
            return ScheduleTimeZone(name: name, identifier: iana, timeZone: zone)
        }
        return nil
    }

    init(name: String, identifier: String, timeZone: TimeZone) {
        self.name = name
        self.identifier = identifier
        self.timeZone = timeZone
    }

    /// The instant a wall-clock time denotes in this zone, under the DST rules for schedules: a time in a
    /// repeated hour is its first occurrence (the earlier instant); a time in a skipped hour is the transition
    /// instant itself (2026-03-29T02:30 in Europe/Berlin → 01:00Z, when the clocks read 03:00), so a fire that
    /// falls in the gap happens once, as soon as possible, and never twice.
    public func instant(for local: LocalDateTime) -> Date {
        Date(timeIntervalSince1970: TimeInterval(instantSeconds(forLocalSeconds: local.localSeconds)))
    }

    /// The wall-clock time this zone shows at `instant` (sub-seconds dropped).
    public func localDateTime(at instant: Date) -> LocalDateTime {
        LocalDateTime(localSeconds: localSeconds(at: Self.epochSeconds(instant)))
    }

    // MARK: - Internal, in whole seconds

    /// Offset from UTC in seconds at an instant.
    func offset(at seconds: Int) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Wall-clock seconds (as if UTC) at an instant.
    func localSeconds(at seconds: Int) -> Int {
        seconds + offset(at: seconds)
    }

    /// See ``instant(for:)``. Offsets are sampled a day either side; any instant whose offset reproduces the
    /// wall-clock time is a real occurrence (the earliest wins), and if none does the time is in a gap, whose
    /// transition instant is found by bisection — no reliance on the platform's transition API.
    func instantSeconds(forLocalSeconds local: Int) -> Int {
        let day = CivilCalendar.secondsPerDay
        let offsets = Set([offset(at: local - day), offset(at: local), offset(at: local + day)])
        let occurrences = offsets.map { local - $0 }.filter { offset(at: $0) == local - $0 }
        if let first = occurrences.min() { return first }
        // A gap: at `low` the clocks still read earlier than `local`, at `high` already later.
        var low = local - (offsets.max() ?? 0)
        var high = local - (offsets.min() ?? 0)
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if localSeconds(at: middle) > local { high = middle } else { low = middle }
        }
        return high
    }

    /// Whole seconds since 1970 of `date` (floored), clamped to years 0001…9999.
    static func epochSeconds(_ date: Date) -> Int {
        let value = date.timeIntervalSince1970.rounded(.down)
        guard value.isFinite else { return value > 0 ? CivilCalendar.maxSeconds : CivilCalendar.minSeconds }
        return Int(min(max(value, Double(CivilCalendar.minSeconds)), Double(CivilCalendar.maxSeconds)))
    }

    static func date(epochSeconds: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(epochSeconds))
    }

    private static let knownIdentifiers: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC", "GMT"])

    private static let windowsLookup: [String: String] = {
        var lookup: [String: String] = [:]
        for zone in windowsZones {
            lookup[zone.windowsName.lowercased()] = zone.iana
            lookup[zone.member.lowercased()] = zone.iana
        }
        return lookup
    }()
}
