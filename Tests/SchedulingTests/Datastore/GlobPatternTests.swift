import Scheduling
import Testing

@Suite("GlobPattern: file_pattern on blob names")
struct GlobPatternTests {
    static let table: [(pattern: String, name: String, matches: Bool)] = [
        ("*.csv", "data.csv", true),
        ("*.csv", "data.CSV", false),
        ("*.csv", "data.csv.tmp", false),
        ("*.csv", ".csv", true),
        ("data-??.csv", "data-01.csv", true),
        ("data-??.csv", "data-1.csv", false),
        ("[abc]*", "alpha", true),
        ("[abc]*", "delta", false),
        ("[!abc]*", "delta", true),
        ("[^abc]*", "alpha", false),
        ("report-[0-9][0-9].json", "report-42.json", true),
        ("report-[0-9][0-9].json", "report-4x.json", false),
        ("[]]x", "]x", true),
        ("*", "anything at all", true),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXbYY", false),
        ("**.txt", "a.txt", true),
        ("exact.parquet", "exact.parquet", true),
        ("exact.parquet", "exact.parquetx", false),
    ]

    @Test(arguments: table)
    func matching(_ row: (pattern: String, name: String, matches: Bool)) throws {
        #expect(try GlobPattern(row.pattern).matches(row.name) == row.matches, "\(row.pattern) vs \(row.name)")
    }

    @Test(arguments: ["", "[abc", "in/*.csv", "[z-a]"])
    func unreadablePatterns_areRefusedWithAReason(_ text: String) {
        #expect(throws: GlobPattern.Problem.self) { try GlobPattern(text) }
    }

    @Test func aHostilePattern_staysLinear() throws {
        let pattern = try GlobPattern(String(repeating: "*a", count: 50) + "b")
        #expect(pattern.matches(String(repeating: "a", count: 5_000)) == false)
    }
}
