import FieldSchema
import ResellerCore
import TerminalKit

/// Change a subscription's quantity: one field over its schema, checked before the service is asked.
public typealias QuantityDialog = FormDialog<SubscriptionQuantityForm, Subscription>

extension FormDialog where Model == SubscriptionQuantityForm, Context == Subscription {
    /// `today`: the day the quantity shown is in effect.
    public static func quantity(of sub: Subscription, today: CalendarDay) -> QuantityDialog {
        var rules = Form<SubscriptionQuantityForm>.Rules()
        let now = sub.quantity(on: today)
        let what = "\(sub.productCode) \(sub.description) for \(sub.forAccountName): \(now) now, "
            + "\(sub.unitPrice.display) each, \(sub.period.rawValue)."
        let rule = "More units are charged at once for the rest of the current period; fewer count from "
            + "the next period."
        // Wrapped for 80 columns: the form cuts a trailer line at the edge.
        let lines = (DisplayWidth.wrap(what, to: 76) + DisplayWidth.wrap(rule, to: 76))
            .map { (" " + $0, CellStyle.muted) }
        rules.trailer = { _ in lines }
        return QuantityDialog("Change quantity", title: "Quantity of \(sub.productCode) for \(sub.forAccountName)",
                              context: sub, form: Form(SubscriptionQuantitySchema.fields,
                                                       model: SubscriptionQuantityForm(quantity: now), rules: rules),
                              save: "change the quantity", cancel: "close without changing it",
                              refused: "Not changed", check: { form in
            do throws(ServiceError) { _ = try form.validated() } catch { return error }
            return nil
        })
    }
}

/// The last day a billing run bills (the Billing screen's `t`).
public typealias ThroughDialog = FormDialog<BillingThroughForm, CalendarDay>

extension FormDialog where Model == BillingThroughForm, Context == CalendarDay {
    /// `current`: the day the forecast is through now.
    public static func through(_ current: CalendarDay) -> ThroughDialog {
        var rules = Form<BillingThroughForm>.Rules()
        rules.trailer = { _ in [(" The forecast is read again through this day; nothing is issued until r.", .muted)] }
        return ThroughDialog("Bill through", title: "Billing run through", context: current,
                             form: Form(BillingThroughSchema.fields, model: BillingThroughForm(through: current),
                                        rules: rules),
                             save: "show the forecast through this day", cancel: "close without changing the day",
                             refused: "Not changed", check: { form in
            do throws(ServiceError) { _ = try form.validated() } catch { return error }
            return nil
        })
    }
}
