// swift-tools-version:6.0
// libFuzzer targets, kept out of the main package: they only link with `-sanitize=fuzzer`, which
// must not leak into the normal build. Run through `make fuzz` (scripts/fuzz.sh).
import PackageDescription

let package = Package(
    name: "PipelineGatewayFuzz",
    dependencies: [.package(name: "PipelineGateway", path: "..")],
    targets: [
        .systemLibrary(name: "CFuzzDriver", path: "Sources/CFuzzDriver"),
        .executableTarget(
            name: "HTTP1ParserFuzzer",
            dependencies: ["CFuzzDriver", .product(name: "HTTPServer", package: "PipelineGateway")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "HTTP2SessionFuzzer",
            dependencies: ["CFuzzDriver", .product(name: "HTTPServer", package: "PipelineGateway")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "JSONParserFuzzer",
            dependencies: ["CFuzzDriver", .product(name: "JSON", package: "PipelineGateway")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
