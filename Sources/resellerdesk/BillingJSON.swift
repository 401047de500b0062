import Foundation
import ResellerCore

/// The JSON shapes of billing (issue #12): dates YYYY-MM-DD, money as decimal strings, absent values null.
extension JSONValues {
    static func subscription(_ s: Subscription, on day: CalendarDay) -> [String: Any] {
        ["id": s.id, "billedAccountId": s.billedAccountId, "billedAccount": AccountCode.format(s.billedAccountId),
         "forAccountId": s.forAccountId, "forAccountName": s.forAccountName,
         "orderNumber": s.orderId.map(OrderNumber.format) ?? NSNull(), "productCode": s.productCode,
         "description": s.description, "billingPeriod": s.period.rawValue, "quantity": s.quantity(on: day),
         // A lowering waits for the next period: scripts see both the units now and those to come.
         "pendingQuantity": s.pendingStep(after: day)?.quantity ?? NSNull(),
         "pendingFrom": s.pendingStep(after: day)?.from.description ?? NSNull(),
         "unitPrice": s.unitPrice.decimalString, "currency": s.unitPrice.currency, "start": s.start.description,
         "nextBillingDate": s.nextBillingDate.description, "endDate": s.endDate?.description ?? NSNull(),
         "status": s.status.rawValue]
    }

    /// An issued invoice; without its number it is a preview's draft.
    static func invoice(number: String?, _ d: InvoiceDraft) -> [String: Any] {
        ["number": number ?? NSNull(), "billedAccountId": d.billedAccountId,
         "billedAccount": AccountCode.format(d.billedAccountId), "forAccountId": d.forAccountId ?? NSNull(),
         "date": d.date.description, "dueDate": d.dueDate.description, "currency": d.total.currency,
         "paymentReference": number.flatMap { PaymentReference(number: $0)?.text } ?? NSNull(),
         "lines": d.lines.map(invoiceLine)].merging(amounts(d.amounts)) { $1 }
    }

    /// net, tax, total, the breakdown and the notes (domain.md#the-seller-and-tax); a document from before tax
    /// says so and has no breakdown.
    static func amounts(_ a: TaxedAmounts) -> [String: Any] {
        ["net": a.net.decimalString, "tax": a.tax.decimalString, "total": a.total.decimalString,
         "taxes": a.taxes.map(taxSubtotal), "notes": a.notes, "issuedBeforeTax": a.issuedBeforeTax,
         "buyerVatId": a.buyerVATId ?? NSNull(),
         "seller": a.seller.map { s in ["name": s.name ?? NSNull(), "vatId": s.vatId ?? NSNull(),
                                         "country": s.country ?? NSNull()] as [String: Any] } ?? NSNull()]
    }

    static func taxSubtotal(_ t: TaxSubtotal) -> [String: Any] {
        ["category": t.category.rawValue, "rate": t.rate.description, "taxableAmount": t.taxable.decimalString,
         "taxAmount": t.tax.decimalString, "reason": t.reason ?? NSNull()]
    }

    /// The tax an account gets today (`account show`): category, rate and reason.
    static func taxTreatment(_ t: TaxTreatment) -> [String: Any] {
        ["category": t.category.rawValue, "rate": t.rate.description, "reason": t.reason ?? NSNull()]
    }

    /// An invoice as listed or shown: with what is paid of it and its status (Open, Paid, Overdue).
    static func settledInvoice(_ i: Invoice) -> [String: Any] {
        var v = invoice(number: i.number, i.draft)
        v["status"] = i.status?.rawValue ?? NSNull()
        v["paid"] = i.paid?.decimalString ?? NSNull()
        return v
    }

    static func creditNote(_ n: CreditNote) -> [String: Any] {
        ["number": n.number, "billedAccountId": n.draft.billedAccountId,
         "billedAccount": AccountCode.format(n.draft.billedAccountId), "forAccountId": n.draft.forAccountId,
         "date": n.draft.date.description, "currency": n.draft.total.currency,
         "creditedInvoice": n.draft.creditedInvoiceNumber ?? NSNull(),
         "lines": n.draft.lines.map(invoiceLine)].merging(amounts(n.draft.amounts)) { $1 }
    }

    static func invoiceLine(_ l: InvoiceLine) -> [String: Any] {
        ["for": l.forAccountName, "forAccountId": l.forAccountId, "code": l.productCode,
         "description": l.description, "from": l.periodStart?.description ?? NSNull(),
         "to": l.periodEnd?.description ?? NSNull(), "quantity": l.quantity, "unitPrice": l.unitPrice.decimalString,
         "daysCharged": l.daysCharged ?? NSNull(), "daysInPeriod": l.daysInPeriod ?? NSNull(),
         "amount": l.amount.decimalString, "taxCategory": l.tax?.category.rawValue ?? NSNull(),
         "taxRate": l.tax?.rate.description ?? NSNull()]
    }
}
