// swift-tools-version:6.1
import PackageDescription

// One service module (ResellerCore) over one SQLite file; every front (CLI, terminal, storefront) calls it.
let package = Package(
    name: "ResellerDesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "resellerdesk", targets: ["resellerdesk"]),
        .executable(name: "resellerdesk-storefront", targets: ["resellerdesk-storefront"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        // The storefront's HTTP server. No traits: neither swift-configuration nor the Foundation extras.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // The configuration files are real TOML 1.0: TOMLKit wraps toml++, which passes the toml-test suite.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Storefront pages and emails render through one engine that escapes every value by default.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The one way to open a library a command needs only on first use (dlopen), and to say what is missing.
        .target(name: "CLoader", linkerSettings: [.linkedLibrary("dl")]),
        // libsodium (Argon2id, SHA-256, CSPRNG) from Debian's libsodium-dev.
        .systemLibrary(name: "CSodium", path: "Sources/CSodium", pkgConfig: "libsodium",
                       providers: [.apt(["libsodium-dev"])]),
        // libpq: the PostgreSQL engine's client (synchronous like the service), built against libpq-dev's header
        // and loaded on first use, so that a process on a SQLite desk never loads it.
        .target(name: "CLibPQ", dependencies: ["CLoader"]),
        // Each form's fields described once (no dependencies): the validators and the terminal's Form read it.
        .target(name: "FieldSchema"),
        .target(name: "ResellerCore", dependencies: [
            "CSodium", "CLibPQ", "FieldSchema", "CPDF",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),   // the SQLite C API, for the persistent WAL
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // The TLS client for SMTP: OpenSSL's headers from Debian's libssl-dev; libssl itself is loaded on first use.
        .target(name: "CTLS", dependencies: ["CLoader"]),
        // The invoice PDF through cairo and pango, loaded on first use (no -dev package needed to build).
        .target(name: "CPDF", dependencies: ["CLoader"]),
        // The one template engine and escaping rule of the storefront's pages and the emails' HTML.
        .target(name: "Templating", dependencies: [
            "ResellerCore", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "Mail", dependencies: ["ResellerCore", "CTLS", "Templating"]),
        .target(name: "TerminalKit", dependencies: ["FieldSchema"]),
        // ncursesw from Debian's libncursesw5-dev; only NcursesBackend imports it.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "NcursesBackend", dependencies: ["CNcurses", "TerminalKit"]),
        .target(name: "Screens", dependencies: ["ResellerCore", "TerminalKit", "FieldSchema"], path: "Screens"),
        .executableTarget(name: "resellerdesk", dependencies: [
            "ResellerCore", "Mail", "Screens", "TerminalKit", "NcursesBackend", "FieldSchema",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The storefront lives in its own executable (`resellerdesk storefront serve` starts it), so the
        // terminal front, started many times a day, carries none of the HTTP server.
        // Form bodies (x-www-form-urlencoded) decoded: pure, so the fuzzer can drive it without the server.
        .target(name: "FormCoding"),
        .target(name: "Storefront", dependencies: [
            "ResellerCore", "FormCoding", "Templating",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .executableTarget(name: "resellerdesk-storefront", dependencies: [
            "Storefront", "ResellerCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "resellerdesk-bench", dependencies: ["ResellerCore", "Mail"]),
        // libFuzzer targets: does nothing in a normal build; scripts/fuzz builds it with -sanitize=fuzzer.
        .executableTarget(name: "resellerdesk-fuzz", dependencies: ["ResellerCore", "Mail", "TerminalKit", "FormCoding"]),
        // What the test targets share (swift-argument-parser's ArgumentParserTestHelpers is the model): the
        // temporary desks and their fixtures, the one test clock, the demo desk, the CLI runner and the tmux
        // session. Over ResellerCore alone, so no test target waits for a front it does not test.
        .target(name: "DeskTestSupport", dependencies: ["ResellerCore"], path: "Tests/DeskTestSupport"),
        .testTarget(name: "ResellerCoreTests", dependencies: ["ResellerCore", "DeskTestSupport"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "FieldSchema"]),
        // Golden/ holds the expected renders, read from the source tree by path: not resources to bundle.
        .testTarget(name: "ScreensTests", dependencies: [
            "Screens", "ResellerCore", "TerminalKit", "FieldSchema", "DeskTestSupport",
        ], exclude: ["Golden"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "ResellerCore", "Templating", "DeskTestSupport"]),
        // The built binary in processes: its commands (CLITests) and the terminal in real tmux (TerminalTests).
        .testTarget(name: "CLITests", dependencies: ["ResellerCore", "DeskTestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["ResellerCore", "DeskTestSupport"]),
        .testTarget(name: "StorefrontTests", dependencies: [
            "Storefront", "ResellerCore", "Templating", "DeskTestSupport",
            "Mail",   // links are read from the emails the deliverer sends; one escaping rule with the pages
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),   // to plant old, hostile rows the validators refuse today
        ]),
    ],
    swiftLanguageModes: [.v6]
)
