import Foundation
import Scheduling
import Testing

@Suite struct SchedulerEngineTests {
    static func everyFifteenMinutes(from start: String = "2026-11-25T00:00:00", createdAt: Date) throws -> Recurrence {
        try Recurrence(frequency: "Minute", interval: 15, startTime: start, timeZone: "UTC", createdAt: createdAt)
    }

    static func times(_ fires: [ScheduledFire]) -> [String] { fires.map { utcText($0.scheduledTime) } }

    @Test func firesEachOccurrenceOnceAsTimePasses_andSleepsBetween() async throws {
        let created = utc("2026-11-24T23:50:00Z")
        let clock = ManualClock(created)
        let sink = RecordingSink()
        let engine = SchedulerEngine(clock: clock, sink: sink)
        await engine.arm("s", calendar: try Self.everyFifteenMinutes(createdAt: created), lastFired: nil, catchup: .latest)
        let runner = Task { await engine.run() }
        defer { runner.cancel() }
        #expect(await engine.nextFireTime(of: "s") == utc("2026-11-25T00:00:00Z"))
        clock.advance(to: utc("2026-11-24T23:59:59Z"))
        try await Task.sleep(for: .milliseconds(20))
        #expect(await sink.fired.isEmpty)
        clock.advance(to: utc("2026-11-25T00:00:00Z"))
        #expect(Self.times(await sink.waitForFires(1)) == ["2026-11-25T00:00:00Z"])
        clock.advance(to: utc("2026-11-25T00:31:00Z"))
        #expect(Self.times(await sink.waitForFires(3)) == ["2026-11-25T00:00:00Z", "2026-11-25T00:15:00Z", "2026-11-25T00:30:00Z"])
        #expect(await engine.nextFireTime(of: "s") == utc("2026-11-25T00:45:00Z"))
        // Between fires it asked to sleep until the next one; it never spun.
        #expect(clock.requestedDeadlines.count < 20)
        #expect(clock.requestedDeadlines.contains(utc("2026-11-25T00:45:00Z")))
    }

    @Test func anEarlierScheduleWakesTheSleepingEngine() async throws {
        let created = utc("2026-11-25T10:00:00Z")
        let clock = ManualClock(created)
        let sink = RecordingSink()
        let engine = SchedulerEngine(clock: clock, sink: sink)
        await engine.arm("yearly", calendar: try CronSchedule(expression: "0 0 1 1 *", createdAt: created), lastFired: nil, catchup: .latest)
        let runner = Task { await engine.run() }
        defer { runner.cancel() }
        try await Task.sleep(for: .milliseconds(20))
        await engine.arm("soon", calendar: try CronSchedule(expression: "5 10 * * *", createdAt: created), lastFired: nil, catchup: .latest)
        clock.advance(to: utc("2026-11-25T10:05:00Z"))
        #expect(Self.times(await sink.waitForFires(1)) == ["2026-11-25T10:05:00Z"])
        #expect(await sink.fired.map(\.scheduleID) == ["soon"])
    }

    @Test func disarmingDropsThePendingFire_andReArmingReplacesIt() async throws {
        let created = utc("2026-11-25T10:00:00Z")
        let clock = ManualClock(created)
        let sink = RecordingSink()
        let engine = SchedulerEngine(clock: clock, sink: sink)
        await engine.arm("a", calendar: try CronSchedule(expression: "1 10 * * *", createdAt: created), lastFired: nil, catchup: .latest)
        await engine.arm("b", calendar: try CronSchedule(expression: "1 10 * * *", createdAt: created), lastFired: nil, catchup: .latest)
        await engine.disarm("a")
        // Re-arming b with another calendar replaces its pending fire.
        await engine.arm("b", calendar: try CronSchedule(expression: "2 10 * * *", createdAt: created), lastFired: nil, catchup: .latest)
        let runner = Task { await engine.run() }
        defer { runner.cancel() }
        clock.advance(to: utc("2026-11-25T10:03:00Z"))
        let fired = await sink.waitForFires(1)
        try await Task.sleep(for: .milliseconds(20))
        #expect(fired.map(\.scheduleID) == ["b"])
        #expect(Self.times(await sink.fired) == ["2026-11-25T10:02:00Z"])
        #expect(await engine.nextFireTime(of: "a") == nil)
        #expect(await engine.armedCount == 1)
    }

    @Test(arguments: [
        (CatchupPolicy.latest, ["2026-11-25T09:45:00Z"], 7),
        (CatchupPolicy.none, [], 8),
        (CatchupPolicy.all, ["2026-11-25T08:00:00Z", "2026-11-25T08:15:00Z", "2026-11-25T08:30:00Z", "2026-11-25T08:45:00Z",
                             "2026-11-25T09:00:00Z", "2026-11-25T09:15:00Z", "2026-11-25T09:30:00Z", "2026-11-25T09:45:00Z"], 0),
    ])
    func downtimeFollowsTheCatchupPolicy(policy: CatchupPolicy, fired expected: [String], passedOver: Int) async throws {
        // Last fired at 07:45; the gateway comes back at 09:50: 08:00 … 09:45 were missed (8 times).
        let clock = ManualClock(utc("2026-11-25T09:50:00Z"))
        let sink = RecordingSink()
        let engine = SchedulerEngine(clock: clock, sink: sink)
        let calendar = try Self.everyFifteenMinutes(createdAt: utc("2026-11-24T23:00:00Z"))
        await engine.arm("s", calendar: calendar, lastFired: utc("2026-11-25T07:45:00Z"), catchup: policy)
        let fired = await sink.waitForFires(expected.count)
        #expect(Set(Self.times(fired)) == Set(expected))
        #expect(await sink.passed.count == passedOver)
        #expect(await engine.nextFireTime(of: "s") == utc("2026-11-25T10:00:00Z"))
    }

    @Test func catchupAll_replaysAtMostAHundred() {
        let start = utc("2026-11-25T00:00:00Z")
        let missed = (0..<130).map { start.addingTimeInterval(Double($0) * 60) }
        let plan = CatchupPolicy.all.plan(missed)
        #expect(plan.fire.count == 100)
        #expect(plan.fire.first == missed.first)
        #expect(plan.passOver.count == 30)
        #expect(CatchupPolicy.latest.plan([]).fire.isEmpty)
    }
}
