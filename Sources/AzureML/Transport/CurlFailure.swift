import CCurl

/// Sorts libcurl's errors by what they prove about the request having reached the server.
enum CurlFailure {
    /// - Parameters:
    ///   - requestBytesSent: `CURLINFO_REQUEST_SIZE`: bytes of the request handed to the connection.
    ///     Zero after a timeout means the deadline passed before anything was written (resolving,
    ///     connecting, TLS, or waiting for a free connection), so the server cannot have seen it.
    ///   - detail: libcurl's error buffer; it names hosts and ports, and any query string is cut.
    static func classify(
        _ code: CURLcode, requestBytesSent: Int, answerTooLarge: Bool, detail: String, timeoutMilliseconds: Int
    ) -> TransportFailure {
        let reason = describe(code, detail: detail)
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_PROXY,
            CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_USE_SSL_FAILED, CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return TransportFailure(kind: .notSent, message: "could not connect: \(reason)")
        case CURLE_OPERATION_TIMEDOUT where requestBytesSent == 0:
            return TransportFailure(kind: .notSent, message: "no connection within \(timeoutMilliseconds) ms, nothing sent: \(reason)")
        case CURLE_OPERATION_TIMEDOUT:
            return TransportFailure(kind: .timedOut, message: "no complete answer within \(timeoutMilliseconds) ms: \(reason)")
        case CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_SEND_FAIL_REWIND,
            CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return TransportFailure(kind: .connectionLost, message: "the connection was lost: \(reason)")
        case CURLE_WRITE_ERROR where answerTooLarge:
            return TransportFailure(kind: .other, message: "the answer is larger than \(CurlEngine.maximumResponseBytes >> 20) MiB")
        default:
            return TransportFailure(kind: .other, message: "request failed: \(reason)")
        }
    }

    /// `CURLE_…` number and libcurl's text, e.g. `Couldn't connect to server (curl 7)`.
    static func name(_ code: CURLcode) -> String {
        "\(String(cString: curl_easy_strerror(code))) (curl \(code.rawValue))"
    }

    static func describe(_ code: CURLcode, detail: String) -> String {
        let detail = withoutQueries(detail)
        return detail.isEmpty ? name(code) : "\(detail) (curl \(code.rawValue))"
    }

    /// `detail` with everything from a `?` to the next blank removed, so a URL's query (a SAS token,
    /// say) never reaches a log line.
    static func withoutQueries(_ detail: String) -> String {
        var result = ""
        var skipping = false
        for character in detail {
            if character == "?" {
                skipping = true
                result.append("?…")
            } else if character == " " || character == "\n" {
                skipping = false
                result.append(character)
            } else if !skipping {
                result.append(character)
            }
        }
        return result.trimmingWhitespaceAndNewlines()
    }
}

extension String {
    fileprivate func trimmingWhitespaceAndNewlines() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}
