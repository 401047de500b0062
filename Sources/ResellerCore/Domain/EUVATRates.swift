/// The standard and one reduced VAT rate of each of the EU's 27 member states in force on 2026-01-01, which a
/// new desk starts from (domain.md#the-seller-and-tax: "editable"; staff change them with `tax rate set`).
///
/// Source: European Commission, "VAT rates applied in the Member States of the European Union", situation at
/// 1 January 2026 (taxation-customs.ec.europa.eu). Countries by ISO 3166-1 code (Greece is GR here; only VAT
/// IDs say EL). The desk has one reduced class, so where a state has several reduced rates the higher one is
/// given; the comments name the others and the changes of 2024-2026.
public enum EUVATRates {
    /// The day the table describes, which its rates are in force from.
    public static let inForce = CalendarDay(year: 2026, month: 1, day: 1)!

    /// Rates as decimal strings, in percent ("24", "5.5", "25.5").
    public static let rates: [(country: String, standard: String, reduced: String)] = [
        ("AT", "20", "13"),     // also 10
        ("BE", "21", "12"),     // also 6
        ("BG", "20", "9"),
        ("CY", "19", "9"),      // also 5 and 3
        ("CZ", "21", "12"),     // one reduced rate since 2024-01-01 (15 and 10 merged)
        ("DE", "19", "7"),
        ("DK", "25", "25"),     // Denmark has no reduced rate: its "reduced" class is the standard 25
        ("EE", "24", "13"),     // standard 24 from 2025-07-01; 13 (accommodation, from 2025-01-01), also 9
        ("ES", "21", "10"),     // also 4
        ("FI", "25.5", "13.5"), // standard 25.5 from 2024-09-01; 14 lowered to 13.5 on 2026-01-01; also 10
        ("FR", "20", "10"),     // also 5.5 and 2.1
        ("GR", "24", "13"),     // also 6
        ("HR", "25", "13"),     // also 5
        ("HU", "27", "18"),     // also 5
        ("IE", "23", "13.5"),   // also 9 and 4.8
        ("IT", "22", "10"),     // also 5 and 4
        ("LT", "21", "12"),     // 9 raised to 12 on 2026-01-01; also 5
        ("LU", "17", "14"),     // also 8 and 3
        ("LV", "21", "12"),     // also 5
        ("MT", "18", "7"),      // also 5
        ("NL", "21", "9"),
        ("PL", "23", "8"),      // also 5
        ("PT", "23", "13"),     // also 6 (mainland rates)
        ("RO", "21", "11"),     // from 2025-08-01 (19, and 9 and 5 merged into 11)
        ("SE", "25", "12"),     // also 6
        ("SI", "22", "9.5"),    // also 5
        ("SK", "23", "19"),     // from 2025-01-01; also 5
    ]
}
