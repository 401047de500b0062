import FieldSchema
import Foundation
import ResellerCore

/// The JSON shapes of the scripting contract: camelCase keys as docs/domain.md#accounts names the fields (a form's from
/// its schema), money as decimal strings ("5000.00" or "unlimited"), absent values as null.
enum JSONValues {
    /// A form's fields under their schema ids: text as typed (null when empty), tick boxes as booleans.
    static func fields<Model>(_ model: Model, _ schema: [FieldSpec<Model>]) -> [String: Any] {
        schema.reduce(into: [:]) { out, spec in
            let text = spec.text(of: model)
            out[spec.id] = spec.isCheck ? spec.isChecked(model) as Any : text.isEmpty ? NSNull() as Any : text
        }
    }

    static func account(_ s: AccountSummary) -> [String: Any] {
        let a = s.account
        var out = fields(AccountForm(a.fields), AccountSchema.fields)
        out.merge([
            "id": a.id, "code": a.code,
            // "unlimited" or the amount, as the CLI takes it.
            "creditLimit": a.fields.ordering?.creditLimit.text ?? NSNull(),
            "paymentTermsDays": a.fields.paymentTermsDays,
            "version": a.version, "balance": s.balance.decimalString, "uninvoiced": s.uninvoiced.decimalString,
            "availableCredit": s.availableCredit?.text ?? NSNull(),
            "onboarding": s.onboarding.nextStep.map { "next: \($0.rawValue)" } ?? "complete",
            "parentAccountId": a.parentAccountId ?? NSNull(),
            "status": a.status.rawValue, "statusReason": a.statusReason ?? NSNull(),
            "statusBy": a.statusBy ?? NSNull(),
            "createdAt": Format.iso8601(a.createdAt), "updatedAt": Format.iso8601(a.updatedAt), "updatedBy": a.updatedBy,
        ]) { _, new in new }
        return out
    }

    /// What is overdue and the next invoice's estimate (null when nothing is billed any more).
    static func standing(_ s: BillingStanding) -> [String: Any] {
        ["overdue": s.overdue.decimalString,
         "nextInvoice": s.nextInvoice.map { ["date": $0.date.description, "total": $0.total.decimalString] }
            ?? NSNull(),
         "nextInvoiceProblem": s.nextInvoiceProblem ?? NSNull()]
    }

    static func contact(_ c: Contact) -> [String: Any] {
        var out = fields(ContactForm(c), ContactSchema.fields)
        out.merge([
            "id": c.id, "accountId": c.accountId,
            "userType": c.storefrontUser?.type.rawValue ?? NSNull(),
            "roles": c.storefrontUser.map { $0.roles.map(\.rawValue) } ?? NSNull(),
            "status": c.storefrontUser?.status.rawValue ?? NSNull(),
            "locked": c.storefrontUser?.locked ?? false,
        ]) { _, new in new }
        return out
    }

    static func detail(_ d: AccountDetail) -> [String: Any] {
        var out = account(d.summary)
        out["priceLists"] = d.priceLists.map(\.name)
        out["contacts"] = d.contacts.map(contact)
        out["orders"] = d.orders.map(order)
        out["endCustomers"] = d.endCustomers.map { ["id": $0.id, "code": $0.code, "name": $0.name] }
        out["taxTreatment"] = d.taxTreatment.map(taxTreatment) ?? NSNull()
        out["taxProblem"] = d.taxProblem ?? NSNull()
        out["vatConfirmation"] = d.vatConfirmation.map { c in
            ["vatId": c.vatId, "date": c.confirmedOn.description, "reference": c.reference, "by": c.by]
        } ?? NSNull()
        return out
    }

    static func priceList(_ p: PriceList) -> [String: Any] {
        ["id": p.id, "name": p.name, "currency": p.currency, "validFrom": p.validFrom?.description ?? NSNull(),
         "validTo": p.validTo?.description ?? NSNull(), "active": p.active, "description": p.description ?? NSNull(),
         "itemCount": p.itemCount]
    }

    static func order(_ o: Order) -> [String: Any] {
        ["id": o.id, "number": o.number, "accountId": o.accountId, "customerAccountId": o.customerAccountId,
         "customerName": o.customerName, "status": o.status.rawValue, "total": o.total.decimalString,
         // Gross total; net and tax are null for an order placed before tax.
         "net": o.net?.decimalString ?? NSNull(), "tax": o.tax?.decimalString ?? NSNull(),
         "taxes": o.taxes.map(taxSubtotal),
         "currency": o.total.currency, "orderDay": o.orderDay.description, "placedBy": o.placedBy,
         "lines": o.lines.map { l in
             ["productCode": l.productCode, "description": l.description, "billingPeriod": l.billingPeriod.rawValue,
              "quantity": l.quantity, "unitPrice": l.unitPrice.decimalString,
              "firstCharge": l.firstCharge.decimalString, "invoiceDay": l.invoiceDay.description,
              "taxClass": l.taxClass.rawValue] as [String: Any]
         }]
    }

    static func ledgerEntry(_ e: LedgerEntry) -> [String: Any] {
        ["id": e.id, "kind": e.kind.rawValue, "amount": e.amount.decimalString, "currency": e.amount.currency,
         "debit": e.kind.isDebit, "orderNumber": e.orderId.map(OrderNumber.format) ?? NSNull(),
         "reverses": e.reverses ?? NSNull(), "reversedBy": e.reversedBy ?? NSNull(), "note": e.note ?? NSNull(),
         "recordedAt": Format.iso8601(e.createdAt), "recordedBy": e.createdBy,
         "balanceAfter": e.balanceAfter.decimalString]
    }

    static func mail(_ m: OutboxMessage) -> [String: Any] {
        ["id": m.id, "kind": m.kind.rawValue, "to": m.toAddress, "toName": m.toName, "subject": m.subject,
         "status": m.status.rawValue, "attempts": m.attempts, "lastError": m.lastError ?? NSNull(),
         "created": Format.iso8601(m.createdAt), "sent": m.sentAt.map(Format.iso8601) ?? NSNull()]
    }
}
