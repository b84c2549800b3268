/// Who made an authenticated call, read from the token the emulator issued: recorded on runs as
/// `CreatedBy`, the way the service names the identity that submitted them.
struct Caller: Sendable, Equatable {
    var clientID: String
    var objectID: String
    var tenantID: String

    var wire: JSONValue {
        .object(["UserObjectId": .string(objectID), "UserTenantId": .string(tenantID), "UserName": .string(clientID)])
    }
}
