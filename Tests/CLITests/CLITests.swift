import Foundation
import ResellerCore
import Testing
import DeskTestSupport

@Suite struct CLITests {
    let cli = CLI()

    func addReseller(_ name: String = "Aegean Cloud", email: String = "info@aegean.example") throws -> [String: Any] {
        let r = try cli.run(["account", "add", "--name", name, "--email", email, "--country", "GR", "--type", "Reseller",
                             "--ordering", "--credit-limit", "5000", "--prorate", "--billing-day", "first",
                             "--partial-charges", "on-next-billing-day", "--reselling", "--json"])
        #expect(r.code == 0, "\(r.err)")
        return r.object
    }

    @Test func accountAddAndShowJSON() throws {
        let a = try addReseller()
        #expect(a["code"] as? String == "ACC-000001")
        #expect(a["creditLimit"] as? String == "5000.00")
        #expect(a["availableCredit"] as? String == "5000.00")
        #expect(a["enableOrdering"] as? Bool == true)
        #expect(a["prorateBilling"] as? Bool == true)
        #expect(a["billingDay"] as? String == "first")
        #expect(a["partialChargesInvoicing"] as? String == "onNextBillingDay")
        #expect(a["enableReselling"] as? Bool == true)
        #expect(a["version"] as? Int == 1)
        #expect(a["paymentTermsDays"] as? Int == 30)
        #expect(a["uninvoiced"] as? String == "0.00")
        #expect(a["status"] as? String == "active")
        let terms = try cli.run(["account", "update", "ACC-000001", "--payment-terms", "45", "--expect-version", "1",
                                 "--json"])
        #expect(terms.code == 0 && terms.object["paymentTermsDays"] as? Int == 45, "\(terms.err)")
        let refused = try cli.run(["account", "update", "ACC-000001", "--payment-terms", "400",
                                   "--expect-version", "2"])
        #expect(refused.code == 1 && refused.err.contains("paymentTermsDays: payment terms must be whole days"))
        // SUDO_USER names the actor only for root (the tests run as root in CI); otherwise the real login.
        #expect(a["accountManager"] as? String == (getuid() == 0 ? "carol" : DeskAccess.login(getuid())))
        #expect((a["priceLists"] as? [String]) == [])
        #expect((a["contacts"] as? [Any])?.isEmpty == true)

        let unlimited = try cli.run(["account", "add", "--name", "Big", "--email", "b@big.example", "--country", "de",
                                     "--ordering", "--unlimited-credit", "--json"]).object
        #expect(unlimited["creditLimit"] as? String == "unlimited")
        #expect(unlimited["availableCredit"] as? String == "unlimited")

        let shown = try cli.run(["account", "show", "ACC-000001", "--json"])
        #expect(shown.code == 0)
        #expect(shown.object["name"] as? String == "Aegean Cloud")
        #expect(shown.object["version"] as? Int == 2)
        let plain = try cli.run(["account", "show", "1"])
        #expect(plain.out.contains("Credit limit    5,000.00 EUR"))
        #expect(plain.out.contains("[ ] Price list assigned"))
    }

    @Test func validationErrorsExitOneWithFieldMessages() throws {
        let r = try cli.run(["account", "add", "--name", "", "--email", "nope", "--country", "XX", "--credit-limit", "10"])
        #expect(r.code == 1)
        #expect(r.out.isEmpty)
        let lines = r.err.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("name: ") })
        #expect(lines.contains { $0.hasPrefix("email: ") })
        #expect(lines.contains { $0.hasPrefix("country: ") })
        #expect(lines.contains { $0.hasPrefix("creditLimit: ") && $0.contains("Ordering") })

        let j = try cli.run(["account", "add", "--name", "X", "--email", "x@y.example", "--country", "GR",
                             "--ordering", "--credit-limit", "12.345", "--json"])
        #expect(j.code == 1)
        let errors = try #require(j.object["errors"] as? [[String: String]])
        #expect(errors == [["field": "creditLimit", "message": "credit limit takes at most 2 decimals in EUR"]])
        #expect(!r.err.contains("Fatal") && !r.err.contains("Stack"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try cli.run(["account", "add", "--bogus"]).code == 2)
        #expect(try cli.run(["no-such-command"]).code == 2)
        #expect(try cli.run(["account", "update", "1"]).code == 2)       // --expect-version is required
        #expect(try cli.run(["account", "list", "--limit", "0"]).code == 2)
        let help = try cli.run(["--help"])
        #expect(help.code == 0)
        #expect(help.out.contains("Exit codes"))
    }

    @Test func databaseProblemsExitThree() throws {
        let r = try cli.run(["--db", "/proc/no/such/place.sqlite", "account", "list"])
        #expect(r.code == 3)
        #expect(r.err.hasPrefix("database: "))
        let bad = cli.folder + "/not-a-db.sqlite"
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        try Data("plain text, not SQLite".utf8).write(to: URL(fileURLWithPath: bad))
        let r2 = try cli.run(["account", "list", "--json"], environment: ["RESELLERDESK_DB": bad])
        #expect(r2.code == 3)
        #expect((r2.object["errors"] as? [[String: String]])?.first?["field"] == "database")
    }

    @Test func staleExpectVersionIsRefusedAndBothEditsSurvive() throws {
        _ = try addReseller()
        let first = try cli.run(["account", "update", "ACC-000001", "--expect-version", "1", "--phone", "+30 210 1111111", "--json"])
        #expect(first.code == 0)
        #expect(first.object["version"] as? Int == 2)
        let stale = try cli.run(["account", "update", "ACC-000001", "--expect-version", "1", "--city", "Patras"])
        #expect(stale.code == 1)
        #expect(stale.err.hasPrefix("version: "))
        #expect(stale.err.contains("carol"))
        let now = try cli.run(["account", "show", "1", "--json"]).object
        #expect(now["phone"] as? String == "+30 210 1111111")
        #expect(now["city"] is NSNull)
        #expect(now["version"] as? Int == 2)
    }

    @Test func noOrderingClearsTheSection() throws {
        _ = try addReseller()
        let r = try cli.run(["account", "update", "1", "--expect-version", "1", "--no-ordering", "--json"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.object["enableOrdering"] as? Bool == false)
        #expect(r.object["creditLimit"] is NSNull)
        #expect(r.object["enableReselling"] as? Bool == false)
    }

    @Test func twoProcessesCreatingAccountsAtOnce() throws {
        // Two shells each add 15 accounts to the same new file at the same time.
        let script = """
            for i in $(seq 1 15); do "$BIN" account add --name "Proc $1 #$i" --email "p$1-$i@x.example" --country GR >/dev/null || echo "FAIL $1 $i $?"; done
            """
        var procs: [(Process, Pipe)] = []
        for n in 1...2 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", script, "bash", String(n)]
            p.environment = ProcessInfo.processInfo.environment.merging(["BIN": CLI.binary, "RESELLERDESK_DB": cli.db]) { $1 }
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = pipe
            try p.run()
            procs.append((p, pipe))
        }
        var output = ""
        for (p, pipe) in procs {
            output += String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
        }
        #expect(output.isEmpty, "\(output)")
        #expect(!output.contains("locked"))
        let list = try cli.run(["account", "list", "--limit", "100", "--json"])
        let rows = try #require(list.json as? [[String: Any]])
        #expect(rows.count == 30)
        #expect(Set(rows.compactMap { $0["name"] as? String }).count == 30)
    }

    /// Two processes opening one new desk at once both hold a read lock and want the exclusive one that puts the
    /// file in WAL mode. SQLite refuses one of them at once, rather than let both wait for each other: that one
    /// must try again, not report "another process has been creating the database for 10 minutes" (it failed
    /// about one round in eight).
    @Test func twoProcessesOpeningANewDeskAtOnceBothGetIn() throws {
        // bash -c SCRIPT BINARY: the binary is $0, and the desks go into the test's own folder (made by its
        // desk's first open, which this test does not need).
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        let script = """
            for round in $(seq 1 20); do
              for n in 1 2; do
                err="$DIR/$round-$n.err"
                ( "$0" account add --db "$DIR/$round.sqlite" --name "Round $round #$n" \
                    --email "r$round-$n@x.example" --country GR >/dev/null 2>"$err" ||
                  echo "round $round #$n: $(cat "$err")" ) &
              done
              wait
            done
            """
        let r = try cli.run([], environment: ["DIR": cli.folder], launcher: ["/bin/bash", "-c", script])
        #expect(r.code == 0 && r.out.isEmpty && r.err.isEmpty, "\(r.out)\(r.err)")
        for round in 1...20 {
            let list = try cli.run(["account", "list", "--db", "\(cli.folder)/\(round).sqlite", "--json"])
            #expect((list.json as? [[String: Any]])?.count == 2, "round \(round): \(list.out) \(list.err)")
        }
    }

    @Test func priceListsContactsPaymentsAndMail() throws {
        _ = try addReseller()
        let csv = cli.folder + "/list.csv"
        try "code,description,billing_period,price\nVM,\"Cloud VM, small\",monthly,31.00\nSETUP,Setup,one-time,150\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try cli.run(["pricelist", "import", csv, "--name", "Core EUR", "--currency", "EUR", "--json"])
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.object["itemCount"] as? Int == 2)
        let lists = try #require(try cli.run(["pricelist", "list", "--json"]).json as? [[String: Any]])
        #expect(lists.map { $0["name"] as? String } == ["Core EUR"])

        let badCSV = cli.folder + "/bad.csv"
        try "code,description,billing_period,price\nVM,VM,weekly,1\n".write(toFile: badCSV, atomically: true, encoding: .utf8)
        let bad = try cli.run(["pricelist", "import", badCSV, "--name", "Bad", "--currency", "EUR"])
        #expect(bad.code == 1)
        #expect(bad.err.contains("billing_period: line 2"))
        #expect(try cli.run(["pricelist", "import", cli.folder + "/missing.csv", "--name", "M", "--currency", "EUR"]).code == 1)

        #expect(try cli.run(["account", "assign-pricelist", "ACC-000001", "Core EUR"]).code == 0)
        let contact = try cli.run(["contact", "add", "ACC-000001", "--first-name", "Γιώργος", "--last-name", "Παπαδόπουλος",
                                   "--email", "giorgos@aegean.example", "--storefront", "--json"])
        #expect(contact.code == 0, "\(contact.err)")
        #expect(contact.object["userType"] as? String == "Admin")
        #expect(contact.object["status"] as? String == "Pending activation")

        let shown = try cli.run(["account", "show", "1", "--json"]).object
        #expect(shown["priceLists"] as? [String] == ["Core EUR"])
        let contacts = try #require(shown["contacts"] as? [[String: Any]])
        #expect(contacts.first?["storefrontUser"] as? Bool == true)

        #expect(try cli.run(["contact", "resend-activation", "giorgos@aegean.example"]).code == 0)
        #expect(try cli.run(["contact", "reset-password", "giorgos@aegean.example"]).code == 1)   // not active yet
        let mail = try #require(try cli.run(["mail", "list", "--json"]).json as? [[String: Any]])
        #expect(mail.count == 2)
        #expect(mail.allSatisfy { $0["to"] as? String == "giorgos@aegean.example" })
        // The resend withdrew the first email before it was sent: one link goes out.
        #expect(mail.map { $0["status"] as? String } == ["queued", "withdrawn"])
        #expect(try cli.run(["contact", "deactivate", "giorgos@aegean.example"]).code == 0)

        let paid = try cli.run(["payment", "add", "ACC-000001", "250.50", "--note", "wire", "--json"])
        #expect(paid.object["availableCredit"] as? String == "5250.50")
        #expect(try cli.run(["payment", "add", "ACC-000001", "-3"]).code != 0)
        let payments = try #require(try cli.run(["payment", "list", "1", "--json"]).json as? [[String: Any]])
        #expect(payments.map { $0["amount"] as? String } == ["250.50"])
        let paymentId = try #require(payments.first?["id"] as? Int)
        let noReason = try cli.run(["payment", "reverse", String(paymentId)])
        #expect(noReason.code != 0)
        #expect(noReason.err.contains("--reason"))
        let reversed = try cli.run(["payment", "reverse", String(paymentId), "--reason", "returned", "--json"])
        #expect(reversed.code == 0, "\(reversed.err)")
        #expect(reversed.object["kind"] as? String == "Payment reversal")
        #expect(reversed.object["balanceAfter"] as? String == "0.00")
        let again = try cli.run(["payment", "reverse", String(paymentId), "--reason", "returned"])
        #expect(again.code == 1)
        #expect(again.err.contains("payment \(paymentId) was already reversed"))
        #expect(try cli.run(["payment", "reverse", "PAY-1", "--reason", "x"]).err.contains("is not a payment id"))
        #expect(try cli.run(["payment", "list", "1"]).out.contains("reversed by entry"))
        #expect(try cli.run(["account", "unassign-pricelist", "1", "Core EUR"]).code == 0)
    }

    @Test func searchAndDemo() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let again = try cli.run(["demo"])
        #expect(again.out.contains("already loaded"))
        let found = try #require(try cli.run(["account", "list", "--search", "γιωργ", "--json"]).json as? [[String: Any]])
        #expect(found.first?["name"] as? String == "Aegean Cloud Partners")
        let table = try cli.run([])
        #expect(table.code == 0)
        #expect(table.out.contains("ACC-000001"))
        #expect(try cli.run(["pricelist", "show", "Cloud Essentials USD"]).out.contains("160.00 USD"))
    }

    @Test func storedControlCharactersNeverReachTheTerminal() throws {
        _ = try addReseller()
        // Old data written behind the service's back holds an escape sequence.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [cli.db, "UPDATE accounts SET name = 'Evil' || char(27) || '[2J' || char(27) || ']52;c;aGk=' || char(7) || char(8238) WHERE id = 1"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        for args in [["account", "list"], ["account", "show", "1"]] {
            let r = try cli.run(args)
            #expect(r.code == 0)
            #expect(!r.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(args)")
            #expect(r.out.contains("Evil\u{FFFD}[2J"))
        }
    }
}

@Suite struct MaildirDefaultTests {
    let cli = CLI()

    @Test func withNoConfigurationTheActivationEmailLandsInTheLocalMaildir() throws {
        let env = ["XDG_DATA_HOME": cli.folder + "/data", "XDG_CONFIG_HOME": cli.folder + "/config", "RESELLERDESK_MAIL_TRANSPORT": ""]
        #expect(try cli.run(["account", "add", "--name", "Aegean", "--email", "a@aegean.example", "--country", "GR"], environment: env).code == 0)
        #expect(try cli.run(["contact", "add", "1", "--first-name", "Μαρία", "--last-name", "Οικονόμου", "--email", "maria@aegean.example",
                             "--storefront"], environment: env).code == 0)
        let delivered = try cli.run(["mail", "deliver", "--json"], environment: env)
        #expect(delivered.code == 0, "\(delivered.err)")
        #expect(delivered.object["sent"] as? Int == 1)
        let new = cli.folder + "/data/resellerdesk/Maildir/new"
        let files = try FileManager.default.contentsOfDirectory(atPath: new)
        try #require(files.count == 1)
        let text = try String(contentsOfFile: new + "/" + files[0], encoding: .utf8)
        #expect(text.contains("Subject: Activate your storefront account for Aegean"))
        // A Maildir file uses LF, the local convention. The body is base64: decode the text part, find the link.
        #expect(!text.contains("\r"))
        let parts = text.components(separatedBy: "\n\n")
        let body = parts.compactMap {
            Data(base64Encoded: $0.components(separatedBy: "\n--")[0].replacingOccurrences(of: "\n", with: ""))
        }
            .map { String(decoding: $0, as: UTF8.self) }
        #expect(body.contains { $0.contains("http://127.0.0.1:8080/activate?token=") && $0.contains("Dear Μαρία,") })
        let list = try #require(try cli.run(["mail", "list", "--json"], environment: env).json as? [[String: Any]])
        #expect(list.first?["status"] as? String == "sent")
        #expect(try cli.run(["mail", "test", "me@aegean.example"], environment: env).out.contains("Sent a test email to me@aegean.example into the Maildir"))
        let bad = try cli.run(["mail", "test", "me@aegean.example"], environment: env.merging(["RESELLERDESK_MAIL_TRANSPORT": "smtp", "RESELLERDESK_SMTP_HOST": "127.0.0.1", "RESELLERDESK_SMTP_PORT": "1"]) { $1 })
        #expect(bad.code == 1)
        #expect(bad.err.contains("could not send the test email through SMTP 127.0.0.1:1"))
    }
}
