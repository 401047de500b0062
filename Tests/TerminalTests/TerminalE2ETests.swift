import Foundation
import ResellerCore
import Testing
import DeskTestSupport

@Suite(.serialized) struct TerminalE2ETests {
    let cli = CLI()

    /// The desk started in tmux on this test's database, as the staff login dora.
    func startDesk(_ session: TmuxSession) throws {
        try session.start("bash -c 'LANG=C.UTF-8 RESELLERDESK_DB=\"\(cli.db)\" SUDO_USER=dora \(CLI.binary)'")
    }

    @Test func searchOpenHelpResizeAndHangUp() throws {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"), "tmux is needed (scripts/ensure-deps installs it)")
        #expect(try cli.run(["demo"]).code == 0)
        #expect(try cli.run(["account", "add", "--name", "Ελληνικό Νέφος Α.Ε.", "--email", "n@nefos.example", "--country", "GR"]).code == 0)
        let session = TmuxSession()
        defer { session.kill() }
        let out = cli.folder + "/after"
        try session.start("bash -c 'LANG=C.UTF-8 RESELLERDESK_DB=\(cli.db) \(CLI.binary); stty -a > \(out).stty; touch \(out).done'")
        // Each wait is for what it checks: a capture may fall between the title and the rows of a frame.
        try session.waitFor("2 shown")
        try session.waitFor("ACC-000002 Ελληνικό Νέφος")
        var screen = try session.waitFor("Ctrl-N New  F5 Outbox  F6 Orders  F7 Lists  F8 Billing  F1 Help  Ctrl-Q Quit")

        try session.keys("παπαδ")          // a contact's name, Greek, accents folded
        screen = try session.waitFor("1 shown", without: "Ελληνικό Νέφος")
        #expect(screen.contains("Aegean Cloud Par"))
        try session.keys("Enter")           // one Enter opens the only match
        try session.waitFor("Onboarding:")
        try session.waitFor("[x] Price list assigned")
        try session.keys("Tab")             // the Contacts section
        try session.waitFor("c Add  e Edit  a Access  i Invite  r Resend  w Reset password  d Deactivate")
        let contact = "Γιώργος Παπαδόπουλος partners@aegean-cloud.example Admin, Pending activation"
        try session.waitFor(contact)
        try session.keys("?")
        try session.waitFor("Help · Account · Contacts")
        try session.keys("x", "Escape")
        try session.waitFor("ResellerDesk · Accounts")
        try session.keys("F1")              // on Accounts, ? is text: help is F1
        try session.waitFor("Anything else you type searches")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Accounts")

        try session.tmux(["resize-window", "-t", session.name, "-x", "70", "-y", "20"])
        try session.waitFor("Terminal too small (need 80x24, have 70x20)")
        try session.tmux(["resize-window", "-t", session.name, "-x", "100", "-y", "30"])
        try session.waitFor("ResellerDesk · Accounts")

        // The SSH link drops: SIGHUP. The program leaves at once and the terminal is usable again.
        let panePID = try session.tmux(["list-panes", "-t", session.name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let child = try pgrepChild(of: panePID)
        let hungUpAt = Date()
        Foundation.kill(child, SIGHUP)
        while !FileManager.default.fileExists(atPath: out + ".done") && Date().timeIntervalSince(hungUpAt) < 5 { usleep(20_000) }
        #expect(Date().timeIntervalSince(hungUpAt) < 1, "took \(Date().timeIntervalSince(hungUpAt)) s to exit")
        let stty = try String(contentsOfFile: out + ".stty", encoding: .utf8)
        #expect(stty.contains(" icanon") && !stty.contains("-icanon"))
        #expect(stty.contains(" echo ") && !stty.contains("-echo "))
    }

    func pgrepChild(of pid: String) throws -> pid_t {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        p.arguments = ["-P", pid]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return try #require(pid_t(text.split(separator: "\n").first ?? ""))
    }

    @Test func onboardAResellerFromTheTerminal() throws {
        #expect(try cli.run(["demo"]).code == 0)                           // demo price lists, ACC-000001
        let session = TmuxSession()
        defer { session.kill() }
        try startDesk(session)
        try session.waitFor("ACC-000001")
        // Every key pressed beyond the typed data is counted: the budget is 30.
        var keys = 0
        func press(_ names: String...) throws {
            keys += names.count
            try session.tmux(["send-keys", "-t", session.name] + names)
        }
        // New Account: a Greek name, the Reseller preset, a credit limit, proration on the 1st, partial
        // charges on the next billing day.
        try press("C-n")
        try session.waitFor("New Account")
        try session.keys("Γιώργος Παπαδόπουλος Α.Ε.")
        try press("Tab", "C-r")                             // type; the preset: Reseller, Ordering, Reselling
        try session.waitFor("< Reseller >")
        try press("Tab")
        try session.keys("office@papadopoulos.example")
        try press("Tab")                                    // the optional fields are folded: → country
        try session.keys("gr")
        try press("Tab", "Tab", "Tab")                      // → currency (EUR) → Enable Ordering → limit
        try session.keys("2500.5")
        try press("Tab", "Tab", "Space")                    // → Unlimited → Prorate: ticked, the 1st
        try session.waitFor("< First of month >")
        try press("Tab", "Tab", "Right")                                    // → billing day → partial charges
        try session.waitFor("< On next billing day >")
        try press("C-s")
        try session.waitFor("Credit limit    2,500.50 EUR")
        try session.waitFor("Reselling       on")
        // The checklist's next steps on Enter: the picker, then Add Contact with Storefront User ticked.
        try session.waitFor("Next step: Enter assigns a price list.")
        try press("Enter")
        try session.waitFor("Assign price lists to ACC-000002")
        try session.waitFor("[-] Cloud Essentials USD")                   // refused before it is chosen: USD
        try session.keys("essentials")                                  // typed data: the filter
        try session.waitFor("M365-BB")                                    // the preview of its items
        try press("Enter")
        try session.waitFor("Assigned: Cloud Essentials EUR")
        try press("Enter")
        try session.waitFor("Add Contact to Γιώργος")
        try session.waitFor("Storefront User        [x]")
        try session.keys("Μαρία")
        try press("Tab")
        try session.keys("Οικονόμου")
        try press("Tab")
        try session.keys("maria@papadopoulos.example")
        try press("C-s")
        try session.waitFor("Activation email queued to maria@papadopoulos.example (storefront Admin)")
        try press("Enter")                                                  // the contact waiting for activation
        try session.waitFor("Waiting for the activation: r resends the email")
        print("onboarding took \(keys) keys beyond the typed data (budget 30)")
        #expect(keys <= 30, "onboarding took \(keys) keys beyond the typed data")

        let stored = try cli.run(["account", "show", "ACC-000002", "--json"]).object
        #expect(stored["name"] as? String == "Γιώργος Παπαδόπουλος Α.Ε.")
        #expect(stored["type"] as? String == "Reseller")
        #expect(stored["creditLimit"] as? String == "2500.50")
        #expect(stored["enableReselling"] as? Bool == true)
        #expect(stored["accountManager"] as? String == "dora")
        #expect(stored["priceLists"] as? [String] == ["Cloud Essentials EUR"])
        let contact = try #require((stored["contacts"] as? [[String: Any]])?.first)
        #expect(contact["lastName"] as? String == "Οικονόμου")
        #expect(contact["userType"] as? String == "Admin")
        #expect(contact["status"] as? String == "Pending activation")
        let outbox = try #require(try cli.run(["mail", "list", "--json"]).json as? [[String: Any]])
        #expect(outbox.contains { $0["to"] as? String == "maria@papadopoulos.example" && $0["status"] as? String == "queued" })
        try session.keys("Escape")
        try session.waitFor("ACC-000002 Γιώργος")
        // The Outbox shows the queued activation email, and the highlighted one uncut under the table.
        try session.keys("C-o")
        try session.waitFor("ResellerDesk · Outbox")
        try session.waitFor("queued")
        try session.waitFor("maria@papadopoulos.example: Activate your storefront account")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Accounts")
    }

    @Test func actOnAnAccountFromItsDetail() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let session = TmuxSession()
        defer { session.kill() }
        try startDesk(session)
        try session.waitFor("ACC-000001")
        try session.keys("Enter")
        try session.waitFor("e Edit  $ Payment")
        // A payment: letters are refused as they are typed, the amount is recorded.
        try session.keys("$")
        try session.waitFor("Payment received (EUR):")
        try session.keys("2x50.5", "Enter")
        try session.waitFor("Payment of 250.50 EUR recorded.")
        // The storefront contact: resend the activation, then deactivate (after a confirmation).
        try session.keys("2")
        try session.waitFor("Admin, Pending activation")
        try session.keys("r")
        try session.waitFor("A new activation email is queued to partners@aegean-cloud.example")
        try session.keys("d")
        try session.waitFor("Deactivate the storefront user partners@aegean-cloud.example?")
        try session.keys("y")
        try session.waitFor("Deactivated partners@aegean-cloud.example")
        try session.waitFor("Admin, Inactive")
        // Invite it again, then fix its email: the activation link follows the new address (#11).
        try session.keys("i")
        try session.waitFor("partners@aegean-cloud.example is invited: an activation email is queued")
        try session.waitFor("Admin, Pending activation")
        try session.keys("e")
        try session.waitFor("Edit Contact of Aegean Cloud Partners")
        try session.keys("Tab", "Tab", "C-u")                               // → email, cleared
        try session.keys("giorgos@aegean-cloud.example", "C-s")
        try session.waitFor("link is queued to giorgos@aegean-cloud.example")   // (the notice wraps)
        // The account suspended with the reason; the payment reversed from the Ledger.
        try session.keys("1", "s")
        try session.waitFor("Status of ACC-000001")
        try session.keys("C-s")                                             // no reason: refused, by name
        try session.waitFor("Reason: reason is required")
        try session.keys("unpaid since March", "C-s")
        try session.waitFor("ACC-000001 is Suspended: unpaid since March")
        try session.keys("7")
        try session.waitFor("Ledger 1")
        try session.keys("v")
        try session.waitFor("Reverse payment")
        try session.keys("bounced transfer", "C-s")
        try session.waitFor("reversed: 250.50 EUR debited")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Accounts")

        let stored = try cli.run(["account", "show", "ACC-000001", "--json"]).object
        #expect(stored["balance"] as? String == "0.00")                     // paid, then reversed
        #expect(stored["status"] as? String == "suspended")
        #expect(stored["statusReason"] as? String == "unpaid since March")
        let contact = try #require((stored["contacts"] as? [[String: Any]])?.first)
        #expect(contact["email"] as? String == "giorgos@aegean-cloud.example")
        #expect(contact["status"] as? String == "Pending activation")
        let outbox = try #require(try cli.run(["mail", "list", "--json"]).json as? [[String: Any]])
        // The first link and the resent one to the old address, the re-invitation, then the new address.
        #expect(outbox.filter { $0["to"] as? String == "partners@aegean-cloud.example" }.count == 3)
        #expect(outbox.contains { $0["to"] as? String == "giorgos@aegean-cloud.example" })
        let payments = try #require(try cli.run(["payment", "list", "ACC-000001", "--json"]).json as? [[String: Any]])
        #expect(payments.count == 1 && payments.first?["reversedBy"] is Int64)
    }

    /// A screen update reaches the terminal in one write (and one more when the cursor shows or hides: curs_set
    /// writes at once), so over SSH it is a packet, not one per line: ncurses 6.4 flushed after every cursor
    /// move until the program put its screen once through endwin (40 writes for Help, 27 back from it).
    @Test func aScreenUpdateIsOneWriteToTheTerminal() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let session = TmuxSession()
        defer { session.kill() }
        try session.start("bash -c 'LANG=C.UTF-8 RESELLERDESK_DB=\(cli.db) exec \(CLI.binary)'")
        try session.waitFor("Ctrl-Q Quit")
        let pid = try session.paneProcess()
        // The kernel's count of the program's write calls; the desk is only read meanwhile.
        func writes() throws -> Int {
            let io = try String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8)
            let line = try #require(io.split(separator: "\n").first { $0.hasPrefix("syscw:") })
            return try #require(Int(line.dropFirst("syscw:".count).trimmingCharacters(in: .whitespaces)))
        }
        for (key, shows) in [("F1", "Help · Accounts"), ("Escape", "Ctrl-Q Quit")] {
            usleep(300_000)                       // after the last update, and Esc's wait for a sequence
            let before = try writes()
            try session.keys(key)
            try session.waitFor(shows)
            usleep(300_000)
            let made = try writes() - before
            #expect(made <= 2, "\(key): \(made) writes")
        }
    }

    @Test func aVanishedTerminalEndsTheProgram() throws {
        let session = TmuxSession()
        defer { session.kill() }
        try session.start("bash -c 'LANG=C.UTF-8 RESELLERDESK_DB=\(cli.db) exec \(CLI.binary)'")
        try session.waitFor("ResellerDesk · Accounts")
        let pid = try session.paneProcess()
        #expect(pid > 0)
        // SIGKILL the tmux server: the terminal vanishes and no hang-up signal is sent on its behalf.
        let server = pid_t(try session.tmux(["display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(server > 0)
        Foundation.kill(server, SIGKILL)
        // Seconds, not the milliseconds it takes here: CI's two cores run other suites beside this one.
        let alive = !TmuxSession.waitForEnd(of: pid, seconds: 10)
        if alive { Foundation.kill(pid, SIGKILL) }
        #expect(!alive, "resellerdesk kept running after its terminal vanished")
    }

    @Test func aFormInProgressSurvivesAHangUp() throws {
        let env = "LANG=C.UTF-8 RESELLERDESK_DB=\(cli.db) XDG_DATA_HOME=\(cli.folder)/data"
        var session = TmuxSession()
        try session.start("bash -c '\(env) exec \(CLI.binary)'")
        try session.waitFor("No accounts yet")
        try session.keys("C-n")
        try session.waitFor("New Account")
        try session.keys("Ελληνικό Νέφος Α.Ε.", "Tab", "Tab", "nefos@example.gr")   // → type → email
        try session.waitFor("nefos@example.gr")
        let pid = try session.paneProcess()
        Foundation.kill(pid, SIGHUP)                                        // the SSH link drops
        _ = TmuxSession.waitForEnd(of: pid, seconds: 10)
        session.kill()
        #expect(FileManager.default.fileExists(atPath: cli.folder + "/data/resellerdesk/drafts/form.json"))

        session = TmuxSession()
        defer { session.kill() }
        try session.start("bash -c '\(env) exec \(CLI.binary)'")
        try session.waitFor("An unsaved New Account form")
        try session.keys("y")
        // The email is drawn after the name: waiting for it, not the name, sees the whole form (a loaded
        // machine once caught the frame half drawn).
        let form = try session.waitFor("nefos@example.gr")
        #expect(form.contains("Ελληνικό Νέφος Α.Ε."))
        for _ in 0..<3 { try session.keys("Tab") }                         // name → type → email → country
        try session.keys("GR", "C-s")
        try session.waitFor("ResellerDesk · ACC-000001 Ελληνικό Νέφος Α.Ε.")
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/data/resellerdesk/drafts/form.json"))
    }

    @Test func anAddContactDialogSurvivesAHangUp() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let env = "LANG=C.UTF-8 RESELLERDESK_DB=\(cli.db) XDG_DATA_HOME=\(cli.folder)/data"
        var session = TmuxSession()
        try session.start("bash -c '\(env) exec \(CLI.binary)'")
        try session.waitFor("ACC-000001")
        try session.keys("Enter")
        try session.waitFor("Onboarding:")
        try session.keys("2", "c")
        try session.waitFor("Add Contact to Aegean Cloud Partners")
        try session.keys("Ελένη", "Tab", "Δημητρίου", "Tab", "eleni@aegean-cloud.example")
        try session.waitFor("eleni@aegean-cloud.example")
        let pid = try session.paneProcess()
        Foundation.kill(pid, SIGHUP)
        _ = TmuxSession.waitForEnd(of: pid, seconds: 10)
        session.kill()

        session = TmuxSession()
        defer { session.kill() }
        try session.start("bash -c '\(env) exec \(CLI.binary)'")
        try session.waitFor("An unsaved contact for Aegean Cloud Partners")
        try session.keys("y")
        let dialog = try session.waitFor("Add Contact to Aegean Cloud Partners")
        #expect(dialog.contains("Δημητρίου") && dialog.contains("eleni@aegean-cloud.example"))
        try session.keys("C-s")
        try session.waitFor("Added Ελένη Δημητρίου")
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/data/resellerdesk/drafts/form.json"))
        let stored = try cli.run(["account", "show", "ACC-000001", "--json"]).object
        #expect((stored["contacts"] as? [[String: Any]])?.contains { $0["email"] as? String == "eleni@aegean-cloud.example" } == true)
    }

    /// Typing a name that starts with commands of old (a, o, q…) only searches; one Enter opens the
    /// match; every section of a large account shows at 80x24, the Orders read page after page; the
    /// section stays for the next account opened; Ctrl-Q leaves without asking.
    @Test func oneEnterOpensTheSearchedAccountAndEverySectionShows() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let service = ResellerService(store: try cli.openStore(), settings: .test)
        let id = try service.findAccount("ACC-000001").id
        for n in 1..<30 {
            var form = ContactForm()
            form.lastName = "Contact \(n)"
            form.email = "contact\(n)@aegean-cloud.example"
            _ = try service.addContact(to: id, form, by: .staff("dora"))
        }
        for n in 1...60 {
            // The fifth goes over the credit limit: Submitted, it waits for staff.
            let line = n == 5 ? OrderRequestLine(productCode: "SETUP-STD", quantity: 40)
                : OrderRequestLine(productCode: "VM-2C4G", quantity: 1)
            _ = try service.placeOrder(accountId: id, customerAccountId: nil, lines: [line], by: .staff("dora"))
        }
        let history = try service.accountCounts(id).history
        let session = TmuxSession()
        defer { session.kill() }
        let done = cli.folder + "/quit.done"
        try session.start("bash -c 'LANG=C.UTF-8 RESELLERDESK_DB=\(cli.db) \(CLI.binary); touch \(done)'")
        try session.waitFor("ACC-000001")
        try session.keys("qaegean")                                        // q and a were commands once
        try session.waitFor("Search: qaegean")
        try session.waitFor("No account matches")
        try session.keys("C-a", "Delete")                                  // the q goes: readline keys edit the search
        try session.waitFor("Search: aegean")
        try session.keys("Enter")
        // Each wait is for the whole of what a section shows: a capture may fall in the middle of a frame.
        // A reseller has nine sections: at 80 columns only the one in view shows its count, the others
        // their short names.
        try session.waitFor("Overview  Contacts Lists Orders Subs Invoices Ledger History Customers")
        try session.waitFor("Onboarding:")
        try session.waitFor("e Edit  $ Payment  s Status  Tab Section")
        try session.keys("Tab")
        try session.waitFor("1 of 30")
        try session.waitFor("contact1@aegean-cloud.example")
        try session.keys("Tab")
        try session.waitFor("1 of 1")
        try session.waitFor("Cloud Essentials EUR")
        try session.waitFor("p Assign  u Unassign")
        try session.keys("Tab")
        try session.waitFor("1 of 60")
        try session.waitFor("ORD-000005 2026")                              // Submitted, waiting for staff: first
        try session.keys("End")                                             // reads the older orders
        try session.keys("End")
        try session.waitFor("60 of 60")
        try session.waitFor("ORD-000001")
        try session.keys("Tab")                                             // Subscriptions: the VMs ordered
        try session.waitFor(" Subs ")
        try session.waitFor("q Quantity  X Cancel")
        try session.keys("Tab")                                             // Invoices: each order's own
        try session.waitFor(" Invoices 59 ")
        try session.waitFor("INV-000059 2026")
        try session.keys("Tab")                                             // the Ledger: each executed order
        try session.waitFor("1 of 59")
        try session.waitFor("Balance")
        try session.keys("Tab")
        try session.waitFor("1 of \(history)")
        try session.waitFor("When")
        try session.waitFor("order place")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Accounts")
        try session.keys("Enter")                                           // the section stays: History
        try session.waitFor("1 of \(history)")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Accounts")
        try session.keys("C-q")
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: done) && Date() < deadline { usleep(20_000) }
        #expect(FileManager.default.fileExists(atPath: done), "Ctrl-Q did not leave")
    }

    /// The first page of accounts is read while ncurses starts, for the lines the kernel gives the pane. ncurses
    /// lets $LINES say otherwise: then that page is not the one the list asks for, and its own is read. The
    /// title counts the rows read, a page as many as the terminal has lines: 30 in a 30-line pane, 26 under
    /// LINES=26 (30 would be the page read for the kernel's lines, kept by mistake).
    @Test func theFirstPageIsReadForTheLinesNcursesUses() throws {
        let add = "for i in $(seq 1 31); do \"$0\" account add --name \"Reseller $i\" --email r$i@example.com "
            + "--country GR > /dev/null || exit 1; done"
        #expect(try cli.run([], launcher: ["/bin/bash", "-c", add]).code == 0)
        for (lines, shown) in [("", "30+ shown"), ("LINES=26", "26+ shown")] {
            let session = TmuxSession()
            defer { session.kill() }
            try session.start("bash -c 'LANG=C.UTF-8 \(lines) RESELLERDESK_DB=\(cli.db) \(CLI.binary)'", height: 30)
            try session.waitFor(shown)
        }
    }

    /// A terminal whose locale is not UTF-8: the first screen says what that does to names and what to set. (The
    /// notice was set before the first page was read, and the page's arrival cleared it: it was never seen.)
    @Test func aTerminalThatIsNotUTF8IsToldOnTheFirstScreen() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let session = TmuxSession()
        defer { session.kill() }
        try session.start("bash -c 'LANG=C LC_ALL=C RESELLERDESK_DB=\(cli.db) \(CLI.binary)'")
        try session.waitFor("ACC-000001")
        try session.waitFor("The terminal is not UTF-8: names outside ASCII show as ?. Set LANG=C.UTF-8.")
    }

    /// An unknown $TERM: one sentence naming it and a value to try, exit 2 (not ncurses' own bare line).
    @Test func anUnknownTermSaysWhatToTry() throws {
        let session = TmuxSession()
        defer { session.kill() }
        let out = cli.folder + "/unknown-term"
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        try session.start("bash -c 'TERM=xterm-unknown LANG=C.UTF-8 RESELLERDESK_DB=\(cli.db) \(CLI.binary) "
                          + "2> \(out).err; echo $? > \(out).tmp; mv \(out).tmp \(out).code'")
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: out + ".code") && Date() < deadline { usleep(20_000) }
        let code = try String(contentsOfFile: out + ".code", encoding: .utf8)
        let err = try String(contentsOfFile: out + ".err", encoding: .utf8)
        #expect(code.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        #expect(err == "The terminal type \"xterm-unknown\" (from TERM) is not known on this machine; "
                + "try `TERM=xterm-256color resellerdesk`.\n")
    }

    /// A desk that cannot be opened (a file that is not one): its message on the shell's screen, exit 3, and the
    /// terminal's modes as the shell had them (a start that overlaps ncurses with the desk must give the screen
    /// back before the message).
    @Test func aDeskThatCannotBeOpenedIsToldOnTheShellsScreen() throws {
        let session = TmuxSession()
        defer { session.kill() }
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        let bad = cli.folder + "/not-a-desk.sqlite"
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: bad))
        try session.start("bash -c 'modes=$(stty -g); LANG=C.UTF-8 RESELLERDESK_DB=\(bad) \(CLI.binary); "
                          + "code=$?; [ \"$(stty -g)\" = \"$modes\" ] && echo modes kept; echo exit $code; sleep 60'")
        try session.waitFor("exit ")
        // Joined (-J): the message is longer than the 80 columns.
        let screen = try session.tmux(["capture-pane", "-p", "-J", "-t", session.name])
        #expect(screen.contains("database: \(bad) is not a ResellerDesk database or is damaged\n"), "\(screen)")
        #expect(screen.contains("modes kept\nexit 3\n"), "\(screen)")
    }

    @Test func aPasteIsTextNeverKeys() throws {
        let session = TmuxSession()
        defer { session.kill() }
        try session.start("bash -c 'LANG=C.UTF-8 RESELLERDESK_DB=\(cli.db) exec \(CLI.binary)'")
        try session.waitFor("No accounts yet")
        try session.keys("C-n")
        try session.waitFor("New Account")
        // A paste with a newline and a "q": inserted into the name, no Enter, no other key fired.
        try session.tmux(["set-buffer", "Γιώργος\nq Παπαδόπουλος"])
        try session.tmux(["paste-buffer", "-p", "-t", session.name])
        let screen = try session.waitFor("Γιώργοςq Παπαδόπουλος")
        #expect(screen.contains("Name *                 Γιώργοςq Παπαδόπουλος"))
        try session.keys("F1")                                              // in a form ? is text: help is F1
        try session.waitFor("Help · New Account")
        try session.keys("Escape")                                          // closes the help, not the form
        try session.waitFor("Γιώργοςq Παπαδόπουλος")
        try session.keys("Escape")
        try session.waitFor("Discard the changes")
        try session.keys("y")
        try session.waitFor("No accounts yet")
    }
}

