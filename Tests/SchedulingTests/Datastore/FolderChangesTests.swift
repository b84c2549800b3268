import Foundation
import Scheduling
import Testing

@Suite("FolderChanges: what a poll triggers")
struct FolderChangesTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    static func version(_ etag: String, _ seconds: Double = 0) -> BlobVersion { BlobVersion(etag: etag, lastModified: t0.addingTimeInterval(seconds)) }

    @Test func newAndChangedTrigger_unchangedDoNot_goneAreForgotten() {
        let seen = ["in/same.csv": Self.version("1"), "in/edited.csv": Self.version("1"), "in/gone.csv": Self.version("1"), "in/touched.csv": Self.version("1")]
        let listing = [
            "in/same.csv": Self.version("1"), "in/edited.csv": Self.version("2", 60), "in/new.csv": Self.version("7"),
            "in/touched.csv": Self.version("1", 5),
        ]
        let changes = FolderChanges.between(listing: listing, seen: seen, pattern: nil, folderPrefix: "in/")
        // touched.csv: a new Last-Modified under the same ETag is the same version (Storage changes
        // the ETag on every write; an Event Grid push knows only the ETag).
        #expect(changes.changed == ["in/edited.csv", "in/new.csv"])
        #expect(changes.forgotten == ["in/gone.csv"])
    }

    @Test func withoutAnETag_lastModifiedDecides() {
        #expect(Self.version("", 0) != Self.version("", 5))
        #expect(Self.version("", 5) == Self.version("", 5))
        #expect(Self.version("1", 0) == Self.version("1", 5))
        #expect(Self.version("1", 0) != Self.version("2", 0))
        #expect(Set([Self.version("1", 0), Self.version("1", 9)]).count == 1)
    }

    @Test func thePatternSeesTheNameWithinTheFolder() throws {
        let listing = ["csv/a.csv": Self.version("1"), "csv/b.json": Self.version("1")]
        let changes = FolderChanges.between(listing: listing, seen: [:], pattern: try GlobPattern("*.csv"), folderPrefix: "csv/")
        #expect(changes.changed == ["csv/a.csv"])
    }

    @Test func anEmptyBaselineTriggersEverything_anEqualOneNothing() {
        let listing = ["x": Self.version("1"), "y": Self.version("2")]
        #expect(FolderChanges.between(listing: listing, seen: [:], pattern: nil, folderPrefix: "").changed == ["x", "y"])
        #expect(FolderChanges.between(listing: listing, seen: listing, pattern: nil, folderPrefix: "").changed.isEmpty)
    }
}

@Suite("PollCalendar: when change schedules list their folder")
struct PollCalendarTests {
    @Test func pollsFallOnWholeIntervalsSinceTheEpoch_soSchedulesShareThem() {
        let created = Date(timeIntervalSince1970: 1_790_000_123)
        let calendar = PollCalendar(intervalMinutes: 5, createdAt: created)
        let first = calendar.firstFireTime
        #expect(first == Date(timeIntervalSince1970: 1_790_000_400))
        #expect(calendar.nextFireTimes(after: created, count: 3).map(\.timeIntervalSince1970) == [1_790_000_400, 1_790_000_700, 1_790_001_000])
        let other = PollCalendar(intervalMinutes: 5, createdAt: created.addingTimeInterval(97))
        #expect(other.firstFireTime == first)
    }

    @Test func theIntervalIsClampedToOneMinuteThroughADay() {
        #expect(PollCalendar(intervalMinutes: 0, createdAt: Date()).intervalMinutes == 1)
        #expect(PollCalendar(intervalMinutes: 10_000, createdAt: Date()).intervalMinutes == 1440)
    }
}
