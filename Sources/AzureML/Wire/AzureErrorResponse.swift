/// Azure's error envelope: `{"Error":{"Code","Message","Target","Details":[{"Code","Message","Target"}]}}`.
///
/// The SDK shows `(Code) Message` only for this PascalCase form; a lower-case `{"error":…}` (run
/// history, ASP.NET defaults) is read too, so the gateway can still report Azure's own words.
public struct AzureErrorResponse: Sendable, Hashable, Codable {
    public var error: ErrorDetail?

    public struct ErrorDetail: Sendable, Hashable, Codable {
        public var code: String?
        public var message: String?
        public var target: String?
        public var details: [ErrorDetail]?

        public init(code: String? = nil, message: String? = nil, target: String? = nil, details: [ErrorDetail]? = nil) {
            self.code = code
            self.message = message
            self.target = target
            self.details = details
        }

        enum CodingKeys: String, CodingKey {
            case code = "Code"
            case message = "Message"
            case target = "Target"
            case details = "Details"
        }

        enum LowercaseKeys: String, CodingKey {
            case code, message, target, details
        }

        public init(from decoder: any Decoder) throws {
            let pascal = try decoder.container(keyedBy: CodingKeys.self)
            let lower = try decoder.container(keyedBy: LowercaseKeys.self)
            code = try pascal.optional(String.self, .code) ?? lower.optional(String.self, .code)
            message = try pascal.optional(String.self, .message) ?? lower.optional(String.self, .message)
            target = try pascal.optional(String.self, .target) ?? lower.optional(String.self, .target)
            details = try pascal.optional([ErrorDetail].self, .details) ?? lower.optional([ErrorDetail].self, .details)
        }
    }

    public init(error: ErrorDetail?) {
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case error = "Error"
    }

    enum LowercaseKeys: String, CodingKey {
        case error
    }

    public init(from decoder: any Decoder) throws {
        let pascal = try decoder.container(keyedBy: CodingKeys.self)
        let lower = try decoder.container(keyedBy: LowercaseKeys.self)
        error = try pascal.optional(ErrorDetail.self, .error) ?? lower.optional(ErrorDetail.self, .error)
    }
}
