public import JSON

/// A string with `{{/json/pointer}}` placeholders into the delivered JSON, e.g. "incoming/{{/data/name}}"; literals allowed; `{{` `}}` must balance.
///
/// This is how a sender's own payload becomes pipeline parameters: the webhook stores one template per
/// parameter, checked when the webhook is saved, and renders each against every delivery.
public struct PayloadTemplate: Sendable, Hashable {
    /// The template as written.
    public let text: String
    private let segments: [Segment]

    private enum Segment: Sendable, Hashable {
        case literal(String)
        case placeholder(JSONPointer)
    }

    /// Parses `text`: every `{{` needs its `}}`, a placeholder holds a non-empty RFC 6901 pointer
    /// (starting with `/`, `~` only as `~0`/`~1`), and placeholders do not nest. Single braces are literal.
    /// - Throws: `TemplateSyntaxError` at the first offending character.
    public init(parsing text: String) throws(TemplateSyntaxError) {
        let scalars = text.unicodeScalars
        var segments: [Segment] = []
        var literal = ""
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if Self.pair(of: "{", at: index, in: scalars) {
                let start = scalars.index(index, offsetBy: 2)
                var end = start
                while end < scalars.endIndex, !Self.pair(of: "}", at: end, in: scalars) {
                    if Self.pair(of: "{", at: end, in: scalars) {
                        throw TemplateSyntaxError(offset: Self.offset(of: end, in: text), message: #"a placeholder cannot contain "{{""#)
                    }
                    end = scalars.index(after: end)
                }
                guard end < scalars.endIndex else {
                    throw TemplateSyntaxError(offset: Self.offset(of: index, in: text), message: #""{{" is never closed by "}}""#)
                }
                guard start < end else {
                    throw TemplateSyntaxError(
                        offset: Self.offset(of: index, in: text), message: #"empty placeholder; write a JSON pointer such as "{{/data/name}}""#)
                }
                let pointer: JSONPointer
                do {
                    pointer = try JSONPointer(parsing: String(scalars[start..<end]))
                } catch {
                    throw TemplateSyntaxError(offset: Self.offset(of: start, in: text) + error.offset, message: error.reason.description)
                }
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(.placeholder(pointer))
                index = scalars.index(end, offsetBy: 2)
            } else if Self.pair(of: "}", at: index, in: scalars) {
                throw TemplateSyntaxError(offset: Self.offset(of: index, in: text), message: #""}}" without an opening "{{""#)
            } else {
                literal.unicodeScalars.append(scalars[index])
                index = scalars.index(after: index)
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.text = text
        self.segments = segments
    }

    /// The placeholders' pointers in order (repeats included), for checks at save time and for messages.
    public var pointers: [JSONPointer] {
        segments.compactMap { segment in
            if case .placeholder(let pointer) = segment { return pointer }
            return nil
        }
    }

    /// A template that is exactly one placeholder yields the pointed-to scalar itself (number stays a number, bool a bool, string a string);
    /// otherwise a string with each placeholder replaced by the scalar's text (string as is, number as its literal, true/false).
    /// Objects, arrays and null → TemplateRenderError.notScalar; a pointer that resolves to nothing → .missing.
    ///
    /// Keeping a lone placeholder's type lets `{{/run/epochs}}` fill an integer parameter with `5`, not `"5"`.
    public func render(_ payload: JSONNode) throws(TemplateRenderError) -> JSONNode {
        if segments.count == 1, case .placeholder(let pointer) = segments[0] {
            return try Self.scalar(at: pointer, in: payload)
        }
        var rendered = ""
        for segment in segments {
            switch segment {
            case .literal(let text):
                rendered += text
            case .placeholder(let pointer):
                switch try Self.scalar(at: pointer, in: payload) {
                case .string(let text): rendered += text
                case .number(let literal): rendered += literal
                case .bool(let flag): rendered += flag ? "true" : "false"
                case .object, .array, .null: break  // `scalar(at:in:)` never returns these.
                }
            }
        }
        return .string(rendered)
    }

    private static func scalar(at pointer: JSONPointer, in payload: JSONNode) throws(TemplateRenderError) -> JSONNode {
        guard let value = payload.value(at: pointer) else { throw .missing(pointer: pointer) }
        switch value {
        case .string, .number, .bool: return value
        case .object, .array, .null: throw .notScalar(pointer: pointer, kind: value.kindName)
        }
    }

    private static func pair(of brace: Unicode.Scalar, at index: String.UnicodeScalarView.Index, in scalars: String.UnicodeScalarView) -> Bool {
        guard scalars[index] == brace else { return false }
        let next = scalars.index(after: index)
        return next < scalars.endIndex && scalars[next] == brace
    }

    /// The character index of a scalar position, for error offsets (errors are rare, so counting is fine).
    private static func offset(of index: String.UnicodeScalarView.Index, in text: String) -> Int {
        String(text.unicodeScalars[..<index]).count
    }
}
