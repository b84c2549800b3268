/// An Azure ML enum as it travels on the wire.
///
/// The pipelines service has sent the same enum as an integer (`1`), a digit string (`"1"`) and a
/// name (`"Running"`), and the SDK echoes whatever form it read. A conforming type lists its names in
/// integer order and keeps any value it does not know (`.unknown`) instead of failing the whole
/// entity, so a new status added by Azure never breaks a list or a status poll.
public protocol WireEnum: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The known names, indexed by their integer code on the wire.
    static var wireNames: [String] { get }
    /// The known case for `wireNames[code]`.
    init(knownCode code: Int)
    /// A value outside `wireNames`, kept as received (an integer is kept as its digits).
    static func unknown(_ raw: String) -> Self
    /// The integer code of a known case; nil for an unknown one.
    var knownCode: Int? { get }
    /// The raw text of an unknown value; nil for a known case.
    var unknownRawValue: String? { get }
}

extension WireEnum {
    /// Parses an integer, a digit string or a name (names match case-insensitively, as the service's
    /// ASP.NET binder does). Anything else becomes `.unknown` with the text unchanged.
    public init(wireText text: String) {
        let trimmed = text.trimmingWhitespace()
        if let code = Int(trimmed) {
            self.init(wireCode: code)
        } else if let code = Self.wireNames.firstIndex(where: { $0.caseInsensitiveEquals(trimmed) }) {
            self.init(knownCode: code)
        } else {
            self = .unknown(text)
        }
    }

    /// Maps an integer code; one outside the known range becomes `.unknown("<digits>")`.
    public init(wireCode code: Int) {
        if Self.wireNames.indices.contains(code) {
            self.init(knownCode: code)
        } else {
            self = .unknown(String(code))
        }
    }

    /// The name Azure and the SDK use (`"Running"`), or the unknown value as received.
    public var name: String {
        if let code = knownCode { return Self.wireNames[code] }
        return unknownRawValue ?? ""
    }

    public var description: String { name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let code = try? container.decode(Int.self) {
            self.init(wireCode: code)
        } else if let number = try? container.decode(Double.self) {
            // `2.0` is an integer code written loosely; anything fractional is kept verbatim.
            if number.rounded() == number, let code = Int(exactly: number) {
                self.init(wireCode: code)
            } else {
                self = .unknown(String(number))
            }
        } else {
            self.init(wireText: try container.decode(String.self))
        }
    }

    /// Encodes the name: what the SDK sends when it sets a value itself (`"Disabled"`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
