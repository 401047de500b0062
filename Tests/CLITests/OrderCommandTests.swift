import Foundation
import Testing
import DeskTestSupport

/// `order place`: staff order on a reseller's behalf with the storefront's rules; `order execute` above the
/// credit only with `--above-credit`.
@Suite struct OrderCommandTests {
    let cli = CLI()

    @Test func placeExecuteAndRefuse() throws {
        let add = try cli.run(["account", "add", "--name", "Aegean", "--email", "a@aegean.example", "--country", "GR",
                               "--type", "Reseller", "--ordering", "--credit-limit", "100", "--reselling"])
        #expect(add.code == 0, "\(add.err)")
        let csv = cli.folder + "/list.csv"
        try "code,description,billing_period,price\nVM,VM,monthly,31.00\nVM,VM,annual,300\nSETUP,Setup,one-time,150\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try cli.run(["pricelist", "import", csv, "--name", "Core EUR", "--currency", "EUR"]).code == 0)
        #expect(try cli.run(["account", "assign-pricelist", "1", "Core EUR"]).code == 0)

        let placed = try cli.run(["order", "place", "ACC-000001", "--line", "vm:monthly=2", "--json"])
        #expect(placed.code == 0, "\(placed.err)")
        #expect(placed.object["status"] as? String == "Executed")
        #expect(placed.object["total"] as? String == "62.00")
        let lines = try #require(placed.object["lines"] as? [[String: Any]])
        #expect(lines.first?["billingPeriod"] as? String == "monthly")

        // Above the available credit (38.00 left): accepted as Submitted, executed only when confirmed.
        let submitted = try cli.run(["order", "place", "1", "--line", "SETUP=1"])
        #expect(submitted.code == 0)
        #expect(submitted.out.contains("ORD-000002 Submitted: 150.00 EUR"))
        let refused = try cli.run(["order", "execute", "ORD-000002"])
        #expect(refused.code == 1)
        #expect(refused.err.contains("or confirm executing it above the credit"))
        #expect(try cli.run(["order", "execute", "ORD-000002", "--above-credit"]).out.contains("executed"))

        // Every bad line is named at once; nothing is placed.
        let bad = try cli.run(["order", "place", "1", "--line", "VM", "--line", "VM:weekly=1", "--line", "VM:annual=0"])
        #expect(bad.code == 1)
        #expect(bad.err.contains("\"VM\": expected CODE=QUANTITY"))
        #expect(bad.err.contains("monthly, annual or one-time, not \"weekly\""))
        #expect(bad.err.contains("\"VM:annual=0\": quantity must be a whole number from 1 to 100000, not \"0\""))
        #expect(try cli.run(["order", "place", "1"]).err.contains("give at least one --line"))
        let both = try cli.run(["order", "place", "1", "--line", "VM=1"])
        #expect(both.err.contains("VM is priced annual and monthly; choose one"))
        #expect(try cli.run(["order", "place", "1", "--line", "SETUP=1", "--for", "ACC-000099"]).code != 0)
        let orders = try #require(try cli.run(["order", "list", "--account", "1", "--json"]).json as? [[String: Any]])
        #expect(orders.count == 2)
    }
}

@Suite struct PriceListCommandTests {
    let cli = CLI()

    @Test func updateAndReplace() throws {
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        let csv = cli.folder + "/list.csv"
        try "code,description,billing_period,price\nVM,VM,monthly,31.00\n".write(toFile: csv, atomically: true,
                                                                                 encoding: .utf8)
        #expect(try cli.run(["pricelist", "import", csv, "--name", "Core EUR", "--currency", "EUR"]).code == 0)
        let updated = try cli.run(["pricelist", "update", "Core EUR", "--name", "Core EUR 2027",
                                   "--valid-to", "2027-12-31", "--inactive", "--json"])
        #expect(updated.code == 0, "\(updated.err)")
        #expect(updated.object["name"] as? String == "Core EUR 2027")
        #expect(updated.object["active"] as? Bool == false)
        let bad = try cli.run(["pricelist", "update", "Core EUR 2027", "--valid-from", "2028-01-01"])
        #expect(bad.code == 1)
        #expect(bad.err.contains("valid to (2027-12-31) must not be before valid from (2028-01-01)"))

        try "code,description,billing_period,price\nVM,VM,monthly,33.00\nIP,IP,monthly,2\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let replaced = try cli.run(["pricelist", "import", csv, "--replace", "Core EUR 2027", "--json"])
        #expect(replaced.code == 0, "\(replaced.err)")
        #expect(replaced.object["itemCount"] as? Int == 2)
        let mixed = try cli.run(["pricelist", "import", csv, "--replace", "Core EUR 2027", "--currency", "USD"])
        #expect(mixed.code == 1)
        #expect(mixed.err.contains("--replace changes only the items; --currency belong to `pricelist update`"))
        #expect(try cli.run(["pricelist", "import", csv]).err.contains("a new price list needs --name and --currency"))
        #expect(try cli.run(["pricelist", "show", "Core EUR 2027"]).out.contains("Used by no account."))
    }
}

@Suite struct AccountStatusCommandTests {
    let cli = CLI()

    @Test func suspendResumeCloseAndList() throws {
        for name in ["Aegean", "Ionian"] {
            #expect(try cli.run(["account", "add", "--name", name, "--email", "a@\(name.lowercased()).example",
                                 "--country", "GR"]).code == 0)
        }
        let suspended = try cli.run(["account", "suspend", "ACC-000001", "--reason", "unpaid", "--json"])
        #expect(suspended.code == 0, "\(suspended.err)")
        #expect(suspended.object["status"] as? String == "suspended")
        #expect(suspended.object["statusReason"] as? String == "unpaid")
        #expect(try cli.run(["account", "suspend", "1"]).err.contains("--reason"))
        #expect(try cli.run(["account", "suspend", "1", "--reason", "again"]).err
                    .contains("status: ACC-000001 is already suspended"))
        #expect(try cli.run(["account", "resume", "1", "--reason", "paid"]).code == 0)
        #expect(try cli.run(["account", "close", "2", "--reason", "contract ended"]).code == 0)

        func listed(_ extra: [String]) throws -> [String] {
            let rows = try #require(try cli.run(["account", "list", "--json"] + extra).json as? [[String: Any]])
            return rows.compactMap { $0["code"] as? String }
        }
        #expect(try listed([]) == ["ACC-000001"])
        #expect(try listed(["--status", "closed"]) == ["ACC-000002"])
        #expect(try listed(["--status", "all"]) == ["ACC-000001", "ACC-000002"])
        let bad = try cli.run(["account", "list", "--status", "gone"])
        #expect(bad.code == 2)
        #expect(bad.err.contains("--status must be active, suspended, closed or all, not \"gone\""))
    }
}

@Suite struct ContactCommandTests {
    let cli = CLI()

    @Test func editRemoveEnableAndSetAccess() throws {
        #expect(try cli.run(["account", "add", "--name", "Aegean", "--email", "a@aegean.example", "--country", "GR"])
                    .code == 0)
        #expect(try cli.run(["contact", "add", "1", "--last-name", "Oikonomou", "--email", "maria@aegean.exmaple",
                             "--storefront"]).code == 0)
        let edited = try cli.run(["contact", "edit", "maria@aegean.exmaple", "--email", "maria@aegean.example",
                                  "--first-name", "Maria", "--bill-to", "--json"])
        #expect(edited.code == 0, "\(edited.err)")
        #expect(edited.object["email"] as? String == "maria@aegean.example")
        #expect(edited.object["billTo"] as? Bool == true)
        #expect(edited.object["lastName"] as? String == "Oikonomou")   // untouched
        let mail = try #require(try cli.run(["mail", "list", "--json"]).json as? [[String: Any]])
        #expect(mail.contains { $0["to"] as? String == "maria@aegean.example" && $0["status"] as? String == "queued" })

        let access = try cli.run(["contact", "set-access", "maria@aegean.example", "--type", "user",
                                  "--roles", "buyer,billing-agent", "--json"])
        #expect(access.code == 0, "\(access.err)")
        #expect(access.object["userType"] as? String == "User")
        #expect(access.object["roles"] as? [String] == ["Billing Agent", "Buyer"])
        let unknown = try cli.run(["contact", "set-access", "maria@aegean.example", "--type", "user",
                                   "--roles", "boss"])
        #expect(unknown.code == 1)
        #expect(unknown.err.contains("unknown role(s) boss; roles are billing-agent, subscriptions-manager, buyer, "
                                     + "cloud-administrator"))
        #expect(try cli.run(["contact", "set-access", "maria@aegean.example", "--type", "root"]).err
                    .contains("--type must be admin or user"))

        #expect(try cli.run(["contact", "deactivate", "maria@aegean.example"]).code == 0)
        #expect(try cli.run(["contact", "enable-storefront", "maria@aegean.example"]).out
                    .contains("pending activation"))
        #expect(try cli.run(["contact", "remove", "maria@aegean.example"]).code == 0)
        let shown = try cli.run(["account", "show", "1", "--json"]).object
        #expect((shown["contacts"] as? [[String: Any]])?.isEmpty == true)
        #expect(try cli.run(["contact", "remove", "maria@aegean.example"]).code == 1)
    }
}
