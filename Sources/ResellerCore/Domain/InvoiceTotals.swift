/// One row of an invoice's tax breakdown: the lines of one category and rate, their summed nets and the tax on
/// that sum (EN 16931 BG-23).
public struct TaxSubtotal: Sendable, Hashable, Codable {
    public var category: TaxCategory
    public var rate: TaxPercent
    public var taxable: Money
    public var tax: Money
    /// The exemption reason or the note (reverse charge, not subject to VAT); nil for a taxed category.
    public var reason: String?

    public init(category: TaxCategory, rate: TaxPercent, taxable: Money, tax: Money, reason: String?) {
        self.category = category; self.rate = rate; self.taxable = taxable; self.tax = tax; self.reason = reason
    }

    /// "VAT S 24 % on 100.00", beside its tax.
    public var label: String { "VAT \(category.label(rate)) on \(taxable.decimalString)" }
}

extension [TaxSubtotal] {
    /// The notes a document prints under its totals: each distinct reason of its breakdown, in its order.
    public var notes: [String] {
        var seen = Set<String>()
        return compactMap(\.reason).filter { seen.insert($0).inserted }
    }

    /// The reason the breakdown gives a category and rate (a line's tax is read back with it).
    public func reason(_ category: TaxCategory, _ rate: TaxPercent) -> String? {
        first { $0.category == category && $0.rate == rate }?.reason
    }
}

/// An invoice's or a credit note's amounts (domain.md#the-seller-and-tax, "Amounts"): per category and rate the
/// taxable amount is the sum of its lines' nets and the tax is that sum × the rate, rounded half up once
/// (BR-CO-17, never per line); the total is the nets plus the taxes. Pure.
public struct InvoiceTotals: Sendable, Hashable {
    public var taxes: [TaxSubtotal]
    public var net: Money
    public var tax: Money
    public var total: Money

    /// `lines` each with its treatment; subtotals ordered by category, then by rate, highest first.
    public init(lines: [(net: Money, tax: TaxTreatment)], currency: String) throws(FieldError) {
        struct Key: Hashable { var category: TaxCategory, rate: TaxPercent }
        var sums: [Key: Int64] = [:], reasons: [Key: String] = [:], order: [Key] = []
        var net: Int64 = 0
        for line in lines {
            let key = Key(category: line.tax.category, rate: line.tax.rate)
            if sums[key] == nil { order.append(key) }
            sums[key] = try Self.add(sums[key] ?? 0, line.net.minor)
            if reasons[key] == nil, let r = line.tax.reason { reasons[key] = r }
            net = try Self.add(net, line.net.minor)
        }
        let categories = TaxCategory.allCases
        order.sort { a, b in
            a.category == b.category ? a.rate > b.rate
                : categories.firstIndex(of: a.category)! < categories.firstIndex(of: b.category)!
        }
        var taxes: [TaxSubtotal] = [], tax: Int64 = 0
        for key in order {
            guard let t = key.rate.tax(on: sums[key]!) else { throw Self.outOfRange }
            taxes.append(TaxSubtotal(category: key.category, rate: key.rate,
                                     taxable: Money(minor: sums[key]!, currency: currency),
                                     tax: Money(minor: t, currency: currency), reason: reasons[key]))
            tax = try Self.add(tax, t)
        }
        self.taxes = taxes
        self.net = Money(minor: net, currency: currency)
        self.tax = Money(minor: tax, currency: currency)
        self.total = Money(minor: try Self.add(net, tax), currency: currency)
    }

    private static let outOfRange = FieldError("amount", "the invoice total is out of range")

    private static func add(_ a: Int64, _ b: Int64) throws(FieldError) -> Int64 {
        let (s, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw outOfRange }
        return s
    }
}
