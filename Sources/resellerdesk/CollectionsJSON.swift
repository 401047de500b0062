import Foundation
import ResellerCore

/// Collections as `--json` prints them (the run, its preview, an account's hold).
enum CollectionsJSON {
    static func invoice(_ i: OverdueInvoice, today: CalendarDay) -> [String: Any] {
        ["number": i.number, "dueDate": i.dueDate.description, "daysOverdue": i.age(on: today),
         "left": i.left.decimalString, "currency": i.left.currency,
         "paymentReference": i.paymentReference?.text ?? NSNull(), "stepSent": i.stepSent]
    }

    static func action(_ a: CollectionsAction, today: CalendarDay) -> [String: Any] {
        ["account": a.accountCode, "name": a.accountName, "step": a.step ?? NSNull(),
         "mail": a.mail?.rawValue ?? NSNull(), "emails": a.emails, "totalOverdue": a.totalOverdue.decimalString,
         "currency": a.totalOverdue.currency, "invoices": a.invoices.map { invoice($0, today: today) },
         "suspended": a.suspended ?? NSNull()]
    }

    static func report(_ r: CollectionsReport) -> [String: Any] {
        ["today": r.today.description, "accountsExamined": r.accountsExamined, "emails": r.emails,
         "suspensions": r.suspensions, "actions": r.actions.map { action($0, today: r.today) },
         "failures": r.failures.map { ["account": AccountCode.format($0.accountId), "message": $0.message] }]
    }

    static func hold(_ h: CollectionsHold, account: Account) -> [String: Any] {
        ["account": account.code, "automaticSuspension": !h.noAutoSuspend,
         "remindersPausedUntil": h.pausedUntil?.description ?? NSNull(), "reason": h.reason ?? NSNull()]
    }
}
