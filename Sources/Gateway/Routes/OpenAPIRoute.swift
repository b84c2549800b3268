import HTTPServer

/// `/openapi.yaml`: the repository's contract byte for byte, compiled into the binary so it is served
/// from any working directory and can never drift from the build.
enum OpenAPIRoute {
    static let document: [UInt8] = PackageResources.openapi_yaml

    static func register(on router: inout Router) {
        router.on(.GET, "/openapi.yaml") { _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/yaml"], body: document)
        }
    }
}
