import CFuzzDriver
import JSON
import YAML

/// Fuzzing of the YAML reader (libyaml's event parser under `apply`'s schedule files). For every input:
/// - it never crashes, and an error's position is a 1-based line and column;
/// - every document it accepts, written back by `YAMLWriter` (what `export` prints) and read again,
///   gives the same value: `export` output is always something `apply` reads back unchanged.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let documents: [YAMLDocument]
    do {
        documents = try YAMLReader().documents(bytes)
    } catch {
        precondition(error.position.line >= 1 && error.position.column >= 1, "error at \(error.position)")
        return 0
    }
    for document in documents {
        let text = YAMLWriter.text(document.root)
        let reread: [YAMLDocument]
        do {
            reread = try YAMLReader().documents(Array(text.utf8))
        } catch {
            preconditionFailure("the writer's output does not read back: \(error)\n\(text)")
        }
        precondition(reread.count == 1 && reread[0].root == document.root, "write → read changed the value:\n\(text)")
    }
    return 0
}

@_cdecl("YAMLReaderFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
}
