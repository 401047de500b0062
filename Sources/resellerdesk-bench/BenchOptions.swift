import Foundation

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
            case "--search-only": o.searchOnly = true; o.keep = true
            case "--messages": guard let n = Int(value()), n > 0 else { fail("--messages takes a positive whole number") }; o.messages = n
            case "-h", "--help":
                print("""
                    usage: resellerdesk-bench [--accounts N] [--batch N] [--dir DIR] [--keep] [--search-only]
                           resellerdesk-bench billing [--accounts N] [--documents] [--dir DIR] [--keep]
                           resellerdesk-bench mail [--messages N] [--dir DIR]
                           resellerdesk-bench collections [--accounts N] [--overdue M] [--import E] [--dir DIR]
                    """)
                exit(0)
            default: fail("unknown option \(args[i])")
            }
            i += 1
        }
        guard o.accounts > 0, o.batch > 0 else { fail("--accounts and --batch must be positive") }
        return o
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("resellerdesk-bench: \(message)\n".utf8))
    exit(2)
}
