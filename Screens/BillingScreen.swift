import ResellerCore
import TerminalKit

/// What one billing run issued, as the Billing screen reports it: each invoice with its account, its net, VAT
/// and gross total, the same three per currency, and the accounts it could not bill, each with why.
public struct BillingRunSummary: Sendable, Equatable {
    public struct Issued: Sendable, Equatable {
        public var number: String
        public var accountCode: String
        public var date: CalendarDay
        public var net: Money
        public var tax: Money
        /// Gross: what the account's ledger is debited.
        public var total: Money
    }
    public var through: CalendarDay
    public var invoices: [Issued]
    public var accounts: Int
    /// Per currency, sorted by currency code (the same currencies in each).
    public var nets: [Money]
    public var taxes: [Money]
    public var totals: [Money]
    public var failures: [String]

    public init(_ report: BillingRunReport, through: CalendarDay) {
        self.through = through
        invoices = report.invoices.map { i in
            Issued(number: i.number, accountCode: AccountCode.format(i.draft.billedAccountId), date: i.draft.date,
                   net: i.draft.amounts.net, tax: i.draft.amounts.tax, total: i.draft.total)
        }
        accounts = Set(report.invoices.map(\.draft.billedAccountId)).count
        nets = BillingRunSummary.totals(invoices.map(\.net))
        taxes = BillingRunSummary.totals(invoices.map(\.tax))
        totals = BillingRunSummary.totals(invoices.map(\.total))
        failures = report.failures.map { "\(AccountCode.format($0.accountId)): \($0.message)" }
    }

    /// Sums per currency, sorted by currency code.
    static func totals(_ amounts: [Money]) -> [Money] {
        var sums: [String: Int64] = [:]
        for m in amounts { sums[m.currency, default: 0] += m.minor }
        return sums.keys.sorted().map { Money(minor: sums[$0]!, currency: $0) }
    }
}

/// The desk's billing run, from Accounts: the forecast of a run through a day (default today: accounts,
/// invoices and gross totals per currency, and the accounts it could not bill), `r` to run it after a
/// question, a progress line while it runs, then the report of what it issued, net, VAT and gross. Running
/// again issues nothing twice.
public struct BillingScreen: Screen {
    public enum Action: Sendable, Hashable { case run, through, reload, back, help, move(ListCursor.Move) }
    public enum Effect: Sendable, Equatable {
        case run(through: CalendarDay)
        /// The dialog for the day, over the current one.
        case chooseThrough(CalendarDay)
        case reload(through: CalendarDay)
        case back, help
    }

    public private(set) var through: CalendarDay
    public private(set) var forecast: BillingForecast?
    public private(set) var report: BillingRunSummary?
    /// Accounts billed and to bill, while the run is on.
    public private(set) var progress: (done: Int, total: Int)?
    public private(set) var notice: String?
    private var confirming: (question: String, effect: Effect)?
    private var scroll = ListCursor()

    public init(through: CalendarDay, forecast: BillingForecast?, notice: String? = nil) {
        self.through = through
        self.forecast = forecast
        self.notice = notice
    }

    public static let keys: [Binding<Action>] = [
        Binding([.char("r")], "Run", help: "run the billing through the day shown (asks first): each invoice is "
                + "numbered, debited and emailed; a period is never invoiced twice", .run),
        Binding([.char("t")], "Through", help: "choose the last day to bill (YYYY-MM-DD; default today)", .through),
        Binding([.ctrl("r")], "Forecast", help: "read the forecast again", .reload),
        Binding([.escape], "Back", help: "back to the accounts", .back),
        Binding([.char("?"), .function(1)], "Help", help: "this help", .help),
    ] + ListCursor.bindings([.down: "scroll down", .up: "scroll up", .pageDown: "a page down", .pageUp: "a page up",
                             .first: "the top", .last: "the end"], spacePages: true, Action.move)

    public var bindings: [Binding<Action>] {
        Self.keys.map { b in
            guard b.action == .run else { return b }
            if report != nil { return b.disabled("The run is done: Ctrl-R reads the forecast again.") }
            guard let f = forecast else { return b.disabled("No forecast was read: Ctrl-R reads it.") }
            return b.disabled(f.invoices == 0 ? "Nothing is due through \(through): the run would issue no "
                              + "invoice." : nil)
        }
    }

    public var help: HelpScreen {
        HelpScreen(title: "Billing", bindings: bindings,
                   notes: ["The forecast issues nothing. A run can be repeated: what it issued is not issued again, "
                           + "and `resellerdesk billing run` is the same run from a script."])
    }

    /// The forecast read again (a new day, or after the run): the report gives way to it.
    public mutating func show(_ forecast: BillingForecast, notice: String? = nil) {
        through = forecast.through
        self.forecast = forecast
        report = nil
        progress = nil
        scroll = ListCursor()
        self.notice = notice
    }

    public mutating func failed(_ message: String) {
        progress = nil
        notice = message
    }

    /// The run has billed `done` of `total` accounts.
    public mutating func progressed(_ done: Int, of total: Int) {
        progress = (done, total)
        notice = nil
    }

    public mutating func finished(_ summary: BillingRunSummary) {
        report = summary
        progress = nil
        scroll = ListCursor()
        notice = nil
    }

    public mutating func update(_ key: Key, height: Int) -> [Effect] {
        let pressed = Binding.press(key, in: bindings, asked: &confirming, declined: "Not run.", notice: &notice)
        guard case .act(let action) = pressed else { return pressed.effects }
        switch action {
        case .back: return [.back]
        case .help: return [.help]
        case .reload: return [.reload(through: through)]
        case .through: return [.chooseThrough(through)]
        case .run:
            let f = forecast!
            confirming = ("Run the billing through \(through)? It issues \(f.invoices) invoice"
                          + "\(f.invoices == 1 ? "" : "s") to \(f.accounts) account\(f.accounts == 1 ? "" : "s") "
                          + "(\(Self.list(f.totals)) incl. VAT) and emails them. y/n", .run(through: through))
        case .move(let move): scroll.scroll(move, count: lines.count, page: Self.rows(height))
        }
        return []
    }

    static func list(_ totals: [Money]) -> String {
        totals.isEmpty ? "0.00" : totals.map(\.display).joined(separator: ", ")
    }

    /// The body: the forecast, or the report once the run is done. Every total is gross (the drafts are taxed
    /// as the run will tax them), with its net and VAT beside it.
    var lines: [(text: String, style: CellStyle)] {
        var out: [(String, CellStyle)] = []
        func row(_ label: String, _ value: String) {
            out.append(("  " + DisplayWidth.pad(label, to: 18) + value, .normal))
        }
        func totals(_ sums: [String]) {
            row(TaxedTotal.column, sums.first ?? "0.00")
            for m in sums.dropFirst() { out.append((String(repeating: " ", count: 20) + m, .normal)) }
        }
        func failures(_ list: [String]) {
            row("Failures", list.isEmpty ? "none" : "\(list.count): not billed, the others are")
            out += list.map { ("    " + $0, .warning) }
        }
        if let r = report {
            out.append(("Billing run through \(r.through): done", .key))
            out.append(("", .normal))
            let range = r.invoices.isEmpty ? "" : r.invoices.count == 1 ? " (\(r.invoices[0].number))"
                : " (\(r.invoices.first!.number) – \(r.invoices.last!.number))"
            row("Invoices issued", "\(r.invoices.count)\(range)")
            row("Accounts billed", "\(r.accounts)")
            totals(zip(r.totals, zip(r.nets, r.taxes)).map { total, parts in
                TaxedTotal.breakdown(net: parts.0, tax: parts.1, total: total)
            })
            failures(r.failures)
            if !r.invoices.isEmpty {
                func amounts(_ net: String, _ tax: String, _ total: String) -> String {
                    DisplayWidth.pad(net, to: 12, alignRight: true) + DisplayWidth.pad(tax, to: 10, alignRight: true)
                        + DisplayWidth.pad(total, to: 17, alignRight: true)
                }
                out.append(("", .normal))
                out.append(("Invoices:" + String(repeating: " ", count: 27) + amounts("Net", "VAT", TaxedTotal.column),
                            .key))
                out += r.invoices.map { i in
                    ("  \(i.number)  \(i.accountCode)  \(i.date)"
                     + amounts(TaxedTotal.amount(i.net), TaxedTotal.amount(i.tax), i.total.display), .normal)
                }
            }
        } else if let f = forecast {
            out.append(("Forecast of a run through \(f.through): nothing is issued yet", .key))
            out.append(("", .normal))
            row("Accounts to bill", "\(f.accounts)")
            row("Invoices", "\(f.invoices)")
            totals(zip(f.totals, zip(f.nets, f.taxes)).map { TaxedTotal.breakdown(net: $1.0, tax: $1.1, total: $0) })
            failures(f.failures)
        }
        return out
    }

    /// Rows for the body: all but the title, the status lines and the footer.
    static func rows(_ height: Int) -> Int { max(1, height - 5) }

    public func render(width: Int, height: Int) -> Grid {
        var g = Grid(width: width, height: height)
        g.titleBar("ResellerDesk · Billing", right: "through \(through)")
        for (i, line) in lines.dropFirst(scroll.top).prefix(Self.rows(height)).enumerated() {
            g.put(line.text, x: 1, y: 2 + i, style: line.style, maxWidth: width - 2)
        }
        let statusY = height - 2
        if let confirming {
            g.statusLine(.question(confirming.question), y: statusY)
        } else if let progress {
            g.fill(x: 0, y: statusY, width: width, style: .warning)
            g.put("Billing \(progress.done)/\(progress.total) accounts…", x: 1, y: statusY, style: .warning)
        } else if let notice {
            g.statusLine(.notice(notice), y: statusY)
        } else if report == nil, let f = forecast {
            let hint = f.invoices == 0 ? "Nothing is due through \(through); t chooses another day."
                : "r runs it (numbers, debits and emails each invoice); t chooses another day."
            g.put(hint, x: 1, y: statusY, style: .muted, maxWidth: width - 2)
        }
        g.footer(bindings, y: height - 1)
        return g
    }
}
