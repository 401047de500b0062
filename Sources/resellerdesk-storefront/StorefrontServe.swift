import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ResellerCore
import Storefront

/// `resellerdesk storefront serve` runs this: the storefront over the same SQLite file as the terminals.
@main
struct StorefrontServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resellerdesk storefront serve",
        abstract: "Serve the storefront: activation, log in, dashboard, end customers and orders.")

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(help: "The desk: a SQLite file or postgresql://… (else $RESELLERDESK_DB, else the configuration).")
    var db: String?

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535, not \(port)") }
        guard !host.isEmpty, host.count <= 255 else { throw ValidationError("--host must be an address such as 127.0.0.1") }
    }

    static func openService(db: String?) -> Result<ResellerService, ServiceError> {
        Result { () throws(ServiceError) in
            let config = try ConfigFile.load()
            return ResellerService(store: try Store(config: config, explicitPath: db), settings: try ServiceSettings(config))
        }
    }

    func run() async throws {
        let service: ResellerService, server: StorefrontServer
        do throws(ServiceError) {
            service = try Self.openService(db: db).get()
            server = try StorefrontServer(service: service)   // the first start makes the storefront's key
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            if case .storage = error { throw ExitCode(3) }
            throw ExitCode(1)
        }
        var logger = Logger(label: "storefront")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        logger.info("storefront on http://\(host):\(port), database \(service.store.path), links to \(service.settings.storefrontURL)")
        try await server.application(host: host, port: port, logger: logger).runService()
    }
}
