import CFuzzDriver
import JSON

/// Fuzzing of the strict JSON parser. For every input:
/// - it never crashes, and an error names an offset inside the input (or its end);
/// - an accepted document written and re-parsed gives an equal tree, and writing that again gives
///   the same bytes (the writer's output is a fixed point);
/// - it agrees with Foundation's `JSONSerialization` on accept/reject, except where Foundation is
///   knowingly lenient or limited (see `FoundationOracle`), and on the strings it decoded.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let parser = JSONParser()
    let outcome: Result<JSONNode, JSONSyntaxError>
    do {
        outcome = .success(try parser.parse(bytes))
    } catch {
        precondition((0...bytes.count).contains(error.byteOffset), "error offset \(error.byteOffset) outside 0...\(bytes.count)")
        outcome = .failure(error)
    }
    if case .success(let node) = outcome {
        var writer = JSONWriter()
        writer.write(node)
        let reparsed: JSONNode
        do {
            reparsed = try parser.parse(writer.bytes)
        } catch {
            preconditionFailure("the writer's output does not parse: \(error)")
        }
        precondition(reparsed == node, "parse → write → parse changed the tree")
        var again = JSONWriter()
        again.write(reparsed)
        precondition(again.bytes == writer.bytes, "writing the re-parsed tree gave other bytes")
        var sorted = JSONWriter()
        sorted.write(node, sortingKeys: true)
        precondition((try? parser.parse(sorted.bytes)) != nil, "the key-sorted output does not parse")
    }
    FoundationOracle.check(bytes, against: outcome)
    return 0
}

@_cdecl("JSONParserFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
}
