@testable import HTTPServer
import Testing

/// Drives `HTTP1RequestParser` the way a connection does — feed a piece, then call `next()` until it
/// returns nil — and folds the events into whole requests, checking the event order on the way.
enum ParserHarness {
    /// One request as the parser delivered it: its head and the concatenation of its body pieces.
    struct Request: Equatable, CustomStringConvertible {
        var head: HTTPRequestHead
        var body: [UInt8]

        var description: String {
            "\(head.method) \(head.target) \(head.version) \(head.headers.map { "\($0.name)=\($0.value)" }) \(head.framing) body=\(String(decoding: body, as: UTF8.self).debugDescription)"
        }
    }

    /// What a whole input produced: the complete requests, a request whose `end` has not come yet,
    /// and whether the event order was ever broken (body or end without a head, head inside a request).
    struct Outcome: Equatable {
        var requests: [Request] = []
        var incomplete: Request?
        var orderViolations: [String] = []
        /// Parser state after the last piece, so a test can tell whether every byte was consumed.
        var idleAtEnd = false
    }

    /// Feeds `pieces` in order, draining after each; throws the first parse error.
    static func run(_ pieces: [[UInt8]], limits: HTTPParserLimits = HTTPParserLimits()) throws(HTTPParseError) -> Outcome {
        var parser = HTTP1RequestParser(limits: limits)
        var outcome = Outcome()
        for piece in pieces {
            parser.feed(piece)
            try drain(&parser, into: &outcome)
        }
        outcome.idleAtEnd = parser.isIdle
        return outcome
    }

    /// Calls `next()` until it asks for more input.
    static func drain(_ parser: inout HTTP1RequestParser, into outcome: inout Outcome) throws(HTTPParseError) {
        while let event = try parser.next() {
            switch event {
            case .head(let head):
                if let pending = outcome.incomplete {
                    outcome.orderViolations.append("head \(head.target) while \(pending.head.target) was open")
                }
                outcome.incomplete = Request(head: head, body: [])
            case .body(let piece):
                if piece.isEmpty { outcome.orderViolations.append("empty body piece") }
                if outcome.incomplete == nil {
                    outcome.orderViolations.append("body without head")
                } else {
                    outcome.incomplete?.body += piece
                }
            case .end:
                if let request = outcome.incomplete {
                    outcome.requests.append(request)
                    outcome.incomplete = nil
                } else {
                    outcome.orderViolations.append("end without head")
                }
            }
        }
    }

    /// The result as a value, so outcomes of different feeding strategies can be compared.
    static func result(_ pieces: [[UInt8]], limits: HTTPParserLimits = HTTPParserLimits()) -> Result<Outcome, HTTPParseError> {
        do throws(HTTPParseError) {
            return .success(try run(pieces, limits: limits))
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Feeding strategies

    static func allAtOnce(_ bytes: [UInt8]) -> [[UInt8]] { [bytes] }

    static func byteByByte(_ bytes: [UInt8]) -> [[UInt8]] { bytes.map { [$0] } }

    /// Every way of cutting `bytes` into two non-empty pieces.
    static func everySplit(_ bytes: [UInt8]) -> [(at: Int, pieces: [[UInt8]])] {
        guard bytes.count > 1 else { return [] }
        return (1..<bytes.count).map { cut in (cut, [Array(bytes[..<cut]), Array(bytes[cut...])]) }
    }

    /// Feeds `bytes` in pieces of `pieceSize` and reports how many bytes had been fed when the parser
    /// threw, or nil if it never did.
    static func bytesFedBeforeError(
        _ bytes: [UInt8], pieceSize: Int = 1, limits: HTTPParserLimits = HTTPParserLimits()
    ) -> (fed: Int, error: HTTPParseError)? {
        var parser = HTTP1RequestParser(limits: limits)
        var outcome = Outcome()
        var fed = 0
        while fed < bytes.count {
            let end = min(fed + pieceSize, bytes.count)
            parser.feed(bytes[fed..<end])
            fed = end
            do throws(HTTPParseError) {
                try drain(&parser, into: &outcome)
            } catch {
                return (fed, error)
            }
        }
        return nil
    }
}

// MARK: - Building inputs and expectations

extension ParserHarness {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func request(
        _ method: HTTPMethod, _ target: String, _ version: HTTPVersion = .http1_1,
        headers: [(String, String)], framing: HTTPRequestHead.BodyFraming = .none, body: String = ""
    ) -> Request {
        Request(
            head: HTTPRequestHead(method: method, target: target, version: version, headers: HTTPHeaders(headers), framing: framing),
            body: Array(body.utf8)
        )
    }
}
