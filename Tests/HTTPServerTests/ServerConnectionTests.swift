import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// Real sockets on 127.0.0.1, ephemeral ports: keep-alive, pipelining, bodies, HTTP/1.0, errors.
@Suite struct ServerConnectionTests {
    @Test func keepAlive_twoRequestsOnOneConnection_bothAnswered() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            for _ in 0..<2 {
                try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                let response = try await client.readResponse()
                #expect(response.status == 200)
                #expect(response.bodyText == "hello")
                #expect(response.header("Connection") == nil)
                #expect(response.header("Date") != nil)
                #expect(response.header("X-Request-Id") != nil)
            }
        }
    }

    @Test func pipelining_tenRequestsInOneWrite_answeredInOrder() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            var batch = ""
            for i in 0..<10 {
                // Mix a slow async route into the batch: order must still hold.
                let path = i == 3 ? "/slow?ms=50" : "/items/\(i)"
                batch += "GET \(path) HTTP/1.1\r\nHost: t\r\nX-Request-Id: req-\(i)\r\n\r\n"
            }
            try await client.send(batch)
            for i in 0..<10 {
                let response = try await client.readResponse()
                #expect(response.status == 200)
                #expect(response.header("X-Request-Id") == "req-\(i)")
                #expect(response.bodyText == (i == 3 ? "slow 50" : "item \(i)"))
            }
        }
    }

    @Test func chunkedUpload_isReassembled() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
            try await client.send("5;ext=1\r\nhello\r\n")
            try await client.send("6\r\n world\r\n0\r\nX-Trailer: dropped\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "hello world")
        }
    }

    @Test func expectContinue_sendsInterimResponseBeforeBody() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            let interim = try await client.readResponse()
            #expect(interim.status == 100)
            try await client.send("ping")
            let response = try await client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "ping")
        }
    }

    @Test func expectContinue_unknownRoute_finalAnswerAtOnceAndClose() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 404)
            #expect(response.header("Connection") == "close")
            #expect(await client.isClosedByServer())
        }
    }

    @Test func contentLengthOverLimit_413BeforeBodyIsSent() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.json?["status"] as? Int == 413)
            #expect(await client.isClosedByServer())
        }
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("BREW /pot HTTP/1.1\r\nHost: t\r\n\r\n", 501),
        ("GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
        ("GET /\r\n\r\n", 400),
        ("GET / HTTP/1.1\nHost: t\n\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),
    ])
    func malformedRequest_problemAndClose(raw: String, status: Int) async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send(raw)
            let response = try await client.readResponse()
            #expect(response.status == status)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.header("Connection") == "close")
            #expect(response.header("X-Request-Id") != nil)
            #expect(await client.isClosedByServer())
        }
    }

    @Test func requestLineTooLong_414() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try await client.readResponse().status == 414)
        }
    }

    @Test func headerSectionTooLarge_431() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            let headers = (0..<101).map { "X-H\($0): v\r\n" }.joined()
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n" + headers + "\r\n")
            #expect(try await client.readResponse().status == 431)
        }
    }

    @Test func http10_closesByDefault_keepsAliveWhenAsked() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let plain = try RawHTTPClient(port: port)
            try await plain.send("GET /hello HTTP/1.0\r\n\r\n")
            let first = try await plain.readResponse()
            #expect(first.version == "HTTP/1.0")
            #expect(first.header("Connection") == "close")
            #expect(await plain.isClosedByServer())

            let kept = try RawHTTPClient(port: port)
            for _ in 0..<2 {
                try await kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try await kept.readResponse()
                #expect(response.status == 200)
                #expect(response.header("Connection") == "keep-alive")
            }
        }
    }

    @Test func connectionClose_requestHeader_closesAfterAnswer() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            #expect(try await client.readResponse().header("Connection") == "close")
            #expect(await client.isClosedByServer())
        }
    }

    @Test func head_answersWithoutBodyButWithLength() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try await client.readResponse(isHead: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "5")
            // The next response must start right after the head: no body bytes leaked in between.
            let get = try await client.readResponse()
            #expect(get.bodyText == "hello")
        }
    }

    @Test func unknownPath404_wrongMethod405WithAllow() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /missing HTTP/1.1\r\nHost: t\r\n\r\nDELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let missing = try await client.readResponse()
            #expect(missing.status == 404)
            #expect(missing.json?["title"] as? String == "Not Found")
            let wrong = try await client.readResponse()
            #expect(wrong.status == 405)
            #expect(wrong.header("Allow") == "GET, HEAD, OPTIONS")
        }
    }

    @Test func requestID_clientValueKept_invalidReplaced() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Request-Id: abc.DEF_1:2-3\r\n\r\n")
            #expect(try await client.readResponse().header("X-Request-Id") == "abc.DEF_1:2-3")
            try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Request-Id: bad id!\r\n\r\n")
            let generated = try await client.readResponse().header("X-Request-Id")
            #expect(generated != nil && generated != "bad id!")
            #expect(generated.map(RequestIDGenerator.isAcceptable) == true)
        }
    }

    @Test func asyncHandlerError_rendered() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /fail HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 409)
            #expect(response.json?["detail"] as? String == "busy")
        }
    }

    @Test func observers_seeEveryExchangeIncludingParseErrors() async throws {
        let recorder = RecordingObserver()
        try await withTestServer(router: ServerTestRoutes.router(), observers: [recorder]) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /items/7?secret=x HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try await client.readResponse()
            let bad = try RawHTTPClient(port: port)
            try await bad.send("GET / HTTP/9.9\r\n\r\n")
            _ = try await bad.readResponse()
            #expect(await eventually { recorder.records.count == 2 })
            let records = recorder.records.sorted { $0.status < $1.status }
            #expect(records[0].route == "/items/{id}")
            #expect(records[0].path == "/items/7")
            #expect(records[0].bytes == 6)
            #expect(records[1].status == 505)
            #expect(records[1].route == "invalid")
        }
    }
}

extension ServerConnectionTests {
    @Test func optionsAsterisk_listsEveryMethodTheServerTakes() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, _ in
            let client = try RawHTTPClient(port: port)
            try await client.send("OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 204)
            #expect(response.header("Allow") == "GET, HEAD, POST, OPTIONS")
        }
    }
}

extension ServerConnectionTests {
    @Test func resetResponse_dropsConnectionWithoutAnswer() async throws {
        try await withTestServer(router: ServerTestRoutes.router()) { port, server in
            let client = try RawHTTPClient(port: port)
            try await client.send("GET /reset HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(await client.readAll().isEmpty)
            #expect(await eventually { server.openConnections == 0 })
        }
    }
}
