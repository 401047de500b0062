/// One rate of the desk's table: a country's rate for a class from a day on, until the next rate of the same
/// country and class (domain.md#the-seller-and-tax: the rate in force on the invoice date applies).
public struct TaxRate: Sendable, Hashable, Codable {
    public var country: String
    public var taxClass: TaxClass
    public var rate: TaxPercent
    public var from: CalendarDay

    public init(country: String, taxClass: TaxClass, rate: TaxPercent, from: CalendarDay) {
        self.country = country; self.taxClass = taxClass; self.rate = rate; self.from = from
    }
}

/// The rates of the desk, looked up by country, class and day. Pure: storage reads the table once per run.
public struct TaxRateTable: Sendable, Hashable {
    /// Country → class → rates, newest first.
    private var byKey: [String: [TaxClass: [TaxRate]]] = [:]

    public init(_ rates: [TaxRate]) {
        for r in rates { byKey[r.country, default: [:]][r.taxClass, default: []].append(r) }
        for (country, classes) in byKey {
            for (c, list) in classes { byKey[country]![c] = list.sorted { $0.from > $1.from } }
        }
    }

    /// The rate of `country` for `taxClass` in force on `day`. A `zero` item is 0 % and an `exempt` one has no
    /// rate anywhere, so neither needs a row.
    public func rate(_ country: String, _ taxClass: TaxClass, on day: CalendarDay) throws(FieldError) -> TaxPercent {
        switch taxClass {
        case .zero, .exempt: return .zero
        case .standard, .reduced: break
        }
        guard let r = byKey[country]?[taxClass]?.first(where: { $0.from <= day }) else {
            let name = Country.named(country)?.name ?? country
            throw FieldError("taxRate", "no \(taxClass.rawValue) tax rate of \(name) is in force on \(day); set one "
                             + "with `resellerdesk tax rate set \(country) \(taxClass.rawValue) RATE --from DATE`")
        }
        return r.rate
    }
}
