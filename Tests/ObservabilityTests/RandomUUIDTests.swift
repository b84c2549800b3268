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
}
