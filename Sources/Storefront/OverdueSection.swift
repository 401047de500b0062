import Foundation
import ResellerCore

/// The dashboard's "Overdue invoices" (domain.md#collections), for the users who see invoices (Admin, Billing
/// Agent): each invoice left unpaid past its due date with the payment reference a transfer quotes, so the bank
/// statement's entry finds it, the total, and the seller's bank details. Nil when nothing is overdue.
struct OverdueSection {
    struct Row { var number, dueDate, days, left, reference: String }

    var rows: [Row]
    /// The total, or why it cannot be shown (a stored amount out of range): the rows are still worth seeing.
    var total: String
    /// "Pay by bank transfer to …": only when the seller has an IBAN; without one there is nothing to pay into.
    var payTo: String?

    init?(_ invoices: [OverdueInvoice], today: CalendarDay, seller: Seller) {
        guard let currency = invoices.first?.left.currency else { return nil }
        rows = invoices.map { i in
            // As the reminders print it: a number with no letter or digit has no reference, so the number itself.
            Row(number: i.number, dueDate: i.dueDate.description, days: String(i.age(on: today)),
                left: i.left.display, reference: i.paymentReference?.printed ?? i.number)
        }
        do throws(ServiceError) {
            total = try OverdueInvoice.total(invoices, currency: currency).display
        } catch {
            total = "not available: " + error.fieldErrors.map(\.message).joined(separator: "; ")
        }
        let name = seller.name?.trimmingCharacters(in: .whitespaces)
        payTo = seller.bankLine.map { line in
            "Pay by bank transfer to \(name.flatMap { $0.isEmpty ? nil : $0 } ?? "the seller"): \(line), "
                + "quoting each invoice's payment reference."
        }
    }
}
