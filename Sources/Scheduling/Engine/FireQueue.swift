import Foundation

/// The next fire of every armed schedule, earliest first: a binary min-heap, so arming, re-arming and
/// taking the next due fire cost O(log n) however many schedules there are — no scan of all of them.
///
/// Re-arming a schedule does not search the heap: the entry carries the schedule's generation, and a
/// popped entry whose generation is no longer current is simply dropped.
struct FireQueue {
    struct Entry: Equatable {
        var time: Date
        var scheduleID: String
        var generation: Int
    }

    private var heap: [Entry] = []

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var first: Entry? { heap.first }

    mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() -> Entry? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, Self.precedes(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.precedes(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }

    /// Earlier first; equal times in schedule-id order, so a test sees a stable order.
    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.time != b.time ? a.time < b.time : a.scheduleID < b.scheduleID
    }
}
