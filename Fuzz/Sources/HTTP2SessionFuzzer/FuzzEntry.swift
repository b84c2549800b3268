import CFuzzDriver
import Glibc

/// Arbitrary bytes after the HTTP/2 connection preface, through the real server (nghttp2 session,
/// the stream callbacks, routing, the event loop) on loopback. A crash fails the run; so does a
/// connection the server still holds open five seconds after the client ended its side, which is
/// how a leaked stream or session shows from outside.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    let outcome = LoopbackExchange.run(preface + Array(input), port: FuzzServer.shared.port)
    precondition(outcome != .serverKeptConnectionOpen, "the server kept the connection open after the client's end of input")
    return 0
}

/// The client connection preface (RFC 9113 §3.4); every input is sent after it.
let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

@_cdecl("HTTP2SessionFuzzer_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    signal(SIGPIPE, SIG_IGN)
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
}
