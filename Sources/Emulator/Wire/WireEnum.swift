/// An Azure enum that travels either as its integer code or as its name.
///
/// The service has historically sent integers and is moving to names; the SDK accepts both and
/// echoes back whichever it read (as digit strings), so the emulator writes the form its
/// configuration asks for and reads every form.
protocol WireEnum: CaseIterable, Sendable, Equatable {
    var wireCode: Int { get }
    var wireName: String { get }
}

extension WireEnum {
    /// Reads an integer, a digit string or a name (ignoring case, as .NET's enum binding does).
    init?(wire value: JSONValue) {
        switch value {
        case .int(let code):
            guard let match = Self.allCases.first(where: { $0.wireCode == code }) else { return nil }
            self = match
        case .string(let text):
            self.init(wireText: text)
        default:
            return nil
        }
    }

    init?(wireText text: String) {
        if let code = Int(text), let match = Self.allCases.first(where: { $0.wireCode == code }) {
            self = match
            return
        }
        let lowered = text.lowercased()
        guard let match = Self.allCases.first(where: { $0.wireName.lowercased() == lowered }) else { return nil }
        self = match
    }

    static var wireNames: String { allCases.map(\.wireName).joined(separator: ", ") }
}
