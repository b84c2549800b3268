public import JSON

extension SourceMap {
    /// Positions for a document read by the JSON parser, which keeps only where each member's key
    /// starts: a member's value is placed at its key, an object at its first key, and array elements
    /// fall back to their nearest placed ancestor. Enough to name the line of every field problem.
    public init(json root: JSONNode, bytes: [UInt8]) {
        self.init()
        let lines = LineIndex(bytes)
        var pending: [(JSONPointer, JSONNode)] = [(.root, root)]
        while let (pointer, node) = pending.popLast() {
            switch node {
            case .object(let members):
                if let first = members.first { record(pointer, at: lines.position(ofByte: first.keyOffset)) }
                for member in members {
                    let child = pointer.appending(member.key)
                    record(child, at: lines.position(ofByte: member.keyOffset))
                    pending.append((child, member.value))
                }
            case .array(let elements):
                for (index, element) in elements.enumerated() { pending.append((pointer.appending(index: index), element)) }
            default:
                break
            }
        }
    }
}

/// Byte offsets to 1-based lines and character columns (JSON positions are byte offsets).
public struct LineIndex: Sendable {
    private let bytes: [UInt8]
    /// Byte offset of each line's first byte.
    private let starts: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        self.starts = starts
    }

    public func position(ofByte offset: Int) -> SourcePosition {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = starts[low]
        let end = min(max(offset, lineStart), bytes.count)
        // Characters, not bytes: count the bytes that start a UTF-8 sequence.
        let column = bytes[lineStart..<end].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return SourcePosition(line: low + 1, column: column + 1)
    }
}
