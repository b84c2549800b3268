import Emulator
import Foundation
import Testing

/// `POST /emulator/pipelines` publishes pipelines with declared parameters, in Azure's shape.
@Suite struct AdminPipelineTests {
    @Test func publish_typedParameters_reachTheInterface() async throws {
        try await withEmulator { h in
            let response = try await h.admin("POST", "/pipelines", body: """
                {"name":"train","description":"trains","parameters":{
                   "name":"world","required_text":null,"epochs":5,"rate":0.5,"flag":true,
                   "batch":{"type":"Int","default":"32","min":1,"max":512,"documentation":"batch size"},
                   "mode":{"type":"String","default":"fast","enum":["fast","full"]}},
                 "data_path_parameters":{"input":{"DataStoreName":"workspaceblobstore","RelativePath":"in/a.csv"},"required_input":null}}
                """)
            #expect(response.status == 201, "\(response.bodyText)")
            let pipeline = try #require(response.json)
            #expect(pipeline["Name"] as? String == "train")
            #expect(pipeline["Description"] as? String == "trains")
            #expect(pipeline["EntityStatus"] as? Int == 0)
            let id = try #require(pipeline["Id"] as? String)
            #expect(pipeline["ParameterAssignments"] as? [String: String]
                == ["name": "world", "epochs": "5", "rate": "0.5", "flag": "True", "batch": "32", "mode": "fast"])
            let graphID = try #require(pipeline["GraphId"] as? String)

            let fetched = try await h.azure("GET", "/Pipelines/\(id)")
            #expect(fetched.json?["Name"] as? String == "train")

            let interface = try #require(try await h.azure("GET", "/Graphs/\(graphID)/Interface").json)
            let parameters = try #require(interface["Parameters"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: parameters.map { ($0["Name"] as? String ?? "", $0) })
            let expectedTypes = ["name": "String", "required_text": "String", "epochs": "Int", "rate": "Double",
                                 "flag": "Bool", "batch": "Int", "mode": "String"]
            for (name, type) in expectedTypes {
                #expect(byName[name]?["Type"] as? String == type, "\(name)")
            }
            #expect(byName["required_text"]?["IsOptional"] as? Bool == false)
            #expect(byName["required_text"]?["DefaultValue"] is NSNull)
            let rules = byName["batch"]?["MinMaxRules"] as? [[String: Int]]
            #expect(rules == [["Min": 1, "Max": 512]])
            #expect(byName["batch"]?["Documentation"] as? String == "batch size")
            let enumRules = byName["mode"]?["EnumRules"] as? [[String: [String]]]
            #expect(enumRules == [["ValidValues": ["fast", "full"]]])
            let dataPaths = try #require(interface["DataPathParameters"] as? [[String: Any]])
            #expect(dataPaths.count == 2)
            #expect(dataPaths.last?["IsOptional"] as? Bool == false)
            #expect(dataPaths.last?["DefaultValue"] is NSNull)

            // The declared rules are enforced on submit.
            let missing = try await h.submit(#"{"ExperimentName":"e"}"#, pipelineID: id)
            #expect(missing.errorCode == "MissingRequiredParameter")
            let ok = try await h.submit("""
                {"ExperimentName":"e","ParameterAssignments":{"required_text":"x","batch":64},
                 "DataPathAssignments":{"required_input":{"DataStoreName":"d","RelativePath":"p"}}}
                """, pipelineID: id)
            #expect(ok.status == 200, "\(ok.bodyText)")
        }
    }

    @Test(arguments: [
        ("not json", "{"),
        ("no name", #"{"parameters":{}}"#),
        ("parameter an array", #"{"name":"p","parameters":{"a":[1]}}"#),
        ("unknown type", #"{"name":"p","parameters":{"a":{"type":"Float","default":1}}}"#),
        ("min on a String", #"{"name":"p","parameters":{"a":{"type":"String","min":1}}}"#),
        ("default breaks max", #"{"name":"p","parameters":{"a":{"type":"Int","default":9,"max":5}}}"#),
        ("default not in enum", #"{"name":"p","parameters":{"a":{"default":"x","enum":["y"]}}}"#),
        ("min over max", #"{"name":"p","parameters":{"a":{"type":"Double","min":2,"max":1}}}"#),
        ("data path half given", #"{"name":"p","data_path_parameters":{"d":{"DataStoreName":"s"}}}"#),
        ("name declared twice", #"{"name":"p","parameters":{"d":"x"},"data_path_parameters":{"d":null}}"#),
        ("bad status", #"{"name":"p","status":"Paused"}"#),
    ])
    func publish_invalidSpec_400(_ name: String, _ body: String) async throws {
        try await withEmulator { h in
            let response = try await h.admin("POST", "/pipelines", body: body)
            #expect(response.status == 400, "\(name): \(response.bodyText)")
            #expect(response.errorCode == "InvalidPipelineSpec")
        }
    }

    @Test func publish_duplicateID_409() async throws {
        try await withEmulator { h in
            let body = "{\"id\":\"\(AzureMLEmulator.demoPipelineID)\",\"name\":\"again\"}"
            let response = try await h.admin("POST", "/pipelines", body: body)
            #expect(response.status == 409)
            #expect(response.errorCode == "PipelineExists")
        }
    }
}
