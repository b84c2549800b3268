import Foundation

/// A Minute or Hour recurrence reduced to its arithmetic: anchor + k × step within bounds. Such
/// schedules step in absolute time, so none of the wall-clock machinery a `Recurrence` carries is
/// needed to compute them; the scheduler holds this small value instead when 100,000 schedules are
/// armed (`Recurrence.compact`).
public struct FixedStepCalendar: EpochSecondsCalendar {
    let createdSeconds: Int
    /// Without a `start_time` the schedule fires once at creation (as the SDK did).
    let firesAtCreation: Bool
    let lowerBound: Int
    let endSeconds: Int?
    let anchorSeconds: Int
    let stepSeconds: Int
    public let timeZone: ScheduleTimeZone

    var firstSearchSecond: Int { createdSeconds }

    /// The earliest fire time ≥ `seconds`: the creation fire, else anchor + k × step not before the
    /// lower bound; none past `end_time`.
    func firstOccurrence(atOrAfter seconds: Int) -> Int? {
        let occurrence = firesAtCreation && seconds <= createdSeconds ? createdSeconds : stepOccurrence(atOrAfter: max(seconds, lowerBound))
        guard let occurrence, occurrence <= (endSeconds ?? CivilCalendar.maxSeconds) else { return nil }
        return occurrence
    }

    private func stepOccurrence(atOrAfter seconds: Int) -> Int? {
        guard seconds > anchorSeconds else { return anchorSeconds }
        guard let offset = CivilCalendar.roundUp(seconds - anchorSeconds, toMultipleOf: stepSeconds) else { return nil }
        let (occurrence, overflow) = anchorSeconds.addingReportingOverflow(offset)
        return overflow ? nil : occurrence
    }
}

extension Recurrence {
    /// The smallest calendar with exactly these fire times: a `FixedStepCalendar` for Minute and Hour,
    /// this recurrence itself for the wall-clock frequencies.
    public var compact: any FireCalendar {
        fixedStep ?? self
    }

    /// Minute/Hour's arithmetic; nil for Day, Week and Month.
    var fixedStep: FixedStepCalendar? {
        guard wallClockRule == nil else { return nil }
        return FixedStepCalendar(
            createdSeconds: createdSeconds, firesAtCreation: startTime == nil, lowerBound: lowerBound, endSeconds: endSeconds,
            anchorSeconds: anchorSeconds, stepSeconds: stepSeconds, timeZone: timeZone)
    }
}
