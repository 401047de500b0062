import ArgumentParser
import Foundation
import ResellerCore

extension AccountCommand {
    /// `account collections ACC --no-suspend --pause-until D --reason T`: staff's hold on the collections run.
    struct Collections: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "collections",
            abstract: "Show or set an account's collections hold: no automatic suspension, reminders paused.",
            discussion: """
                With no change flag, prints the hold. A change needs --reason (kept in the account's history). \
                --pause-until D: no reminders and no suspension through that day (a promise to pay); \
                --no-pause ends a pause. --no-suspend: the run never suspends it (reminders still go); \
                --suspend: automatic suspension again.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code.") var account: String
        @Flag(name: .customLong("no-suspend"), help: "No automatic suspension for this account.") var noSuspend = false
        @Flag(name: .customLong("suspend"), help: "Automatic suspension again.") var suspend = false
        @Option(name: .customLong("pause-until"), help: "Pause reminders through this day, YYYY-MM-DD.")
        var pauseUntil: String?
        @Flag(name: .customLong("no-pause"), help: "End a pause.") var noPause = false
        @Option(help: "Why (required with a change).") var reason: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let a = try ctx.service.findAccount(account)
                if noSuspend && suspend {
                    throw .invalid("suspension", "give --no-suspend or --suspend, not both")
                }
                if pauseUntil != nil && noPause {
                    throw .invalid("pausedUntil", "give --pause-until or --no-pause, not both")
                }
                var hold = try ctx.service.collectionsHold(accountId: a.id)
                let changing = noSuspend || suspend || pauseUntil != nil || noPause
                if changing {
                    var form = CollectionsHoldForm(hold, today: ctx.service.today)
                    if noSuspend { form.suspension = CollectionsHoldForm.never }
                    if suspend { form.suspension = CollectionsHoldForm.automatic }
                    if let pauseUntil { form.pausedUntil = pauseUntil }
                    if noPause { form.pausedUntil = "" }
                    form.reason = reason ?? ""
                    hold = try ctx.service.setCollectionsHold(accountId: a.id, form, by: ctx.actor)
                } else if reason != nil {
                    throw .invalid("reason", "--reason goes with a change: --no-suspend, --suspend, --pause-until "
                                   + "or --no-pause")
                }
                if ctx.json { JSON.print(CollectionsJSON.hold(hold, account: a)); return }
                let suspension = hold.noAutoSuspend ? "no automatic suspension" : "automatic suspension"
                let pause = hold.pausedUntil.map { "reminders paused until \($0)" } ?? "reminders not paused"
                print("\(a.code): \(suspension); \(pause).")
            }
        }
    }
}
