import Emulator
import Foundation
import Testing

/// `GET/POST {WS}/DataTypes`: the SDK GETs before almost every action and POSTs each required type
/// the GET lacks; a duplicate must fail with the PascalCase "already exist" message it tolerates.
@Suite struct DataTypeTests {
    static let required = [
        "AnyFile", "AzureBlobReference", "AzureDataLakeReference", "AzureFilesReference", "AzureSqlDatabaseReference",
        "AzurePostgresDatabaseReference", "AzureDataLakeGen2Reference", "AzureMLDataset", "AzureMySqlDatabaseReference",
        "DBFSReference", "AnyDirectory",
    ]

    @Test func list_isAPlainArray_ofTheElevenRequiredTypes() async throws {
        try await withEmulator { h in
            let response = try await h.azure("GET", "/DataTypes")
            #expect(response.status == 200)
            let items = try #require(response.jsonArray as? [[String: Any]])
            #expect(items.compactMap { $0["Id"] as? String } == Self.required)
            for item in items {
                #expect(item["Name"] as? String == item["Id"] as? String)
                #expect(item["IsDirectory"] as? Bool == (item["Id"] as? String == "AnyDirectory"))
                #expect(item["ParentDataTypeIds"] as? [String] == [])
            }
        }
    }

    @Test func list_needsAToken() async throws {
        try await withEmulator { h in
            let response = try await h.send("GET", h.ws + "/DataTypes")
            #expect(response.status == 401)
            #expect(response.errorCode == "AuthenticationFailed")
        }
    }

    @Test(arguments: ["AnyFile", "anydirectory"])
    func create_existingID_isRefusedWithAlreadyExist(_ id: String) async throws {
        try await withEmulator { h in
            let response = try await h.azure(
                "POST", "/DataTypes",
                body: #"{"Id":"\#(id)","Name":"\#(id)","Description":"\#(id)","IsDirectory":false,"ParentDataTypeIds":[]}"#,
                contentType: "application/json-patch+json; charset=utf-8")
            #expect(response.status == 409)
            #expect(response.errorCode == "DataTypeAlreadyExists")
            #expect(response.errorMessage?.contains("already exist") == true)
            #expect(try await h.azure("GET", "/DataTypes").jsonArray?.count == 11)
        }
    }

    @Test func create_newID_answers200WithTheEntity_andListsIt() async throws {
        try await withEmulator { h in
            let response = try await h.azure(
                "POST", "/DataTypes", body: #"{"Id":"CsvFile","Description":"CSV","IsDirectory":false,"ParentDataTypeIds":["AnyFile"]}"#)
            #expect(response.status == 200, "\(response.bodyText)")
            let json = try #require(response.json)
            #expect(json["Id"] as? String == "CsvFile")
            #expect(json["Name"] as? String == "CsvFile")
            #expect(json["ParentDataTypeIds"] as? [String] == ["AnyFile"])
            let ids = (try await h.azure("GET", "/DataTypes").jsonArray as? [[String: Any]])?.compactMap { $0["Id"] as? String }
            #expect(ids?.last == "CsvFile")
            #expect(ids?.count == 12)
        }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var code: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        .init(name: "not JSON", body: "Id=x", code: "InvalidRequestBody"),
        .init(name: "no Id", body: #"{"Name":"x"}"#, code: "InvalidDataTypeId"),
        .init(name: "empty Id", body: #"{"Id":""}"#, code: "InvalidDataTypeId"),
        .init(name: "IsDirectory a string", body: #"{"Id":"x","IsDirectory":"yes"}"#, code: "InvalidRequestBody"),
        .init(name: "unknown parent", body: #"{"Id":"x","ParentDataTypeIds":["Nope"]}"#, code: "DataTypeNotFound"),
    ]

    @Test(arguments: refusals)
    func create_refusesMalformedBodies(_ refusal: Refusal) async throws {
        try await withEmulator { h in
            let response = try await h.azure("POST", "/DataTypes", body: refusal.body)
            #expect(response.status == 400, "\(response.bodyText)")
            #expect(response.errorCode == refusal.code)
        }
    }
}
