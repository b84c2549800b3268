import CYAML
import JSON

/// Reads a YAML stream into JSON values with the position of every value, on libyaml's event parser
/// (no hand-written YAML grammar: libyaml knows block and flow styles, folding, escapes and indents).
///
/// What YAML has and JSON lacks is refused with its position rather than guessed at: anchors and
/// aliases (`&a`, `*a`, hence `<<` merges) — write the value out; keys that are mappings or
/// sequences; explicit tags other than the core schema's; duplicate keys; `.inf`/`.nan`.
/// Plain scalars resolve by the YAML 1.2 core schema (`CoreSchema`); quoted ones are strings.
public struct YAMLReader: Sendable {
    public init() {}

    /// Every document of the stream, in order (an empty stream has none).
    /// - Throws: `YAMLError` at the first problem.
    public func documents(_ bytes: [UInt8]) throws(YAMLError) -> [YAMLDocument] {
        let result: Result<[YAMLDocument], YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(YAMLError(position: SourcePosition(line: 1, column: 1), message: "libyaml could not start (out of memory)"))
            }
            defer { yaml_parser_delete(&parser) }
            // libyaml reads the bytes in place; an empty buffer still needs a valid pointer.
            let empty: [UInt8] = [0]
            return empty.withUnsafeBufferPointer { fallback in
                yaml_parser_set_input_string(&parser, buffer.baseAddress ?? fallback.baseAddress, buffer.count)
                return Result { () throws(YAMLError) in try Self.events(&parser, bytes) }
            }
        }
        return try result.get()
    }

    /// Pulls events until the stream ends, building each document.
    private static func events(_ parser: inout yaml_parser_t, _ bytes: [UInt8]) throws(YAMLError) -> [YAMLDocument] {
        var builder = DocumentBuilder()
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser, bytes) }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return builder.documents }
            try builder.handle(event)
        }
    }

    /// libyaml's own words, at its problem mark, with the context it was in ("while parsing a block mapping").
    private static func syntaxError(_ parser: yaml_parser_t, _ bytes: [UInt8]) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) started at \(position(parser.context_mark)))"
        }
        if parser.error == YAML_READER_ERROR {
            // Encoding errors carry only a byte offset.
            return YAMLError(position: LineIndex(bytes).position(ofByte: Int(parser.problem_offset)), message: problem)
        }
        return YAMLError(position: position(parser.problem_mark), message: message)
    }

    static func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

/// Turns parser events into documents: a stack of open collections, each knowing its JSON pointer.
private struct DocumentBuilder {
    private enum Frame {
        case sequence(pointer: JSONPointer, elements: [JSONNode])
        case mapping(pointer: JSONPointer, members: [JSONMember], pendingKey: String?, keys: Set<String>)
    }

    private(set) var documents: [YAMLDocument] = []
    private var stack: [Frame] = []
    private var root: JSONNode?
    private var sourceMap = SourceMap()

    private static let coreTag = "tag:yaml.org,2002:"

    mutating func handle(_ event: yaml_event_t) throws(YAMLError) {
        let at = YAMLReader.position(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            stack = []
            root = nil
            sourceMap = SourceMap()
        case YAML_DOCUMENT_END_EVENT:
            documents.append(YAMLDocument(root: root ?? .null, sourceMap: sourceMap))
        case YAML_ALIAS_EVENT:
            throw YAMLError(position: at, message: "aliases (*name) are not supported; write the value out")
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            try Self.refuseAnchor(scalar.anchor, at: at)
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            if case .mapping(let pointer, let members, .none, var keys)? = stack.last {
                // A key: JSON keys are strings, so a key is its text as written (`1:` is "1").
                guard keys.insert(text).inserted else {
                    throw YAMLError(position: at, message: "duplicate key '\(text)'")
                }
                stack[stack.count - 1] = .mapping(pointer: pointer, members: members, pendingKey: text, keys: keys)
                return
            }
            let tag = scalar.tag.map { String(cString: $0) }
            let value = try Self.scalarValue(text, tag: tag, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, at: at)
            try add(value, at: at)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isSequence = event.type == YAML_SEQUENCE_START_EVENT
            let anchor = isSequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
            try Self.refuseAnchor(anchor, at: at)
            let tag = (isSequence ? event.data.sequence_start.tag : event.data.mapping_start.tag).map { String(cString: $0) }
            if let tag, tag != Self.coreTag + (isSequence ? "seq" : "map") {
                throw YAMLError(position: at, message: "the tag \(tag) is not supported here")
            }
            if case .mapping(_, _, .none, _)? = stack.last {
                throw YAMLError(position: at, message: "a key must be a plain value, not a \(isSequence ? "list" : "mapping")")
            }
            let pointer = childPointer()
            sourceMap.record(pointer, at: at)
            stack.append(isSequence ? .sequence(pointer: pointer, elements: []) : .mapping(pointer: pointer, members: [], pendingKey: nil, keys: []))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            switch frame {
            case .sequence(_, let elements): try add(.array(elements), at: nil)
            case .mapping(_, let members, _, _): try add(.object(members), at: nil)
            }
        default:
            break
        }
    }

    /// The pointer the next value gets: the pending key of the open mapping, the next index of the open list.
    private func childPointer() -> JSONPointer {
        switch stack.last {
        case .sequence(let pointer, let elements)?: pointer.appending(index: elements.count)
        case .mapping(let pointer, _, let key?, _)?: pointer.appending(key)
        case .mapping(let pointer, _, .none, _)?: pointer
        case nil: .root
        }
    }

    /// Puts a finished value into the open collection (or makes it the root); `at` is recorded for
    /// scalars (collections recorded their start when they opened).
    private mutating func add(_ value: JSONNode, at position: SourcePosition?) throws(YAMLError) {
        if let position { sourceMap.record(childPointer(), at: position) }
        switch stack.last {
        case .sequence(let pointer, var elements)?:
            elements.append(value)
            stack[stack.count - 1] = .sequence(pointer: pointer, elements: elements)
        case .mapping(let pointer, var members, let key?, let keys)?:
            members.append(JSONMember(key: key, value: value))
            stack[stack.count - 1] = .mapping(pointer: pointer, members: members, pendingKey: nil, keys: keys)
        case .mapping?:
            // Unreachable: a value without a pending key was taken as a key above.
            break
        case nil:
            root = value
        }
    }

    private static func refuseAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at position: SourcePosition) throws(YAMLError) {
        guard let anchor else { return }
        throw YAMLError(position: position, message: "anchors (&\(String(cString: anchor))) are not supported; write the value out")
    }

    /// A scalar's JSON value: quoted or `!`-tagged ones are strings, plain ones resolve by the core
    /// schema, `!!str`/`!!int`/… force (and check) a type.
    private static func scalarValue(_ text: String, tag: String?, plain: Bool, at position: SourcePosition) throws(YAMLError) -> JSONNode {
        guard let tag, tag != "!" else {
            guard plain else { return .string(text) }
            return try resolved(text, at: position)
        }
        guard tag.hasPrefix(coreTag) else { throw YAMLError(position: position, message: "the tag \(tag) is not supported") }
        let name = tag.dropFirst(coreTag.count)
        if name == "str" { return .string(text) }
        let value = try resolved(text, at: position)
        let fits = switch (name, value) {
        case ("null", .null), ("bool", .bool): true
        case ("int", .number(let literal)): !literal.contains(".") && !literal.contains("e")
        case ("float", .number): true
        default: false
        }
        guard fits else { throw YAMLError(position: position, message: "'\(text)' is not a valid !!\(name)") }
        return value
    }

    private static func resolved(_ text: String, at position: SourcePosition) throws(YAMLError) -> JSONNode {
        switch CoreSchema.resolve(plain: text) {
        case .value(let node): return node
        case .unrepresentable(let reason): throw YAMLError(position: position, message: reason)
        }
    }
}
