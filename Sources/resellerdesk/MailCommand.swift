import ArgumentParser
import Foundation
import Mail
import ResellerCore
import TerminalKit

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "The outbox and its delivery.",
        subcommands: [List.self, Deliver.self, Test.self, Retry.self])
}

extension MailCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The outbox: id, to, subject, status, created, sent.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "At most this many, newest first.") var limit = 200
        @Flag(help: "Print a JSON array.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                // A refused template holds its emails: say why before the rows that show them failed.
                for why in ctx.config.string("mail.templates").map(TemplateFile.refusals) ?? [] {
                    Console.error("mail.templates: " + why)
                }
                let mails = try ctx.service.outbox(limit: limit)
                if ctx.json { JSON.print(mails.map(JSONValues.mail)); return }
                if mails.isEmpty { print("The outbox is empty."); return }
                var t = TextTable([.init("Id", alignRight: true), .init("To"), .init("Subject", flexible: true),
                                   .init("Status"), .init("Created"), .init("Sent")])
                for m in mails {
                    let status = m.status.rawValue + (m.lastError.map { " (\($0))" } ?? "")
                    t.add([String(m.id), m.toAddress, m.subject, status,
                           Format.timestamp(m.createdAt), m.sentAt.map(Format.timestamp) ?? "-"])
                }
                print(t.render())
            }
        }
    }

    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deliver",
            abstract: "Send what is due through the configured transport and exit; --watch keeps running.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Keep running: deliver new and retried messages as they fall due.") var watch = false
        @Option(help: "Messages claimed at a time.") var batch = 50
        @Flag(help: "Print JSON counts.") var json = false

        func validate() throws {
            guard (1...1000).contains(batch) else { throw ValidationError("--batch must be from 1 to 1000") }
        }

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                var deliverer = Deliverer(service: ctx.service, settings: try MailSettings(ctx.config))
                deliverer.batchSize = batch
                let owner = "\(ProcessInfo.processInfo.hostName):\(getpid())"
                var lastBeat = Date.distantPast
                repeat {
                    let r: Deliverer.Report
                    do throws(ServiceError) {
                        r = try deliverer.deliverDue()
                        // A sign of life for `doctor`, at most every 30 s: not a write per pass.
                        if Date().timeIntervalSince(lastBeat) >= 30 {
                            try ctx.service.recordHeartbeat("mail-deliverer", owner: owner,
                                                            detail: watch ? "watching" : "ran once")
                            lastBeat = Date()
                        }
                    } catch .storage(let why) where watch {
                        // A database out of reach (a PostgreSQL server restarting, a full disk) is waited out:
                        // what was claimed and not recorded is claimed again once the lease ends.
                        Console.error("\(Format.timestamp(Date())) mail: \(why); trying again in 5 s")
                        sleep(5)
                        continue
                    }
                    if ctx.json {
                        JSON.print(["sent": r.sent, "retrying": r.retrying, "failed": r.failed, "released": r.released])
                    } else if r.total > 0 || !watch {
                        Console.error("\(Format.timestamp(Date())) mail: \(r.sent) sent, "
                                      + "\(r.retrying) to retry, \(r.failed) failed")
                    }
                    if watch {
                        // New mail can come from any process: look again at least every second.
                        let due = try ctx.service.nextMailDue()?.timeIntervalSinceNow ?? 1
                        usleep(UInt32(min(1, max(0.05, due)) * 1_000_000))
                    }
                } while watch
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test", abstract: "Send a test email through the configured transport now.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Where to send it.") var address: String

        func run() throws {
            try CLIContext.run(global, json: false) { (ctx) throws(ServiceError) in
                let settings = try MailSettings(ctx.config)
                do throws(FieldError) {
                    _ = try EmailAddress.validate(address, field: "address")
                } catch {
                    throw .invalid([error])
                }
                let message = OutboxMessage(id: 0, kind: .test, toAddress: address, toName: "",
                                            subject: "ResellerDesk test email",
                                            params: [:], createdAt: Date(), nextAttemptAt: Date())
                let outgoing: OutgoingMessage
                do { outgoing = try MessageBuilder(settings: settings).build(message) } catch {
                    throw .invalid("mail.templates", "\(error)")
                }
                var transport = Transports.open(settings)
                let result = transport.send(outgoing)
                transport.close()
                let via = Self.describe(settings.transport)
                switch result {
                case .sent: print("Sent a test email to \(address) \(via).")
                case .temporary(let why, _), .permanent(let why):
                    throw .refused(field: "mail", message: "could not send the test email \(via): \(why)")
                }
            }
        }

        static func describe(_ t: MailSettings.Transport) -> String {
            switch t {
            case .maildir(let path): "into the Maildir \(path)"
            case .smtp(let s): "through SMTP \(s.host):\(s.port) (\(s.security.rawValue))"
            case .sendmail(let path): "through \(path)"
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry", abstract: "Put a failed message back in the queue.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The message id (mail list).") var id: Int64

        func run() throws {
            try CLIContext.run(global, json: false) { (ctx) throws(ServiceError) in
                try ctx.service.retryMail(id, by: ctx.actor)
                print("Message \(id) is queued again; mail deliver will send it.")
            }
        }
    }
}
