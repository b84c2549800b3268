import Foundation

/// The API keys from `GATEWAY_API_KEYS` (`name:role:secret,…`). Roles are ordered: a `reader` may
/// read, an `operator` may also start runs and toggle schedules, an `admin` may do everything.
public struct APIKeyRing: Sendable {
    public enum Role: Int, Sendable, Comparable, CustomStringConvertible {
        case reader, `operator`, admin

        public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

        init?(name: String) {
            switch name {
            case "reader": self = .reader
            case "operator": self = .operator
            case "admin": self = .admin
            default: return nil
            }
        }

        public var description: String {
            switch self {
            case .reader: "reader"
            case .operator: "operator"
            case .admin: "admin"
            }
        }
    }

    public struct Key: Sendable {
        public var name: String
        public var role: Role
        let secret: [UInt8]
    }

    public let keys: [Key]

    public var isEmpty: Bool { keys.isEmpty }

    /// Parses the variable, reporting every malformed entry by position — never echoing a secret.
    static func parse(_ text: String, setting: String) -> (APIKeyRing, [ConfigurationError.Problem]) {
        var keys: [Key] = []
        var problems: [ConfigurationError.Problem] = []
        let entries = text.split(separator: ",", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        for (index, entry) in entries.enumerated() where !entry.isEmpty {
            let parts = entry.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, !parts[0].isEmpty, !parts[2].isEmpty else {
                problems.append(.init(setting: setting, message: "entry \(index + 1) must be name:role:secret"))
                continue
            }
            guard let role = Role(name: parts[1]) else {
                problems.append(.init(setting: setting, message: "key '\(parts[0])' has role '\(parts[1])'; use admin, operator or reader"))
                continue
            }
            if keys.contains(where: { $0.name == parts[0] }) {
                problems.append(.init(setting: setting, message: "key name '\(parts[0])' is used twice"))
                continue
            }
            if parts[2].utf8.count < 8 {
                problems.append(.init(setting: setting, message: "key '\(parts[0])' has a secret shorter than 8 characters"))
                continue
            }
            keys.append(Key(name: parts[0], role: role, secret: Array(parts[2].utf8)))
        }
        return (APIKeyRing(keys: keys), problems)
    }

    /// The key whose secret equals `presented`. Every key is compared in full, in constant time per
    /// byte, so timing reveals neither which key matched nor how much of a secret was right.
    func key(matching presented: String) -> Key? {
        let bytes = Array(presented.utf8)
        var found: Key?
        for key in keys where Self.constantTimeEquals(key.secret, bytes) && found == nil {
            found = key
        }
        return found
    }

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
