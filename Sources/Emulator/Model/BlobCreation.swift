import Foundation
import Observability

/// What one successful Put Blob did, as Storage reports it in `Microsoft.Storage.BlobCreated`
/// (reference §9): taken from the request and the stored blob, so the event's `eTag` is the one the
/// Put Blob answered and a poll of List Blobs shows (one blob version, one ETag).
struct BlobCreation: Sendable {
    var account: String
    var container: String
    var blob: StoredBlob
    /// `x-ms-blob-content-type`, else `Content-Type`, else Storage's default `application/octet-stream`.
    var contentType: String
    /// The caller's `x-ms-client-request-id`, or a new id when it sent none.
    var clientRequestID: String
    /// The `x-ms-request-id` the Put Blob answered with.
    var requestID: String
    /// The emulator's public Blob endpoint, `{base}/blob`; the blob's URL is path-style under it.
    var blobEndpoint: String

    var topic: String { EventGridEvent.storageTopic(account: account) }

    var subject: String { "/blobServices/default/containers/\(container)/blobs/\(blob.name)" }

    /// `{blobEndpoint}/{account}/{container}/{name}`, the name percent-encoded per segment (a space is
    /// `%20`), so the URL can be fetched as it is.
    var url: String {
        let name = blob.name.addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? blob.name
        return "\(blobEndpoint)/\(account)/\(container)/\(name)"
    }

    /// RFC 3986 `pchar` and `/`, less `;` and `=`, which some URL parsers split paths at.
    private static let pathCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,:@/")

    /// The event, with `eTag` unquoted (`0x8D…`), as recent Storage events write it. `sequencer` orders
    /// the emulator's events: 32 hex digits, so text order is creation order, as Storage's are.
    func event(id: String, sequence: UInt64, time: Date) -> EventGridEvent {
        let digits = String(sequence, radix: 16)
        let sequencer = String(repeating: "0", count: max(0, 32 - digits.count)) + digits
        let data: JSONValue = .object([
            "api": .string("PutBlob"), "clientRequestId": .string(clientRequestID), "requestId": .string(requestID),
            "eTag": .string(blob.etag), "contentType": .string(contentType), "contentLength": .int(Int(blob.size)),
            "blobType": .string("BlockBlob"), "url": .string(url), "sequencer": .string(sequencer),
            "storageDiagnostics": .object(["batchId": .string(RandomUUID.make())]),
        ])
        return EventGridEvent(
            id: id, topic: topic, subject: subject, eventType: EventGridEvent.blobCreatedType, time: time, data: data,
            dataVersion: "")
    }
}
