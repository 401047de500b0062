import ArgumentParser
import ResellerCore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Load demo price lists (EUR and USD) and one sample reseller; safe to run again.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
            let added = try ctx.service.seedDemo(by: ctx.actor)
            if ctx.json { JSON.print(["added": added]); return }
            print(added.isEmpty ? "Demo data already loaded; nothing changed." : added.map { "Added \($0)" }.joined(separator: "\n"))
        }
    }
}
