import ArgumentParser
import ResellerCore

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Show the configuration in force: every key, its value and where it came from.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try CLIContext.run(global, json: false) { (ctx) throws(ServiceError) in
            print("# read in order, each later one winning: \(ConfigFile.systemPath()), \(ConfigFile.defaultPath()), "
                  + "then RESELLERDESK_SECTION_KEY variables")
            let files = ctx.config.filesRead
            print("# files found: " + (files.isEmpty ? "none" : files.joined(separator: ", ")))
            for key in ConfigFile.keys {
                let set = ctx.config.isSet(key.name)
                let value = ctx.config.values[key.name].map { key.name.contains("password") ? "(set)" : "\"\($0)\"" }
                print("\(key.name) = \(value ?? "(default)")    # \(key.help)"
                      + (set ? "; from \(ctx.config.source(key.name))" : ""))
            }
            let db = DatabaseLocation.resolve(explicit: global.db, config: ctx.config)
            print("# the database in use: \(db.path) (from \(db.source))")
        }
    }
}
