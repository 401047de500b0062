import Foundation
import ResellerCore

struct BenchOptions {
    var accounts = 1_000_000
    var batch = 2_000
    var dir: String?
    var keep = false
    var mail = false
    var billing = false
    var documents = false
    var accountsGiven = false
    var searchOnly = false
    var messages = 10_000
    var collections = false
    var overdue = 20_000
    var importEntries = 10_000
    /// A PostgreSQL server (a postgresql:// URL whose login may create databases): the desk is a database there.
    var postgresql: String?
    var processes = 1
    /// `billing-run --db LOCATION`: one process of `billing --processes N`.
    var billingRunOn: String?

    static func parse(_ args: [String]) -> BenchOptions {
        var o = BenchOptions()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--accounts":
                guard let n = Int(value()) else { fail("--accounts takes a whole number") }
                o.accounts = n
                o.accountsGiven = true
            case "--batch": guard let n = Int(value()) else { fail("--batch takes a whole number") }; o.batch = n
            case "--dir": o.dir = value()
            case "--keep": o.keep = true
            case "mail": o.mail = true
            case "billing": o.billing = true
            case "collections": o.collections = true
            case "--overdue":
                guard let n = Int(value()), n > 0 else { fail("--overdue takes a positive whole number") }
                o.overdue = n
            case "--import":
                guard let n = Int(value()), n >= 0 else { fail("--import takes a whole number") }
                o.importEntries = n
            case "--documents": o.documents = true
            case "--postgresql":
                o.postgresql = value()
                guard DatabaseLocation.isPostgres(o.postgresql!) else {
                    fail("--postgresql takes a postgresql:// URL of a server where this login may create databases")
                }
            case "--processes":
                guard let n = Int(value()), (1...8).contains(n) else { fail("--processes takes 1 to 8") }
                o.processes = n
            case "billing-run":
                guard i + 2 < args.count, args[i + 1] == "--db" else { fail("billing-run takes --db LOCATION") }
                o.billingRunOn = args[i + 2]
                i += 2
            case "--search-only": o.searchOnly = true; o.keep = true
            case "--messages": guard let n = Int(value()), n > 0 else { fail("--messages takes a positive whole number") }; o.messages = n
            case "-h", "--help":
                print("""
                    usage: resellerdesk-bench [--accounts N] [--batch N] [--dir DIR] [--keep] [--search-only]
                                             [--postgresql SERVER_URL]
                           resellerdesk-bench billing [--accounts N] [--documents] [--dir DIR] [--keep]
                                                      [--postgresql SERVER_URL] [--processes N]
                           resellerdesk-bench mail [--messages N] [--dir DIR]
                           resellerdesk-bench collections [--accounts N] [--overdue M] [--import E] [--dir DIR]
                    """)
                exit(0)
            default: fail("unknown option \(args[i])")
            }
            i += 1
        }
        guard o.accounts > 0, o.batch > 0 else { fail("--accounts and --batch must be positive") }
        if o.processes > 1 && !o.billing { fail("--processes is for the billing benchmark (billing --processes N)") }
        if o.postgresql != nil && (o.mail || o.collections || o.documents) {
            fail("--postgresql measures the accounts and billing benchmarks; mail, collections and --documents "
                 + "run on SQLite")
        }
        return o
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("resellerdesk-bench: \(message)\n".utf8))
    exit(2)
}
