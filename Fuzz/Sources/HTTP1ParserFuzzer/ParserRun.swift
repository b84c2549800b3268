import HTTPServer

/// What a parser made of a byte stream: the requests it completed and how it stopped.
struct ParserRun: Equatable {
    struct Request: Equatable {
        var head: HTTPRequestHead
        var body: [UInt8]
    }

    var requests: [Request] = []
    var error: HTTPParseError?
    var pendingHead = false

    /// Feeds `bytes` in chunks of the given sizes (the last size repeats) and drains events after each.
    static func run(_ bytes: [UInt8], chunkSizes: [Int], limits: HTTPParserLimits) -> ParserRun {
        var parser = HTTP1RequestParser(limits: limits)
        var result = ParserRun()
        var head: HTTPRequestHead?
        var body: [UInt8] = []
        var offset = 0
        var index = 0
        while offset < bytes.count {
            let size = max(1, chunkSizes[min(index, chunkSizes.count - 1)])
            index += 1
            let end = min(bytes.count, offset + size)
            parser.feed(bytes[offset..<end])
            offset = end
            do {
                while let event = try parser.next() {
                    switch event {
                    case .head(let h):
                        head = h
                        body = []
                    case .body(let piece):
                        body += piece
                    case .end:
                        if let h = head { result.requests.append(Request(head: h, body: body)) }
                        head = nil
                    }
                }
            } catch {
                result.error = error
                return result
            }
        }
        result.pendingHead = head != nil
        return result
    }
}
