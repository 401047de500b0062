import ArgumentParser
import ResellerCore

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show the configuration in force: every key, its value and where it came from.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try CLIContext.run(global, json: false) { (ctx) throws(ServiceError) in
            print("# \(ConfigFile.defaultPath()) (each key also settable as RESELLERDESK_SECTION_KEY)")
            for (key, help) in ConfigFile.keys {
                let value = ctx.config.values[key].map { key.contains("password") ? "(set)" : "\"\($0)\"" } ?? "(default)"
                print("\(key) = \(value)    # \(help)" + (ctx.config.values[key] != nil ? "; from \(ctx.config.source(key))" : ""))
            }
        }
    }
}
