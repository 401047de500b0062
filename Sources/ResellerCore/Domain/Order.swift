import Foundation

/// Submitted → Executed, or Canceled (domain.md#orders).
public enum OrderStatus: String, Sendable, Codable { case submitted = "Submitted", executed = "Executed", canceled = "Canceled" }

public enum OrderNumber {
    public static func format(_ id: Int64) -> String {
        let d = String(id)
        return "ORD-" + String(repeating: "0", count: max(0, 6 - d.count)) + d
    }
}

/// One requested line: a product of the reseller's price lists and a quantity.
public struct OrderRequestLine: Sendable, Hashable {
    public var productCode: String
    /// Needed only when the price lists price the code for several periods.
    public var billingPeriod: BillingPeriod?
    public var quantity: Int
    public init(productCode: String, billingPeriod: BillingPeriod? = nil, quantity: Int) {
        self.productCode = productCode; self.billingPeriod = billingPeriod; self.quantity = quantity
    }

    /// "VM-2C4G=2" or "M365-BB:annual=10", as the CLI's `--line` takes it.
    public static func parse(_ text: String, field: String = "line") throws(FieldError) -> OrderRequestLine {
        let expected = "expected CODE=QUANTITY or CODE:monthly|annual|one-time=QUANTITY, like VM-2C4G=2"
        guard let eq = text.lastIndex(of: "=") else { throw FieldError(field, "\"\(text)\": \(expected)") }
        let head = text[..<eq].trimmingCharacters(in: .whitespaces)
        let qty = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        var code = head, period: BillingPeriod?
        if let colon = head.lastIndex(of: ":") {
            code = head[..<colon].trimmingCharacters(in: .whitespaces)
            period = try BillingPeriod.parse(String(head[head.index(after: colon)...]), field: field,
                                             label: "\"\(text)\": the billing period")
        }
        guard !code.isEmpty else { throw FieldError(field, "\"\(text)\": \(expected)") }
        let quantity: Int
        do throws(FieldError) {
            quantity = try Quantity.parse(qty, field: field)
        } catch {
            throw FieldError(field, "\"\(text)\": \(error.message)")
        }
        return OrderRequestLine(productCode: code, billingPeriod: period, quantity: quantity)
    }
}

/// A priced line as the preview shows it and the order stores it.
public struct OrderLine: Sendable, Hashable {
    public var productCode: String
    public var description: String
    public var billingPeriod: BillingPeriod
    public var quantity: Int
    public var unitPrice: Money
    /// What is charged now: the whole first period, or its prorated part.
    public var firstCharge: Money
    public var proration: Proration?
    /// When the first charge is invoiced (Partial Charges Invoicing decides for prorated lines).
    public var invoiceDay: CalendarDay
    public var priceListId: Int64
    public var taxClass: TaxClass = .standard
}

public struct OrderPreview: Sendable, Hashable {
    public var accountId: Int64
    public var customerAccountId: Int64
    public var orderDay: CalendarDay
    public var lines: [OrderLine]
    /// The first charges' nets, the tax they will bear and the gross total the credit check counts
    /// (domain.md#the-seller-and-tax).
    public var net: Money
    public var tax: Money
    public var taxes: [TaxSubtotal]
    public var total: Money
    public var partialChargesInvoicing: PartialChargesInvoicing
    /// nil means Unlimited.
    public var availableCredit: Money?
    /// A free order fits whatever the balance (domain.md#credit: an order totalling 0.00 is valid and executes).
    public var withinCredit: Bool { total.minor == 0 || (availableCredit.map { total.minor <= $0.minor } ?? true) }
}

public struct Order: Sendable, Hashable {
    public let id: Int64
    public var accountId: Int64
    public var customerAccountId: Int64
    public var customerName: String
    public var status: OrderStatus
    /// Gross: the first charges with their tax (the nets alone for an order placed before tax, whose `net` and
    /// `tax` are nil).
    public var total: Money
    public var net: Money?
    public var tax: Money?
    public var orderDay: CalendarDay
    public var createdAt: Date
    public var placedBy: String
    public var lines: [OrderLine]
    /// The tax per category and rate its preview showed (empty for an order placed before tax).
    public var taxes: [TaxSubtotal] = []
    public var number: String { OrderNumber.format(id) }
}
