import Foundation
import Testing
import DeskTestSupport

/// The real binary through the collections steps with Debian's faketime (domain.md#collections): the Greek
/// seller's desk, a reseller's order invoiced on 2027-01-10 (due 2027-02-09, unpaid), `collections run` on each
/// step's day and on the suspension day, the emails delivered into the Maildir and read by Python's email parser,
/// and a payment that resumes the account.
@Suite struct CollectionsCLITests {
    let desk = TaxDesk()

    func maildir() -> String { desk.cli.folder + "/Maildir" }

    /// Delivers the queued emails into the Maildir; each message as Python's parser reads it.
    func delivered(on day: String) throws -> [[String: Any]] {
        let r = try desk.run(["mail", "deliver"], on: day,
                             environment: TaxDesk.seller.merging(["RESELLERDESK_MAIL_MAILDIR": maildir()]) { $1 })
        #expect(r.code == 0, "\(r.err)")
        let folder = maildir() + "/new"
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { name in
            let text = try shell("/usr/bin/python3", CLI.root + "/scripts/testing/mime-summary.py", folder + "/" + name)
            return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        }
    }

    @Test func theStepsGoOnTheirDaysOnceThenTheSuspensionAndAPaymentResumes() throws {
        let code = try desk.account("GR", vat: "EL094259216", credit: "10000.00")
        let order = try desk.order(code, ["SVC=1"])
        #expect(order["total"] as? String == "12.40")                    // 10.00 and 24 % VAT
        let invoice = try #require((try desk.run(["invoice", "list", "--json"]).json as? [[String: Any]])?.first)
        #expect(invoice["dueDate"] as? String == "2027-02-09")
        let total = try #require(invoice["total"] as? String)
        let reference = try #require(invoice["paymentReference"] as? String)

        // Nothing before due + 3; the preview says what the run then does, changing nothing.
        #expect(try desk.run(["collections", "run"], on: "2027-02-11").out.hasPrefix("Nothing to send or suspend"))
        let preview = try desk.run(["collections", "preview", "--json"], on: "2027-02-12").object
        #expect(preview["emails"] as? Int == 2)
        let run = try desk.run(["collections", "run", "--json"], on: "2027-02-12")
        #expect(run.code == 0, "\(run.err)")
        let actions = try #require(run.object["actions"] as? [[String: Any]])
        #expect(actions.map { $0["mail"] as? String } == ["reminder"] && actions.first?["account"] as? String == code)
        let listed = try #require((actions.first?["invoices"] as? [[String: Any]])?.first)
        #expect(listed["paymentReference"] as? String == reference && listed["daysOverdue"] as? Int == 3)
        // The same day again, twice: nothing more.
        #expect(try desk.run(["collections", "run", "--json"], on: "2027-02-12").object["emails"] as? Int == 0)
        #expect(try desk.run(["collections", "run"], on: "2027-02-12").code == 0)

        #expect(try desk.run(["collections", "run", "--json"], on: "2027-02-19").object["emails"] as? Int == 2)
        #expect(try desk.run(["collections", "run", "--json"], on: "2027-03-01").object["emails"] as? Int == 2)
        let suspended = try desk.run(["collections", "run"], on: "2027-03-11")
        #expect(suspended.out.contains("Overdue: INV-000001 since 2027-02-10"), "\(suspended.out)")
        let account = try desk.run(["account", "show", code, "--json"], on: "2027-03-11").object
        #expect(account["status"] as? String == "suspended" && account["statusBy"] as? String == "collections")
        let refused = try desk.run(["order", "place", code, "--line", "SVC=1"], on: "2027-03-11")
        #expect(refused.code != 0 && refused.err.contains("overdue is paid"), "\(refused.err)")

        // Delivered on a later fake day (each command starts at its pinned time again).
        let mails = try delivered(on: "2027-03-12")
        let subjects = mails.compactMap { $0["subject"] as? String }
        #expect(subjects.filter { $0.hasPrefix("Reminder: \(total) EUR overdue") }.count == 2)
        #expect(subjects.filter { $0.hasPrefix("Second reminder:") }.count == 2)
        #expect(subjects.filter { $0.hasPrefix("Final notice:") }.count == 2)
        let final = try #require(mails.first { ($0["subject"] as? String)?.hasPrefix("Final notice:") == true
            && $0["toAddress"] as? String == "accounts@reseller.example" })
        let text = try #require(final["text"] as? String)
        #expect(text.contains("suspended on 2027-03-11"))
        #expect(text.contains("IBAN GR1601101250000000012300695"))         // the Greek seller's bank line
        let printed = stride(from: 0, to: reference.count, by: 4)
            .map { String(reference.dropFirst($0).prefix(4)) }.joined(separator: " ")
        #expect(text.contains(printed))
        #expect((final["defects"] as? [Any])?.isEmpty == true)

        // The payment resumes the account at once.
        #expect(try desk.run(["payment", "add", code, total], on: "2027-03-12").code == 0)
        let after = try desk.run(["account", "show", code, "--json"], on: "2027-03-12").object
        #expect(after["status"] as? String == "active")
    }

    @Test func aHoldIsSetAndShownAndBadFlagsAreRefusedNamingThem() throws {
        let code = try desk.account("GR", vat: "EL094259216")
        let set = try desk.run(["account", "collections", code, "--no-suspend", "--pause-until", "2027-02-20",
                                "--reason", "promised", "--json"])
        #expect(set.code == 0, "\(set.err)")
        #expect(set.object["automaticSuspension"] as? Bool == false)
        #expect(set.object["remindersPausedUntil"] as? String == "2027-02-20")
        #expect(try desk.run(["account", "collections", code]).out
                == "\(code): no automatic suspension; reminders paused until 2027-02-20.\n")
        let noReason = try desk.run(["account", "collections", code, "--suspend"])
        #expect(noReason.code != 0 && noReason.err.contains("reason: reason is required"), "\(noReason.err)")
        let both = try desk.run(["account", "collections", code, "--suspend", "--no-suspend", "--reason", "x"])
        #expect(both.err.contains("suspension: give --no-suspend or --suspend, not both"))
        let date = try desk.run(["account", "collections", code, "--pause-until", "next week", "--reason", "x"])
        #expect(date.err.contains("pausedUntil: Paused until must be a date as YYYY-MM-DD, not \"next week\""))
    }
}
