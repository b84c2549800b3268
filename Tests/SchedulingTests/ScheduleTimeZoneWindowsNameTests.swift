import Scheduling
import Testing

/// The Windows id a gateway zone is shown with on Azure's schedule paths (the SDK accepts only those).
@Suite struct ScheduleTimeZoneWindowsNameTests {
    @Test(arguments: [
        ("W. Europe Standard Time", "W. Europe Standard Time"),
        ("w. europe standard time", "W. Europe Standard Time"),
        ("WEuropeStandardTime", "W. Europe Standard Time"),
        ("Europe/Berlin", "W. Europe Standard Time"),
        ("Europe/London", "GMT Standard Time"),
        ("UTC", "UTC"),
    ])
    func windowsName(_ given: String, _ expected: String) throws {
        let zone = try #require(ScheduleTimeZone(named: given))
        #expect(zone.windowsName == expected)
    }

    @Test func anIANAZoneNoWindowsZoneUsesHasNone() throws {
        // Europe/Busingen is a real IANA zone that the SDK's Windows table does not list.
        let zone = try #require(ScheduleTimeZone(named: "Europe/Busingen"))
        #expect(zone.windowsName == nil)
    }
}
