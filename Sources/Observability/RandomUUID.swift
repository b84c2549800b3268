#if canImport(Glibc)
import Glibc
#endif

/// Lower-case random (version 4) and time-ordered (version 7) UUID text, from the system's CSPRNG
/// without Foundation.
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
        text(high: (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000, low: low)
    }

    /// A version 7 UUID (RFC 9562): the Unix time in milliseconds, then 74 random bits.
    ///
    /// For ids that become keys of a growing index (runs): ids made one after another sort one after
    /// another, so a burst of inserts appends to the index's last pages instead of dirtying a random
    /// page per row — what a thousand schedule fires in one commit write to disk. Still unguessable
    /// enough for an id (74 random bits), never for a secret.
    public static func makeTimeOrdered() -> String {
        var generator = SystemRandomNumberGenerator()
        return makeTimeOrdered(unixMilliseconds: currentUnixMilliseconds(), random: generator.next(), generator.next())
    }

    /// The version 7 UUID of this instant and these random bits (tests pass fixed ones).
    public static func makeTimeOrdered(unixMilliseconds: UInt64, random high: UInt64, _ low: UInt64) -> String {
        let time = (unixMilliseconds & 0xFFFF_FFFF_FFFF) << 16
        return text(high: time | 0x7000 | (high & 0x0FFF), low: low)
    }

    private static func currentUnixMilliseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(max(0, now.tv_sec)) * 1000 + UInt64(max(0, now.tv_nsec)) / 1_000_000
    }

    /// Formats 128 bits whose version nibble is set; the variant bits are set here.
    private static func text(high: UInt64, low: UInt64) -> String {
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
