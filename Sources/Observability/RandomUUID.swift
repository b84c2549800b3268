/// Lower-case random (version 4) UUID text, from the system's CSPRNG without Foundation.
///
/// Run ids and client request ids are made per request on the hot path; Foundation's `UUID()` on Linux
/// opened `/dev/urandom` for each one (an `open`/`read`/`close` per id, measured at 5 % of a dry
/// run's CPU). `SystemRandomNumberGenerator` uses `getrandom` and allocates nothing but the string.
public enum RandomUUID {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(high: generator.next(), low: generator.next())
    }

    /// The text of the UUID with these 128 bits, version and variant bits set (tests pass fixed bits).
    public static func make(high: UInt64, low: UInt64) -> String {
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: 36)
        var position = 0
        for word in [high, low] {
            for nibble in 0..<16 {
                if position == 8 || position == 13 || position == 18 || position == 23 { position += 1 }
                let shift = UInt64(60 - nibble * 4)
                bytes[position] = digits[Int((word >> shift) & 0xF)]
                position += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
