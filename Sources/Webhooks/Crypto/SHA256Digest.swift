/// SHA-256 as lower-case hex, for the rest of the gateway: the SDK facade keys its cache of
/// Azure-accepted bearer tokens by this digest so the token text is neither kept nor logged. It
/// lives beside the webhook signatures because this is the module that binds libcrypto.
public enum SHA256Digest {
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(Crypto.digestLength * 2)
        for byte in Crypto.sha256(bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
