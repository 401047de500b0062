@testable import ResellerCore

/// Three lists as the picker receives them: one valid from a day, one in another currency, one expired.
extension PriceList {
    static let samples = [
        PriceList(id: 1, name: "Cloud Essentials EUR", currency: "EUR",
                  validFrom: CalendarDay(year: 2026, month: 1, day: 1), validTo: nil,
                  active: true, description: nil, itemCount: 15),
        PriceList(id: 2, name: "Cloud Essentials USD", currency: "USD", validFrom: nil, validTo: nil, active: true,
                  description: nil, itemCount: 8),
        PriceList(id: 3, name: "Legacy Hosting 2024 EUR", currency: "EUR", validFrom: nil,
                  validTo: CalendarDay(year: 2024, month: 12, day: 31), active: false, description: nil, itemCount: 2),
    ]
}
