import Foundation
import ResellerCore
import Templating

/// The subscriptions, invoices and credit notes pages: each one's values, rendered with its template in
/// `BillingTemplates`; an invoice or credit note through the one document template (`DocumentTemplate`)
/// that its email shares.
enum BillingPages {
    struct SubscriptionRow {
        var id: Int64
        var forName, product, code, period, quantity, nextBilling, status: String
        /// A lowering waiting for the next period, or the last day of an ending subscription.
        var note: String?
        /// Only an Active subscription takes a quantity change or a cancellation.
        var changeable: Bool
        var typed: String
        var error: String?
    }

    struct Subscriptions {
        var csrf: String
        var canChange, hasSubscriptions: Bool
        var rows: [SubscriptionRow]
        var pager: Pager?
    }

    /// One page of the subscriptions (`list`), with the links to the others.
    static func subscriptions(_ list: [Subscription], today: CalendarDay, header: StorefrontHeader, canChange: Bool,
                              typed: (id: Int64, quantity: String, error: String)?, notice: Notice?,
                              pager: Pager? = nil) -> String {
        let rows = list.map { sub in
            let pending = sub.pendingStep(after: today).map { "\($0.quantity) from \($0.from)" }
            let ends = sub.endDate.map { "last day \($0)" }
            let mine = typed?.id == sub.id
            return SubscriptionRow(
                id: sub.id, forName: sub.forAccountName, product: sub.description, code: sub.productCode,
                period: sub.period.rawValue, quantity: String(sub.quantity(on: today)),
                nextBilling: sub.status == .active ? sub.nextBillingDate.description : "none",
                status: sub.status.rawValue, note: pending ?? ends, changeable: sub.status == .active,
                typed: mine ? typed!.quantity : "", error: mine && !(typed!.error.isEmpty) ? typed!.error : nil)
        }
        let page = Subscriptions(csrf: header.csrf, canChange: canChange, hasSubscriptions: !list.isEmpty, rows: rows,
                                 pager: pager)
        return HTML.page(title: "Subscriptions", signedIn: header, notice: notice, body: "subscriptions", page)
    }

    struct QuantityPreviewPage {
        var csrf, id, forName, product, current, quantity, effective: String
        var raise: Bool
        var chargeAmount, chargePeriod, chargeDays, invoiceDate: String?
        /// A raise's available credit (a raise is a purchase); nil for a lowering or Unlimited credit.
        var available: String?
    }

    static func quantityPreview(_ p: QuantityPreview, header: StorefrontHeader) -> String {
        let sub = p.subscription
        let page = QuantityPreviewPage(
            csrf: header.csrf, id: String(sub.id), forName: sub.forAccountName,
            product: "\(sub.description) (\(sub.productCode), \(sub.period.rawValue))", current: String(p.current),
            quantity: String(p.quantity), effective: p.effective.description, raise: p.quantity > p.current,
            // The charge as the credit check counts it, with its tax (a raise's `cost`); its net beside it.
            chargeAmount: p.charge.map { (p.cost ?? $0.amount).display },
            chargePeriod: p.charge.map { c in c.periodStart.map { "\($0) – \(c.periodEnd ?? $0)" } ?? "" },
            chargeDays: p.charge.map { c in
                "\(c.quantity) × \(c.unitPrice.display)"
                    + (c.daysCharged.map { ", prorated \($0)/\(c.daysInPeriod ?? $0) days" } ?? ", the whole period")
                    + ": \(c.amount.display) net"
            },
            invoiceDate: p.invoiceDate?.description, available: p.cost == nil ? nil : p.availableCredit?.display)
        return HTML.page(title: "Check the new quantity", signedIn: header, body: "quantityPreview", page)
    }

    struct ConfirmCancel { var csrf, id, forName, product, endDate: String }

    static func confirmCancel(_ ending: Subscription, header: StorefrontHeader) -> String {
        HTML.page(title: "Cancel at period end?", signedIn: header, body: "confirmCancel",
                  ConfirmCancel(csrf: header.csrf, id: String(ending.id), forName: ending.forAccountName,
                                product: "\(ending.description) (\(ending.productCode))",
                                endDate: ending.endDate?.description ?? "its period end"))
    }

    /// `net` and `tax` without a currency (the total beside them has it); a document from before tax has no
    /// tax figure to show, only that it predates tax.
    struct InvoiceRow { var number, date, dueDate, status, net, tax, total, paid, due: String; var beforeTax: Bool }
    struct CreditNoteRow { var number, date, net, tax, total: String; var beforeTax: Bool }
    struct Filter { var label, href: String; var current: Bool }

    struct Invoices {
        var filters: [Filter]
        var hasInvoices, hasCreditNotes: Bool
        var invoices: [InvoiceRow]
        var creditNotes: [CreditNoteRow]
        var filterName: String
        var pager, creditNotesPager: Pager?
    }

    /// A page of the invoices and one of the credit notes, each list newest first as given.
    static func invoices(_ list: [Invoice], creditNotes: [CreditNote], filter: InvoiceStatus?,
                         header: StorefrontHeader, pager: Pager? = nil, creditNotesPager: Pager? = nil) -> String {
        var filters = [Filter(label: "All", href: "/invoices", current: filter == nil)]
        filters += InvoiceStatus.allCases.map { s in
            Filter(label: s.rawValue, href: "/invoices?status=\(s.rawValue.lowercased())", current: filter == s)
        }
        let rows = list.map { i in
            let paid = i.paid ?? Money(minor: 0, currency: i.draft.total.currency)
            let a = i.draft.amounts
            return InvoiceRow(number: i.number, date: i.draft.date.description, dueDate: i.draft.dueDate.description,
                              status: i.status?.rawValue ?? "", net: a.net.decimalString, tax: a.tax.decimalString,
                              total: a.total.display, paid: paid.display,
                              due: Money(minor: a.total.minor - paid.minor, currency: paid.currency).display,
                              beforeTax: a.issuedBeforeTax)
        }
        let notes = creditNotes.map { c in
            let a = c.draft.amounts
            return CreditNoteRow(number: c.number, date: c.draft.date.description, net: a.net.decimalString,
                                 tax: a.tax.decimalString, total: a.total.display, beforeTax: a.issuedBeforeTax)
        }
        let page = Invoices(filters: filters, hasInvoices: !rows.isEmpty, hasCreditNotes: !notes.isEmpty,
                            invoices: rows, creditNotes: notes,
                            filterName: filter.map { $0.rawValue.lowercased() + " " } ?? "",
                            pager: pager, creditNotesPager: creditNotesPager)
        return HTML.page(title: "Invoices", signedIn: header, body: "invoices", page)
    }

    struct DocumentPage { var document: DocumentView; var back: String; var pdf: String; var xml: String }

    /// The printable page: the document through the template its email shares; the stylesheet's print rules
    /// leave out the header, the menu and the links.
    static func document(_ d: InvoiceDocument, header: StorefrontHeader) -> String {
        HTML.page(title: d.title, signedIn: header, body: "document",
                  DocumentPage(document: DocumentView(d),
                               back: d.kind == .invoice ? "All invoices" : "Invoices and credit notes",
                               pdf: path(d, .pdf), xml: path(d, .ubl)))
    }

    /// Where a document's file downloads: /invoices/INV-000123/pdf, /credit-notes/CRN-000004/xml.
    static func path(_ d: InvoiceDocument, _ format: DocumentFormat) -> String {
        (d.kind == .invoice ? "/invoices/" : "/credit-notes/") + d.number + "/" + format.fileExtension
    }
}
