import ArgumentParser
import Foundation
import Mail
import ResellerCore

/// `resellerdesk doctor`: one line per check, ok / warn / fail; exit 1 on any fail. Each fail says what to do.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the desk: database, configuration, mail, deliverer, storefront address, backups.")
    @OptionGroup var global: GlobalOptions

    enum Status: String { case ok, warn, fail }
    struct Check {
        let status: Status
        let name: String
        let detail: String
    }

    func run() throws {
        let checks = Self.checks(db: global.db)
        for c in checks {
            print(TerminalSafe.line("\(c.status.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)) "
                                    + "\(c.name): \(c.detail)"))
        }
        if checks.contains(where: { $0.status == .fail }) { throw ExitCode(1) }
    }

    static func checks(db: String?) -> [Check] {
        let config: ConfigFile
        do {
            config = try ConfigFile.load()
        } catch {
            return [Check(status: .fail, name: "configuration", detail: error.description + "; correct the file")]
        }
        let files = config.filesRead.isEmpty ? "no file, defaults" : config.filesRead.joined(separator: ", then ")
        var out = [Check(status: .ok, name: "configuration", detail: files)]
        let (path, source) = DatabaseLocation.resolve(explicit: db, config: config)
        let postgres = DatabaseLocation.isPostgres(path)
        if !postgres {
            out.append(fileCheck(path, source: source))
            // Opening the store would create a missing desk, and its folder: doctor only looks.
            var info = stat()
            guard stat(path, &info) == 0 else { return out }
        }
        let service: ResellerService
        do {
            service = ResellerService(store: try Store(config: config, explicitPath: db, connections: .one),
                                      settings: try ServiceSettings(config))
        } catch {
            out.append(Check(status: .fail, name: "database", detail: error.description))
            return out
        }
        out += postgres ? postgresChecks(service.store, source: source) : databaseChecks(service)
        // Who the account manager completes from in the terminal's account form.
        out.append(Check(status: .ok, name: "staff", detail: "account managers complete from "
                         + service.staffLogins().joined(separator: ", ")))
        out.append(sellerCheck(service.settings.seller, config: config))
        out.append(mailCheck(config))
        if let folder = config.string("mail.templates") { out.append(templatesCheck(folder)) }
        out += delivererChecks(service)
        out.append(storefrontCheck(service.settings.storefrontURL, set: config.isSet("storefront.url")))
        out.append(postgres ? Check(status: .ok, name: "backup", detail: "by the PostgreSQL server's own tools "
                                    + "(pg_dump, base backups; docs/postgresql.md), not resellerdesk backup")
                   : backupCheck(service))
        return out
    }

    /// Where the database is, who owns it, its mode, and whether this login may use it.
    static func fileCheck(_ path: String, source: String) -> Check {
        var info = stat()
        guard stat(path, &info) == 0 else {
            // A folder this login may not look into (the packaged data folder, root's 0750, for a login outside
            // the group) is not a missing desk: say which group and how to join it.
            if let refusal = DeskAccess.refusal(path: path, errno: errno) {
                return Check(status: .fail, name: "database file", detail: "\(path) (from \(source)): "
                             + refusal.description)
            }
            return Check(status: .fail, name: "database file", detail: "\(path) (from \(source)) does not exist; "
                         + "doctor creates nothing: check the path (--db, RESELLERDESK_DB, storage.path), "
                         + "or let the first use create it (resellerdesk account list)")
        }
        let mode = info.st_mode & 0o7777
        let group = DeskAccess.groupName(info.st_gid)
        let member = DeskAccess.callerGroups().contains(info.st_gid)
        let what = "\(path) (from \(source)), owner \(DeskAccess.login(info.st_uid)), group \(group), "
            + "mode \(String(mode, radix: 8)), you are \(member ? "" : "not ")in \(group)"
        if mode & 0o007 != 0 {
            return Check(status: .fail, name: "database file", detail: what + "; it is readable by every login: "
                         + "sudo chmod o-rwx \(path) \(path)-wal \(path)-shm")
        }
        if access(path, R_OK | W_OK) != 0 {
            let why = DeskAccess.refusal(path: path, errno: EACCES)?.description ?? "not writable"
            return Check(status: .fail, name: "database file", detail: what + "; " + why)
        }
        return Check(status: .ok, name: "database file", detail: what)
    }

    static func databaseChecks(_ service: ResellerService) -> [Check] {
        do {
            let health = try service.store.health()
            let wal = "WAL \(Format.size(health.walBytes))"
            let detail = "schema version \(health.schemaVersion), quick check \(health.quickCheck), \(wal)"
            guard health.quickCheck == "ok" else {
                return [Check(status: .fail, name: "database", detail: detail + "; restore the last backup "
                              + "(resellerdesk restore FILE) after stopping the services")]
            }
            return [Check(status: .ok, name: "database", detail: detail), schemaCheck(service.store)]
        } catch {
            return [Check(status: .fail, name: "database", detail: error.description)]
        }
    }

    /// A PostgreSQL desk: the server and its version, who this login is to the desk, the schema's version, and
    /// whether the privileges `storage init` gave still hold.
    static func postgresChecks(_ store: Store, source: String) -> [Check] {
        do {
            guard let h = try store.postgresHealth() else { return [] }
            var out = [Check(status: .ok, name: "database", detail: "PostgreSQL \(h.serverVersion) at "
                             + "\(DatabaseLocation.named(store.path)) (from \(source)), "
                             + "schema version \(h.schemaVersion)")]
            out.append(h.roles.isEmpty
                ? Check(status: .fail, name: "login", detail: "\(h.login) is in none of the desk's roles; its "
                        + "administrator runs resellerdesk storage grant \(h.login)")
                : Check(status: .ok, name: "login", detail: "\(h.login), \(h.roles.joined(separator: ", "))"))
            out.append(h.loosened.isEmpty
                ? Check(status: .ok, name: "privileges", detail: "as storage init gave them: staff cannot change "
                        + "the audit or the ledger, nor read password hashes, sessions or link tokens")
                : Check(status: .fail, name: "privileges", detail: h.loosened.joined(separator: "; ")
                        + "; someone changed the grants by hand: compare with docs/postgresql.md"))
            return out
        } catch {
            return [Check(status: .fail, name: "database", detail: error.description)]
        }
    }

    /// Objects the migrations did not make: any member of the desk's group can change the file directly, for
    /// example with a trigger that quietly deletes their own audit rows.
    static func schemaCheck(_ store: Store) -> Check {
        do {
            let differences = try store.schemaDifferences()
            guard differences.isEmpty else {
                return Check(status: .fail, name: "schema", detail: differences.joined(separator: "; ")
                             + "; the desk was changed outside resellerdesk: read each with sqlite3 \(store.path) "
                             + "'.schema NAME', drop it, and compare the audit with the journal "
                             + "(journalctl SYSLOG_IDENTIFIER=resellerdesk)")
            }
            return Check(status: .ok, name: "schema", detail: "as the migrations make it, nothing added by hand")
        } catch {
            return Check(status: .fail, name: "schema", detail: error.description)
        }
    }

    /// Whether invoices can be issued: they are the seller's legal documents, and the billing run and orders
    /// refuse to invoice while [company] lacks a key an invoice needs (domain.md#the-seller-and-tax).
    static func sellerCheck(_ seller: Seller, config: ConfigFile) -> Check {
        let missing = seller.missingKeys
        guard missing.isEmpty else {
            // The file [company] belongs in: the system file of a team desk (read first), else the user's own.
            let file = config.filesRead.first ?? ConfigFile.defaultPath()
            return Check(status: .fail, name: "seller ([company])", detail: "invoices cannot be issued: set "
                         + missing.joined(separator: ", ") + " in [company] of \(file)")
        }
        let vat = seller.vatId.map { ", VAT ID \($0)" } ?? ""
        return Check(status: .ok, name: "seller ([company])",
                     detail: "\(seller.name ?? ""), \(seller.country ?? "")\(vat): invoices may be issued")
    }

    static func mailCheck(_ config: ConfigFile) -> Check {
        let settings: MailSettings
        do { settings = try MailSettings(config) } catch {
            return Check(status: .fail, name: "mail", detail: error.description)
        }
        switch TransportCheck.run(settings) {
        case .success(let what): return Check(status: .ok, name: "mail", detail: what)
        case .failure(let f):
            return Check(status: .fail, name: "mail", detail: f.reason + "; " + fix(for: settings.transport))
        }
    }

    /// Staff template overrides: each one must be trusted (see `TemplateFile`), or its emails are held.
    static func templatesCheck(_ folder: String) -> Check {
        guard FileManager.default.fileExists(atPath: folder) else {
            return Check(status: .warn, name: "mail templates", detail: "\(folder) (mail.templates) does not exist; "
                         + "the built-in templates are used")
        }
        let refusals = TemplateFile.refusals(in: folder)
        guard refusals.isEmpty else {
            return Check(status: .fail, name: "mail templates", detail: refusals.joined(separator: "; ")
                         + "; the emails they would build are held (resellerdesk mail list) until fixed")
        }
        return Check(status: .ok, name: "mail templates", detail: "\(folder): owned by root or you, "
                     + "writable by nobody else")
    }

    /// What to do when the way out for email does not work.
    static func fix(for transport: MailSettings.Transport) -> String {
        switch transport {
        case .maildir(let path):
            "a team desk's Maildir belongs to the group: sudo chgrp -R resellerdesk \(path) && "
                + "sudo chmod -R g+rwX,o-rwx \(path) (or set mail.maildir)"
        case .smtp: "check [smtp] in the configuration (resellerdesk config) and that the relay accepts this host"
        case .sendmail: "set sendmail.path to a sendmail-compatible program, or use mail.transport = \"smtp\""
        }
    }

    static func delivererChecks(_ service: ResellerService) -> [Check] {
        do {
            let now = service.now
            var out: [Check] = []
            if let beat = try service.heartbeat("mail-deliverer") {
                let age = now.timeIntervalSince(beat.at)
                let detail = "\(beat.owner) \(beat.detail) \(Format.age(age)) ago"
                out.append(Check(status: age < 120 ? .ok : .warn, name: "mail deliverer", detail: age < 120 ? detail
                                 : detail + "; start it: sudo systemctl enable --now resellerdesk-mail"))
            } else {
                out.append(Check(status: .warn, name: "mail deliverer", detail: "has never run on this desk; start it: "
                                 + "sudo systemctl enable --now resellerdesk-mail"))
            }
            if let oldest = try service.oldestWaitingMail() {
                let age = now.timeIntervalSince(oldest)
                let detail = "the oldest email waiting was queued \(Format.age(age)) ago"
                out.append(Check(status: age < 3600 ? .ok : .fail, name: "outbox", detail: age < 3600 ? detail
                                 : detail + "; see resellerdesk mail list and journalctl -u resellerdesk-mail"))
            } else {
                out.append(Check(status: .ok, name: "outbox", detail: "no email waiting"))
            }
            return out
        } catch {
            return [Check(status: .fail, name: "mail deliverer", detail: error.description)]
        }
    }

    static func storefrontCheck(_ url: String, set: Bool) -> Check {
        guard set else {
            return Check(status: .warn, name: "storefront url", detail: "not set: emailed links point to \(url), "
                         + "which resellers cannot reach; set storefront.url in /etc/resellerdesk/config.toml")
        }
        let secure = url.hasPrefix("https://")
        return Check(status: secure ? .ok : .warn, name: "storefront url", detail: secure ? url
                     : url + " is not https: put the storefront behind a TLS proxy (docs/nginx-storefront.conf)")
    }

    static func backupCheck(_ service: ResellerService) -> Check {
        do {
            guard let beat = try service.heartbeat("backup") else {
                return Check(status: .warn, name: "backup", detail: "none taken yet; sudo systemctl enable --now "
                             + "resellerdesk-backup.timer, or resellerdesk backup FILE")
            }
            let age = service.now.timeIntervalSince(beat.at)
            let detail = "last \(beat.detail), \(Format.age(age)) ago by \(beat.owner)"
            return Check(status: age < 26 * 3600 ? .ok : .warn, name: "backup", detail: age < 26 * 3600 ? detail
                         : detail + "; is resellerdesk-backup.timer running? (systemctl list-timers)")
        } catch {
            return Check(status: .fail, name: "backup", detail: error.description)
        }
    }
}
