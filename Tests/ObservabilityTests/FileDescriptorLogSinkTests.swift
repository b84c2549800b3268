import Dispatch
import Foundation
import Glibc
import Testing

@testable import Observability

@Suite(.timeLimit(.minutes(1)))
struct FileDescriptorLogSinkTests {
    /// 20 threads × 1,000 lines through one sink into a pipe: every line arrives once, whole, parseable,
    /// and each thread's lines keep their order.
    @Test func concurrentLoggersProduceCompleteLines() throws {
        let capture = try PipeCapture()
        let threads = 20
        let linesPerThread = 1_000
        do {
            let sink = FileDescriptorLogSink(fileDescriptor: capture.writeEnd)
            let logger = Logger(sink: sink, fields: ["service": "test"])
            DispatchQueue.concurrentPerform(iterations: threads) { thread in
                for sequence in 0..<linesPerThread {
                    logger.log(
                        .info,
                        "line with \"quotes\" and\nnewline",
                        orderedFields: [("thread", .int(thread)), ("seq", .int(sequence)), ("pad", "xxxxxxxxxxxxxxxx")]
                    )
                }
            }
            logger.flush()
            #expect(sink.droppedLines == 0)
        }
        let output = try #require(capture.finish())

        #expect(output.hasSuffix("\n"))
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == threads * linesPerThread)
        var nextSequence = Array(repeating: 0, count: threads)
        for line in lines {
            guard let object = parseJSONObject(String(line)),
                let thread = (object["thread"] as? NSNumber)?.intValue,
                let sequence = (object["seq"] as? NSNumber)?.intValue,
                nextSequence.indices.contains(thread)
            else {
                Issue.record("split or malformed line: \(line)")
                continue
            }
            #expect(sequence == nextSequence[thread], "thread \(thread) out of order")
            nextSequence[thread] = sequence + 1
            #expect(object["msg"] as? String == "line with \"quotes\" and\nnewline")
        }
        #expect(nextSequence == Array(repeating: linesPerThread, count: threads))
    }

    /// With a long interval and a threshold far away, nothing reaches the descriptor until `flush()`.
    @Test func buffersUntilFlush() throws {
        let capture = try PipeCapture()
        let sink = FileDescriptorLogSink(
            fileDescriptor: capture.writeEnd, flushInterval: .seconds(3600), flushThreshold: 1 << 20, bufferLimit: 1 << 22
        )
        sink.write("one")
        sink.write("two")
        usleep(100_000)
        #expect(capture.text.isEmpty)
        sink.flush()
        #expect(capture.waitUntil { $0 == "one\ntwo\n" })
    }

    @Test func passingTheThresholdWritesWithoutFlush() throws {
        let capture = try PipeCapture()
        let sink = FileDescriptorLogSink(
            fileDescriptor: capture.writeEnd, flushInterval: .seconds(3600), flushThreshold: 100, bufferLimit: 1 << 20
        )
        let line = String(repeating: "x", count: 39)  // 40 bytes with the newline
        sink.write(line)
        sink.write(line)
        usleep(100_000)
        #expect(capture.text.isEmpty, "80 bytes is below the 100-byte threshold")
        sink.write(line)
        #expect(capture.waitUntil { $0 == String(repeating: line + "\n", count: 3) })
    }

    @Test func timerWritesPeriodically() throws {
        let capture = try PipeCapture()
        let sink = FileDescriptorLogSink(fileDescriptor: capture.writeEnd, flushInterval: .milliseconds(20))
        sink.write("first")
        #expect(capture.waitUntil { $0 == "first\n" })
        sink.write("second")
        #expect(capture.waitUntil { $0 == "first\nsecond\n" })
    }

    @Test func releasingTheSinkWritesWhatIsBuffered() throws {
        let capture = try PipeCapture()
        do {
            let sink = FileDescriptorLogSink(fileDescriptor: capture.writeEnd, flushInterval: .seconds(3600))
            sink.write("last words")
        }
        #expect(capture.waitUntil { $0 == "last words\n" })
    }

    /// Past the cap, the newest lines are dropped and counted; buffered (older) lines are kept intact,
    /// and once flushed the sink accepts lines again.
    @Test func dropsNewestLinesPastTheCap() throws {
        let capture = try PipeCapture()
        let sink = FileDescriptorLogSink(
            fileDescriptor: capture.writeEnd, flushInterval: .seconds(3600), flushThreshold: 1 << 20, bufferLimit: 90
        )
        let lines = (0..<15).map { "line-\(String($0 + 100))" }  // 8 bytes + newline = 9 each: 10 fit in 90
        for line in lines { sink.write(line) }
        #expect(sink.droppedLines == 5)

        sink.flush()
        let kept = lines.prefix(10).map { $0 + "\n" }.joined()
        #expect(capture.waitUntil { $0 == kept })

        sink.write("after")
        sink.flush()
        #expect(capture.waitUntil { $0 == kept + "after\n" })
        #expect(sink.droppedLines == 5)
    }

    @Test func lineLargerThanTheCapIsDropped() throws {
        let capture = try PipeCapture()
        let sink = FileDescriptorLogSink(
            fileDescriptor: capture.writeEnd, flushInterval: .seconds(3600), flushThreshold: 1 << 20, bufferLimit: 10
        )
        sink.write("123456789")  // exactly 10 bytes with the newline: fits
        sink.write("x")
        #expect(sink.droppedLines == 1)
        sink.flush()
        #expect(capture.waitUntil { $0 == "123456789\n" })
    }

    /// A descriptor nobody reads: the writer blocks, logging threads do not; lines beyond the cap are
    /// dropped, and once the reader catches up every delivered line is whole and in order.
    @Test func stuckDescriptorNeverBlocksLoggersAndDropsExcess() throws {
        let capture = try PipeCapture(startReading: false)
        capture.shrinkBuffer()
        let total = 5_000
        let sink = FileDescriptorLogSink(
            fileDescriptor: capture.writeEnd, flushInterval: .milliseconds(5), flushThreshold: 1_024, bufferLimit: 16_384
        )
        let logger = Logger(sink: sink)
        let started = ContinuousClock.now
        for sequence in 0..<total {
            logger.log(.info, "m", orderedFields: [("seq", .int(sequence))])
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        let dropped = sink.droppedLines
        #expect(dropped > 0)

        capture.startReading()
        sink.flush()
        let output = try #require(capture.finish())
        let delivered = output.split(separator: "\n").map { line in
            parseJSONObject(String(line)).flatMap { ($0["seq"] as? NSNumber)?.intValue }
        }
        #expect(!delivered.contains(nil), "a line was split")
        let sequences = delivered.compactMap { $0 }
        #expect(sequences.count + dropped == total)
        #expect(sequences == sequences.sorted())
        #expect(sequences.first == 0, "the oldest lines are kept")
    }

    @Test func standardErrorIsASharedInstance() {
        #expect(FileDescriptorLogSink.standardError === FileDescriptorLogSink.standardError)
        #expect(FileDescriptorLogSink.standardError.droppedLines == 0)
    }
}
