import ResellerCore
import Screens

/// Billing's effects: a subscription's quantity changed or cancelled from the account detail, an invoice
/// shown as it prints, and the Billing screen's forecast and run. The run is synchronous, as every effect
/// is; its progress callback redraws the screen's progress line between accounts.
extension TerminalApp {
    func push(_ dialog: QuantityDialog) { push(dialog, perform: TerminalApp.perform(quantity:)) }
    func push(_ screen: DocumentScreen) { push(screen, perform: TerminalApp.perform(document:)) }
    func push(_ screen: BillingScreen) { push(screen, perform: TerminalApp.perform(billing:)) }
    func push(_ dialog: ThroughDialog) { push(dialog, perform: TerminalApp.perform(through:)) }

    func perform(quantity effect: QuantityDialog.Effect) {
        guard let dialog = top(QuantityDialog.self) else { return }
        let sub = dialog.context
        // A raise is a purchase (#21): above the available credit the service refuses it unless confirmed, so
        // the dialog asks first, naming both amounts, and the yes saves with `aboveCredit`. The cost is gross:
        // the credit check counts the tax the charge will bear (domain.md#the-seller-and-tax).
        func change(_ form: SubscriptionQuantityForm, aboveCredit: Bool) throws(ServiceError) {
            let quantity = try form.validated()
            if !aboveCredit {
                let preview = try service.previewQuantity(subscriptionId: sub.id, quantity: quantity,
                                                          by: .currentStaff())
                if preview.aboveCredit, let cost = preview.cost, let available = preview.availableCredit {
                    updateTop(QuantityDialog.self) {
                        $0.confirm("It costs \(cost.display) incl. VAT; \(available.display) available. "
                                   + "Raise above the credit? y/n")
                    }
                    return
                }
            }
            let result = try service.setQuantity(subscriptionId: sub.id, quantity: quantity,
                                                 aboveCredit: aboveCredit, by: .currentStaff())
            pop()
            reloadDetail(sub.billedAccountId, notice: Self.changed(sub, result, today: service.today))
        }
        runDialog(effect, dialog, save: { (form) throws(ServiceError) in
            try change(form, aboveCredit: false)
        }, confirmed: { (form) throws(ServiceError) in
            try change(form, aboveCredit: true)
        })
    }

    /// What a quantity change did, in one sentence: the charge (net, as its invoice line) and its invoice (gross),
    /// or the day a lowering counts.
    static func changed(_ before: Subscription, _ r: QuantityChangeResult, today: CalendarDay) -> String {
        let what = "\(before.productCode) for \(before.forAccountName)"
        let from = before.quantity(on: today), to = r.subscription.quantity(on: r.effective)
        guard let charge = r.charge else {
            if r.effective > today {
                return "\(what): \(from) → \(to), lower from \(r.effective) (the next period); nothing is charged."
            }
            return "\(what): \(to) from today; the period starting today is invoiced with it."
        }
        let amount = charge.line.amount.display
        let added = "\(what): \(from) → \(to) from \(r.effective); the \(charge.line.quantity) added unit"
            + "\(charge.line.quantity == 1 ? "" : "s") cost \(amount) net for the rest of the period"
        if let invoice = r.invoice {
            return added + ", invoiced on \(invoice.number) (\(invoice.draft.total.display) incl. VAT)."
        }
        return added + ", invoiced with the next billing date, \(charge.invoiceDate)."
    }

    /// What a cancellation did: when the service ends, and the credit note of a "cancel now".
    static func cancelled(_ r: CancellationResult) -> String {
        let s = r.subscription, what = "\(s.productCode) for \(s.forAccountName)"
        let end = s.endDate?.description ?? "its period end"
        guard s.status == .canceled else { return "\(what) ends on \(end) and renews no more." }
        guard let note = r.creditNote else { return "\(what) is canceled from \(end); nothing was left to credit." }
        return "\(what) is canceled from \(end); credit note \(note.number) credits \(note.draft.total.display) "
            + "incl. VAT."
    }

    func perform(document effect: DocumentScreen.Effect) {
        switch effect {
        case .back: pop()
        case .writeFiles:
            if let screen = top(DocumentScreen.self) {
                push(WriteFilesDialog.writeFiles(of: screen.document, folder: filesFolderOffered))
            }
        case .help:
            if let screen = top(DocumentScreen.self) { showHelp(screen.help) }
        }
    }

    /// Opens the Billing screen on the forecast of a run through today.
    func showBilling() {
        let today = service.today
        do {
            push(BillingScreen(through: today, forecast: try service.billingForecast(through: today)))
        } catch {
            push(BillingScreen(through: today, forecast: nil, notice: error.description))
        }
    }

    /// The Billing screen, on top or under the dialog that chose the day.
    private func updateBilling(_ change: (inout BillingScreen) -> Void) { updateNearest(BillingScreen.self, change) }

    private func readForecast(_ day: CalendarDay, notice: String? = nil) {
        do {
            let forecast = try service.billingForecast(through: day)
            updateBilling { $0.show(forecast, notice: notice) }
        } catch {
            updateBilling { $0.failed(error.description) }
        }
    }

    func perform(billing effect: BillingScreen.Effect) {
        switch effect {
        case .back: pop()
        case .help:
            if let screen = top(BillingScreen.self) { showHelp(screen.help) }
        case .reload(let day): readForecast(day)
        case .chooseThrough(let day): push(ThroughDialog.through(day))
        case .run(let day):
            do {
                let report = try service.billingRun(through: day, by: .currentStaff()) { done, total in
                    updateBilling { $0.progressed(done, of: total) }
                    draw()
                }
                updateBilling { $0.finished(BillingRunSummary(report, through: day)) }
                refreshAccounts()
            } catch {
                updateBilling { $0.failed(error.description) }
            }
        }
    }

    func perform(through effect: ThroughDialog.Effect) {
        guard let dialog = top(ThroughDialog.self) else { return }
        runDialog(effect, dialog) { (form) throws(ServiceError) in
            let day = try form.validated()
            pop()
            readForecast(day)
        }
    }
}
