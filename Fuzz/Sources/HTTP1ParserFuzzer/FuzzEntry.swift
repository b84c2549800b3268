import CFuzzDriver
import HTTPServer

/// Differential fuzzing of the HTTP/1.1 parser: any input must parse without crashing, and feeding it
/// whole, one byte at a time, or in two halves must give the same requests and the same error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = HTTPParserLimits(maxRequestLineBytes: 256, maxHeaderSectionBytes: 512, maxHeaderFields: 8, maxBodyBytes: 1024)
    let whole = ParserRun.run(bytes, chunkSizes: [bytes.count], limits: limits)
    let byteWise = ParserRun.run(bytes, chunkSizes: [1], limits: limits)
    let halves = ParserRun.run(bytes, chunkSizes: [max(1, bytes.count / 2)], limits: limits)
    precondition(whole == byteWise, "byte-at-a-time feeding changed the outcome")
    precondition(whole == halves, "split feeding changed the outcome")
    return 0
}

@_cdecl("HTTP1ParserFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
}
