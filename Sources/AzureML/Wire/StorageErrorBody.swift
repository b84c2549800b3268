import Foundation

/// Blob Storage's error answer: `<Error><Code>ContainerNotFound</Code><Message>…</Message></Error>`,
/// with the code repeated in the `x-ms-error-code` header (reference §8).
///
/// Read into the same `ErrorDetail` as Azure ML's JSON errors, so an `AzureMLError` carries
/// Storage's code and message the same way. Storage appends `RequestId:` and `Time:` lines to the
/// message; only the first line, the human-readable sentence, is kept.
enum StorageErrorBody {
    static func parse(_ body: Data, headerCode: String?) -> AzureErrorResponse.ErrorDetail? {
        let root = XMLElementTree.parse(body).flatMap { $0.name == "Error" ? $0 : nil }
        let code = root?.child("Code").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        let message = root?.child("Message")
            .flatMap { $0.text.split(whereSeparator: \.isNewline).first }
            .map { String($0).trimmingCharacters(in: .whitespaces) }
        let resolvedCode = (code?.isEmpty == false ? code : nil) ?? headerCode.flatMap { $0.isEmpty ? nil : $0 }
        guard resolvedCode != nil || message != nil else { return nil }
        return AzureErrorResponse.ErrorDetail(code: resolvedCode, message: message)
    }
}
