/// Every configuration problem found, each naming the variable or flag to change.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public struct Problem: Error, Sendable, Equatable {
        public var setting: String
        public var message: String
    }

    public var problems: [Problem]

    public var description: String {
        "invalid configuration:\n" + problems.map { "  \($0.setting): \($0.message)" }.joined(separator: "\n")
    }
}
