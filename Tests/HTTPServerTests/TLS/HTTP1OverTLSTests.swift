import Testing
@testable import HTTPServer
import TestSupport

/// The HTTP/1.1 socket tests again, unchanged, with TLS underneath (`TestTransport`): keep-alive,
/// pipelining, bodies, limits and deadlines must not care which transport carried them.
@Suite(.enabled(if: TestCertificates.isAvailable, "needs the openssl command"))
struct HTTP1OverTLSTests {
    enum Case: String, CaseIterable, Sendable {
        case keepAlive, pipelining, chunkedUpload, expectContinue, expectContinueUnknownRoute, contentLengthOverLimit
        case malformedRequest, requestLineTooLong, headerSectionTooLarge, http10, connectionClose, head, notFoundAndAllow
        case requestID, asyncHandlerError, observers, optionsAsterisk, resetResponse
        case headerReadTimeout, bodyReadTimeout, idleTimeout, clientStopsMidBody, slowReaderLargeAnswers, slowReaderPipelineFlood
    }

    /// Guards the harness itself: inside the scope, servers and clients really speak TLS.
    @Test func harness_serverAndClientUseTLS() async throws {
        let fixture = try await TLSTestFixture.make()
        defer { fixture.certificates.remove() }
        try await TestTransport.$tls.withValue(TestTransport.TLS(server: fixture.serverConfiguration, client: fixture.verifyingClient)) {
            try await withTestServer(router: ServerTestRoutes.router()) { port, server in
                #expect(server.tlsCertificate?.subject == "/CN=server")
                let client = try RawHTTPClient(port: port)
                try await client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try await client.readResponse().status == 200)
                #expect(client.tlsVersion == "TLSv1.3")
            }
        }
    }

    @Test(arguments: Case.allCases)
    func overTLS(_ test: Case) async throws {
        let fixture = try await TLSTestFixture.make()
        defer { fixture.certificates.remove() }
        let connection = ServerConnectionTests()
        let limits = ServerLimitsTests()
        try await TestTransport.$tls.withValue(TestTransport.TLS(server: fixture.serverConfiguration, client: fixture.verifyingClient)) {
            switch test {
            case .keepAlive: try await connection.keepAlive_twoRequestsOnOneConnection_bothAnswered()
            case .pipelining: try await connection.pipelining_tenRequestsInOneWrite_answeredInOrder()
            case .chunkedUpload: try await connection.chunkedUpload_isReassembled()
            case .expectContinue: try await connection.expectContinue_sendsInterimResponseBeforeBody()
            case .expectContinueUnknownRoute: try await connection.expectContinue_unknownRoute_finalAnswerAtOnceAndClose()
            case .contentLengthOverLimit: try await connection.contentLengthOverLimit_413BeforeBodyIsSent()
            case .malformedRequest:
                try await connection.malformedRequest_problemAndClose(raw: "GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", status: 400)
                try await connection.malformedRequest_problemAndClose(raw: "GET / HTTP/2.0\r\nHost: t\r\n\r\n", status: 505)
            case .requestLineTooLong: try await connection.requestLineTooLong_414()
            case .headerSectionTooLarge: try await connection.headerSectionTooLarge_431()
            case .http10: try await connection.http10_closesByDefault_keepsAliveWhenAsked()
            case .connectionClose: try await connection.connectionClose_requestHeader_closesAfterAnswer()
            case .head: try await connection.head_answersWithoutBodyButWithLength()
            case .notFoundAndAllow: try await connection.unknownPath404_wrongMethod405WithAllow()
            case .requestID: try await connection.requestID_clientValueKept_invalidReplaced()
            case .asyncHandlerError: try await connection.asyncHandlerError_rendered()
            case .observers: try await connection.observers_seeEveryExchangeIncludingParseErrors()
            case .optionsAsterisk: try await connection.optionsAsterisk_listsEveryMethodTheServerTakes()
            case .resetResponse: try await connection.resetResponse_dropsConnectionWithoutAnswer()
            case .headerReadTimeout: try await limits.headerReadTimeout_partialHead_answered408AndClosed()
            case .bodyReadTimeout: try await limits.bodyReadTimeout_stalledBody_answered408()
            case .idleTimeout: try await limits.idleTimeout_keepAliveConnection_closedQuietly()
            case .clientStopsMidBody: try await limits.clientStopsMidBody_connectionReleased()
            case .slowReaderLargeAnswers: try await limits.slowReader_largeAnswersPipelined_pausesThenDeliversAll()
            case .slowReaderPipelineFlood: try await limits.slowReader_pipelineFlood_outputStaysBounded()
            }
        }
    }
}
