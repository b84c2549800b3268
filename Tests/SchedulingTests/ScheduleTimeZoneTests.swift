import Foundation
import Testing

@testable import Scheduling

/// Zone names (IANA and the SDK's Windows names) and the DST reading of wall-clock times.
@Suite struct ScheduleTimeZoneTests {
    struct NameRow: Sendable, CustomTestStringConvertible {
        let name: String
        let identifier: String?
        var testDescription: String { name }
    }

    static let names: [NameRow] = [
        NameRow(name: "UTC", identifier: "UTC"),
        NameRow(name: "utc", identifier: "Etc/UTC"),
        NameRow(name: "Europe/Berlin", identifier: "Europe/Berlin"),
        NameRow(name: "America/New_York", identifier: "America/New_York"),
        NameRow(name: "Australia/Sydney", identifier: "Australia/Sydney"),
        NameRow(name: "W. Europe Standard Time", identifier: "Europe/Berlin"),
        NameRow(name: "w. europe standard time", identifier: "Europe/Berlin"),
        NameRow(name: "WEuropeStandardTime", identifier: "Europe/Berlin"),
        NameRow(name: "Eastern Standard Time", identifier: "America/New_York"),
        NameRow(name: "AUS Eastern Standard Time", identifier: "Australia/Sydney"),
        NameRow(name: "Pacific Standard Time (Mexico)", identifier: "America/Tijuana"),
        NameRow(name: "UTC-11", identifier: "Etc/GMT+11"),
        NameRow(name: "UTC+12", identifier: "Etc/GMT-12"),
        NameRow(name: "Mid-Atlantic Standard Time", identifier: "Etc/GMT+2"),
        NameRow(name: "Kamchatka Standard Time", identifier: "Asia/Kamchatka"),
        NameRow(name: "India Standard Time", identifier: "Asia/Calcutta"),
        NameRow(name: "Nowhere/City", identifier: nil),
        NameRow(name: "Europe/berlin", identifier: nil),
        NameRow(name: "Central European Time", identifier: nil),
        NameRow(name: "", identifier: nil),
    ]

    @Test(arguments: names)
    func resolvesIANAAndWindowsNames(_ row: NameRow) {
        let zone = ScheduleTimeZone(named: row.name)
        #expect(zone?.identifier == row.identifier)
        #expect(zone.map(\.name) == (row.identifier == nil ? nil : row.name))
    }

    @Test func everySDKTimeZoneResolves() {
        #expect(ScheduleTimeZone.windowsZones.count == 131)
        for zone in ScheduleTimeZone.windowsZones {
            #expect(ScheduleTimeZone(named: zone.windowsName)?.identifier.isEmpty == false, "\(zone.windowsName)")
            #expect(ScheduleTimeZone(named: zone.member) != nil, "\(zone.member)")
        }
    }

    struct InstantRow: Sendable, CustomTestStringConvertible {
        let comment: String
        let zone: String
        let local: String
        let instant: String
        var testDescription: String { comment }
    }

    static let instants: [InstantRow] = [
        InstantRow(comment: "UTC", zone: "UTC", local: "2026-11-25T10:00:00", instant: "2026-11-25T10:00:00Z"),
        InstantRow(comment: "Berlin winter", zone: "Europe/Berlin", local: "2026-01-15T09:00:00", instant: "2026-01-15T08:00:00Z"),
        InstantRow(comment: "Berlin summer", zone: "Europe/Berlin", local: "2026-07-15T09:00:00", instant: "2026-07-15T07:00:00Z"),
        InstantRow(comment: "Berlin just before the gap", zone: "Europe/Berlin", local: "2026-03-29T01:59:59", instant: "2026-03-29T00:59:59Z"),
        InstantRow(comment: "Berlin gap start → transition", zone: "Europe/Berlin", local: "2026-03-29T02:00:00", instant: "2026-03-29T01:00:00Z"),
        InstantRow(comment: "Berlin inside the gap → transition", zone: "Europe/Berlin", local: "2026-03-29T02:30:00", instant: "2026-03-29T01:00:00Z"),
        InstantRow(comment: "Berlin gap end", zone: "Europe/Berlin", local: "2026-03-29T03:00:00", instant: "2026-03-29T01:00:00Z"),
        InstantRow(comment: "Berlin repeated hour → first pass", zone: "Europe/Berlin", local: "2026-10-25T02:30:00", instant: "2026-10-25T00:30:00Z"),
        InstantRow(comment: "Berlin after the repeat", zone: "Europe/Berlin", local: "2026-10-25T03:00:00", instant: "2026-10-25T02:00:00Z"),
        InstantRow(comment: "New York gap", zone: "America/New_York", local: "2026-03-08T02:30:00", instant: "2026-03-08T07:00:00Z"),
        InstantRow(comment: "New York repeated hour", zone: "America/New_York", local: "2026-11-01T01:30:00", instant: "2026-11-01T05:30:00Z"),
        InstantRow(comment: "Sydney repeated hour (April)", zone: "Australia/Sydney", local: "2026-04-05T02:30:00", instant: "2026-04-04T15:30:00Z"),
        InstantRow(comment: "Sydney gap (October)", zone: "Australia/Sydney", local: "2026-10-04T02:30:00", instant: "2026-10-03T16:00:00Z"),
        InstantRow(comment: "Lord Howe half-hour gap", zone: "Australia/Lord_Howe", local: "2026-10-04T02:15:00", instant: "2026-10-03T15:30:00Z"),
        InstantRow(comment: "Windows name, Berlin gap", zone: "W. Europe Standard Time", local: "2026-03-29T02:30:00", instant: "2026-03-29T01:00:00Z"),
        InstantRow(comment: "far future Berlin summer", zone: "Europe/Berlin", local: "2099-07-01T12:00:00", instant: "2099-07-01T10:00:00Z"),
    ]

    @Test(arguments: instants)
    func readsWallClockTimesUnderTheDSTRules(_ row: InstantRow) throws {
        let zone = try #require(ScheduleTimeZone(named: row.zone))
        let local = try #require(LocalDateTime(row.local))
        #expect(utcText(zone.instant(for: local)) == row.instant)
    }

    @Test func showsTheLocalTimeOfAnInstant() throws {
        let berlin = try #require(ScheduleTimeZone(named: "Europe/Berlin"))
        #expect(berlin.localDateTime(at: utc("2026-10-25T00:30:00Z")).description == "2026-10-25T02:30:00")
        #expect(berlin.localDateTime(at: utc("2026-10-25T01:30:00Z")).description == "2026-10-25T02:30:00")
        #expect(berlin.localDateTime(at: utc("2026-03-29T01:00:00Z")).description == "2026-03-29T03:00:00")
        #expect(ScheduleTimeZone.utc.localDateTime(at: Date(timeIntervalSince1970: 1.75)).description == "1970-01-01T00:00:01")
        #expect(ScheduleTimeZone.utc.localDateTime(at: Date(timeIntervalSince1970: -0.5)).description == "1969-12-31T23:59:59")
    }
}
