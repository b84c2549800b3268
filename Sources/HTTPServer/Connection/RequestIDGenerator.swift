/// Request ids: the client's `X-Request-Id` when it is 1–128 chars of `[A-Za-z0-9._:-]` (so a caller
/// can follow its own id through our logs), else a generated one that is unique per process run.
struct RequestIDGenerator {
    private let prefix: String
    private var counter: UInt64 = 0

    init(loopIndex: Int) {
        let random = UInt64.random(in: 0...UInt64.max)
        prefix = String(random, radix: 16) + "-" + String(loopIndex) + "-"
    }

    mutating func next(clientSupplied: String?) -> String {
        if let candidate = clientSupplied, Self.isAcceptable(candidate) { return candidate }
        counter &+= 1
        return prefix + String(counter, radix: 16)
    }

    static func isAcceptable(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard (1...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                true
            default: false
            }
        }
    }
}
