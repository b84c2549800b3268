import Foundation
@testable import Scheduling
import Testing

@Suite struct FireQueueTests {
    @Test func popsEarliestFirst_tiesByScheduleID() {
        var queue = FireQueue()
        var generator = SystemRandomNumberGenerator()
        var pushed: [FireQueue.Entry] = []
        for index in 0..<500 {
            let entry = FireQueue.Entry(
                time: Date(timeIntervalSince1970: Double(Int.random(in: 0..<100, using: &generator))), scheduleID: "s\(index % 37)",
                generation: index)
            pushed.append(entry)
            queue.push(entry)
        }
        var popped: [FireQueue.Entry] = []
        while let entry = queue.popFirst() { popped.append(entry) }
        #expect(popped.count == 500)
        #expect(queue.isEmpty)
        for (a, b) in zip(popped, popped.dropFirst()) {
            #expect(a.time < b.time || (a.time == b.time && a.scheduleID <= b.scheduleID))
        }
        #expect(Set(popped.map(\.generation)) == Set(pushed.map(\.generation)))
    }
}
