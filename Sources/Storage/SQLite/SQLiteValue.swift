/// A value bound to or read from a statement: SQLite's five storage classes.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public init(_ text: String?) {
        self = text.map(SQLiteValue.text) ?? .null
    }

    public init(_ number: Int64?) {
        self = number.map(SQLiteValue.integer) ?? .null
    }

    public init(_ flag: Bool?) {
        self = flag.map { .integer($0 ? 1 : 0) } ?? .null
    }
}
