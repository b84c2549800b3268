// swift-tools-version:6.0
// PipelineGateway: a self-hosted HTTP gateway that schedules and triggers Azure ML published pipelines.
// Targets follow DESIGN.md: one module per concern, dependencies pointing inward.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "PipelineGateway",
    products: [
        .executable(name: "pipeline-gateway", targets: ["pipeline-gateway"]),
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "Observability", targets: ["Observability"]),
        .library(name: "JSON", targets: ["JSON"]),
    ],
    targets: [
        // epoll and accept4 are not exported by Glibc's Swift overlay; this header-only shim exposes them.
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),
        // libcurl for the Azure client's transport; shim.h wraps the variadic setopt/getinfo calls.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // OpenSSL 3 for the server's TLS; shim.h turns the SSL_CTX_ctrl macros into callable functions.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        // nghttp2 for HTTP/2 (frames, HPACK, flow control); the server drives it from its own event loop.
        .systemLibrary(name: "CNghttp2", pkgConfig: "libnghttp2", providers: [.apt(["libnghttp2-dev"])]),
        // libyaml's event parser for the schedule files `apply` reads (YAML 1.2 via libyaml-dev).
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(name: "Observability", swiftSettings: strict),
        // Strict RFC 8259 parser and writer for bodies the gateway validates and forwards (numbers as written).
        .target(name: "JSON", swiftSettings: strict),
        // YAML streams read into JSON values with the line and column of every value, on libyaml.
        .target(name: "YAML", dependencies: ["CYAML", "JSON"], swiftSettings: strict),
        .target(name: "HTTPServer", dependencies: ["CEpoll", "COpenSSL", "CNghttp2", "Observability"], swiftSettings: strict),
        // The only code that speaks to Azure ML: wire models, credentials, retries, the client.
        .target(name: "AzureML", dependencies: ["CCurl", "JSON", "Observability"], swiftSettings: strict),
        // A local stand-in for the Azure surfaces the client uses; the default backend of `serve`. It shares no
        // models with AzureML; it uses only its libcurl HTTPTransport, to send Event Grid deliveries.
        .target(name: "Emulator", dependencies: ["HTTPServer", "Observability", "AzureML"], swiftSettings: strict),
        // The gateway's durable state (run ledger, idempotency keys, schedules) behind the `Store` protocol.
        .target(name: "Storage", dependencies: ["CSQLite"], swiftSettings: strict),
        // Pure scheduling math: recurrence and cron calendars, time zones and DST; no I/O, no clock.
        .target(name: "Scheduling", swiftSettings: strict),
        // Pure webhook logic: signature schemes (HMAC via libcrypto), secrets, payload templates and filters; no I/O, no clock.
        .target(name: "Webhooks", dependencies: ["COpenSSL", "JSON"], swiftSettings: strict),
        .target(
            name: "Gateway",
            dependencies: ["HTTPServer", "Observability", "AzureML", "Emulator", "Storage", "JSON", "Scheduling", "Webhooks"],
            resources: [.embedInCode("Resources/openapi.yaml")],
            swiftSettings: strict
        ),
        // `apply` and `export`: schedules as code, a client of a running gateway's public schedules API
        // (over AzureML's libcurl HTTPTransport); the plan and diff are pure.
        .target(name: "SchedulesAsCode", dependencies: ["AzureML", "JSON", "YAML"], swiftSettings: strict),
        .executableTarget(name: "pipeline-gateway", dependencies: ["Gateway", "AzureML", "SchedulesAsCode"], swiftSettings: strict),
        .target(name: "TestSupport", dependencies: ["HTTPServer", "COpenSSL"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "ObservabilityTests", dependencies: ["Observability"], swiftSettings: strict),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "AzureMLTests", dependencies: ["AzureML", "HTTPServer", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "EmulatorTests", dependencies: ["Emulator", "HTTPServer", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["Storage"], swiftSettings: strict),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"], swiftSettings: strict),
        .testTarget(name: "JSONTests", dependencies: ["JSON"], swiftSettings: strict),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "JSON"], swiftSettings: strict),
        .testTarget(name: "SchedulesAsCodeTests", dependencies: ["SchedulesAsCode", "JSON", "YAML", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "WebhooksTests", dependencies: ["Webhooks", "JSON", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "GatewayTests",
            dependencies: ["Gateway", "HTTPServer", "Emulator", "JSON", "Scheduling", "Storage", "TestSupport", "SchedulesAsCode"],
            swiftSettings: strict),
    ]
)
