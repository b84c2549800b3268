import CCurl
import Foundation

/// One request on an easy handle, with the buffers libcurl's callbacks fill. Lives on the curl thread
/// only (created, called back and released there); the callbacks find it through the context pointer,
/// which the engine's transfer table keeps alive until the handle leaves the multi handle.
final class CurlTransfer {
    let job: CurlJob
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var bodyOffset = 0
    private var responseBody = Data()
    private var responseHeaders: [String: String] = [:]
    private var lastHeaderName: String?
    private var answerTooLarge = false
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    /// When the call's time is up (the job's). libcurl enforces `CURLOPT_TIMEOUT_MS` itself, except
    /// while a transfer waits for a free connection (`CURLMOPT_MAX_HOST_CONNECTIONS`): the engine ends those.
    var deadline: ContinuousClock.Instant { job.deadline }

    init(job: CurlJob, easy: UnsafeMutableRawPointer) {
        self.job = job
        self.easy = easy
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        freeHeaderList()
        errorBuffer.deallocate()
    }

    func freeHeaderList() {
        curl_slist_free_all(headerList)
        headerList = nil
    }

    /// Sets every option of the request on a fresh (or reset) easy handle.
    func configure(caBundlePath: String?) -> CURLcode {
        let request = job.request
        let context = Unmanaged.passUnretained(self).toOpaque()
        var results: [CURLcode] = []
        func long(_ option: CURLoption, _ value: Int) { results.append(gateway_curl_setopt_long(easy, option, value)) }
        func string(_ option: CURLoption, _ value: String) {
            // libcurl copies string options (since 7.17), so a temporary C string is enough.
            results.append(value.withCString { gateway_curl_setopt_pointer(easy, option, $0) })
        }

        string(CURLOPT_URL, request.url)
        string(CURLOPT_PROTOCOLS_STR, "http,https")
        long(CURLOPT_NOSIGNAL, 1)
        long(CURLOPT_FOLLOWLOCATION, 0)
        // What is left of the call's budget after its wait in the engine's queue (at least 1 ms: 0 would mean none).
        long(CURLOPT_TIMEOUT_MS, CurlRequest.milliseconds(job.deadline - .now))
        long(CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMilliseconds)
        // A proxy's `200 Connection established` is not the answer.
        long(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        results.append(gateway_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        if let caBundlePath {
            // An extra bundle: CAINFO replaces curl's default CA file, so the system's CAs come back
            // through CAPATH (OpenSSL looks in both).
            string(CURLOPT_CAINFO, caBundlePath)
            if FileManager.default.fileExists(atPath: "/etc/ssl/certs") { string(CURLOPT_CAPATH, "/etc/ssl/certs") }
        }

        for line in request.headerLines {
            headerList = line.withCString { curl_slist_append(headerList, $0) } ?? headerList
        }
        results.append(gateway_curl_setopt_pointer(easy, CURLOPT_HTTPHEADER, headerList))

        results.append(gateway_curl_setopt_callback(easy, CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
            guard let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveBody(buffer, size * count)
        })
        results.append(gateway_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, context))
        results.append(gateway_curl_setopt_callback(easy, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
            guard let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveHeader(buffer, size * count)
        })
        results.append(gateway_curl_setopt_pointer(easy, CURLOPT_HEADERDATA, context))

        switch request.method {
        case "GET" where request.body == nil:
            long(CURLOPT_HTTPGET, 1)
        case "HEAD":
            // No body comes back to a HEAD; without NOBODY curl would wait for Content-Length bytes.
            long(CURLOPT_NOBODY, 1)
        case "POST", "PUT", "PATCH":
            configureBody(request.body ?? [], context: context, results: &results)
        default:
            if let body = request.body { configureBody(body, context: context, results: &results) }
        }
        if request.method != "GET", request.method != "HEAD", request.method != "POST" {
            string(CURLOPT_CUSTOMREQUEST, request.method)
        }
        return results.first { $0 != CURLE_OK } ?? CURLE_OK
    }

    /// A body with a known length, read through a callback without a seek function: if libcurl ever
    /// wants to send it a second time (its automatic retry on a reused connection that died), the
    /// rewind fails and the call ends as `.connectionLost` instead of reaching the server twice.
    private func configureBody(_ body: [UInt8], context: UnsafeMutableRawPointer, results: inout [CURLcode]) {
        results.append(gateway_curl_setopt_long(easy, CURLOPT_POST, 1))
        results.append(gateway_curl_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
        results.append(gateway_curl_setopt_callback(easy, CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let context else { return Int(CURL_READFUNC_ABORT) }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().sendBody(buffer, size * count)
        })
        results.append(gateway_curl_setopt_pointer(easy, CURLOPT_READDATA, context))
    }

    // MARK: - Callbacks (curl thread, inside curl_multi_perform)

    private func sendBody(_ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int) -> Int {
        guard let buffer, let body = job.request.body else { return 0 }
        let count = min(capacity, body.count - bodyOffset)
        guard count > 0 else { return 0 }
        let copied = body.withUnsafeBytes { bytes -> Int in
            guard let base = bytes.baseAddress else { return 0 }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + bodyOffset, byteCount: count)
            return count
        }
        bodyOffset += copied
        return copied
    }

    private func receiveBody(_ buffer: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0 else { return 0 }
        guard let buffer, responseBody.count + count <= CurlEngine.maximumResponseBytes else {
            answerTooLarge = true
            return 0
        }
        responseBody.append(UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: count)
        return count
    }

    /// One header line as received (status line, field, or the blank line that ends the section).
    private func receiveHeader(_ buffer: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let buffer, count > 0 else { return count }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
        var line = Substring(String(decoding: bytes, as: UTF8.self))
        // "\r\n" is one Character; isNewline covers it and a bare "\n".
        while let last = line.last, last.isNewline { line = line.dropLast() }
        if line.hasPrefix("HTTP/") {
            // A new response begins (after an interim 1xx): only the final one's headers count.
            responseHeaders = [:]
            lastHeaderName = nil
        } else if let first = line.first, first == " " || first == "\t" {
            // An obsolete folded continuation of the previous field.
            if let name = lastHeaderName, let value = responseHeaders[name] {
                responseHeaders[name] = value + " " + Self.trimmed(line)
            }
        } else if let colon = line.firstIndex(of: ":") {
            let name = Self.trimmed(line[..<colon]).lowercased()
            let value = Self.trimmed(line[line.index(after: colon)...])
            guard !name.isEmpty else { return count }
            if let existing = responseHeaders[name] {
                responseHeaders[name] = existing + ", " + value
            } else {
                responseHeaders[name] = value
            }
            lastHeaderName = name
        }
        return count
    }

    private static func trimmed(_ text: Substring) -> String {
        let isBlank = { (character: Character) in character == " " || character == "\t" }
        guard let start = text.firstIndex(where: { !isBlank($0) }), let end = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[start...end])
    }

    // MARK: - Completion

    /// The call's outcome once libcurl reported the transfer done with `code`.
    func outcome(_ code: CURLcode) -> CurlJob.Outcome {
        guard code == CURLE_OK else {
            var requestSize = 0
            _ = gateway_curl_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &requestSize)
            let detail = code == CURLE_OPERATION_TIMEDOUT && errorBuffer.pointee == 0 && requestSize == 0
                ? "no free connection to the host in time" : String(cString: errorBuffer)
            return .failure(CurlFailure.classify(
                code, requestBytesSent: requestSize, answerTooLarge: answerTooLarge, detail: detail,
                timeoutMilliseconds: job.request.timeoutMilliseconds))
        }
        var status = 0
        _ = gateway_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .success(TransportResponse(status: status, headers: responseHeaders, body: responseBody))
    }
}
