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
         "date": d.date.description, "dueDate": d.dueDate.description, "total": d.total.decimalString,
         "currency": d.total.currency, "lines": d.lines.map(invoiceLine)]
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
         "date": n.draft.date.description, "total": n.draft.total.decimalString, "currency": n.draft.total.currency,
         "lines": n.draft.lines.map(invoiceLine)]
    }

    static func invoiceLine(_ l: InvoiceLine) -> [String: Any] {
        ["for": l.forAccountName, "forAccountId": l.forAccountId, "code": l.productCode,
         "description": l.description, "from": l.periodStart?.description ?? NSNull(),
         "to": l.periodEnd?.description ?? NSNull(), "quantity": l.quantity, "unitPrice": l.unitPrice.decimalString,
         "daysCharged": l.daysCharged ?? NSNull(), "daysInPeriod": l.daysInPeriod ?? NSNull(),
         "amount": l.amount.decimalString]
    }
}
