import Observability
import Testing

@Suite struct RandomUUIDTests {
    @Test func fixedBits_formatAsAVersion4UUID() {
        #expect(RandomUUID.make(high: 0, low: 0) == "00000000-0000-4000-8000-000000000000")
        #expect(RandomUUID.make(high: .max, low: .max) == "ffffffff-ffff-4fff-bfff-ffffffffffff")
        #expect(RandomUUID.make(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210) == "01234567-89ab-4def-bedc-ba9876543210")
    }

    @Test func randomOnes_areWellFormedAndDistinct() {
        let ids = (0..<1000).map { _ in RandomUUID.make() }
        #expect(Set(ids).count == 1000)
        for id in ids.prefix(50) {
            let groups = id.split(separator: "-").map(\.count)
            #expect(groups == [8, 4, 4, 4, 12])
            #expect(id.dropFirst(14).first == "4")
            #expect("89ab".contains(id.dropFirst(19).first ?? "x"))
        }
    }

    @Test func timeOrdered_fixedBits_formatAsAVersion7UUID() {
        // RFC 9562 appendix A.6's instant: 2022-02-22 19:22:22 UTC = 0x017F22E279B0 ms.
        #expect(RandomUUID.makeTimeOrdered(unixMilliseconds: 0x017F_22E2_79B0, random: 0xCC3, 0x18C4_DC0C_0C07_398F)
            == "017f22e2-79b0-7cc3-98c4-dc0c0c07398f")
        #expect(RandomUUID.makeTimeOrdered(unixMilliseconds: 0, random: .max, .max) == "00000000-0000-7fff-bfff-ffffffffffff")
    }

    @Test func timeOrdered_sortByCreationTime() {
        let earlier = RandomUUID.makeTimeOrdered(unixMilliseconds: 1_764_000_000_000, random: .max, .max)
        let later = RandomUUID.makeTimeOrdered(unixMilliseconds: 1_764_000_000_001, random: 0, 0)
        #expect(earlier < later)
        let now = (0..<1000).map { _ in RandomUUID.makeTimeOrdered() }
        #expect(Set(now).count == 1000)
        for id in now.prefix(50) {
            #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
            #expect(id.dropFirst(14).first == "7")
            #expect("89ab".contains(id.dropFirst(19).first ?? "x"))
        }
        // The first 48 bits are the current Unix time in milliseconds (2026 or later).
        let milliseconds = UInt64(now[0].prefix(8) + now[0].dropFirst(9).prefix(4), radix: 16) ?? 0
        #expect(milliseconds > 1_764_000_000_000)
    }
}
