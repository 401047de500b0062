import FieldSchema
import ResellerCore
import TerminalKit

/// Edit price list: its name, validity and description (the active flag and the items have their own keys
/// on the Price lists screen). Only what changed is sent, so a list renamed by someone else meanwhile is not
/// renamed back.
public typealias PriceListDialog = FormDialog<PriceListForm, PriceList>

extension FormDialog where Model == PriceListForm, Context == PriceList {
    public static func edit(_ list: PriceList) -> PriceListDialog {
        var rules = Form<PriceListForm>.Rules()
        let note = " \(list.currency), \(list.itemCount) items; replacing them is i on the Price lists screen."
        rules.trailer = { _ in [(note, .muted)] }
        return PriceListDialog("Edit price list", title: "Edit price list \(list.name)", context: list,
                               form: Form(PriceListSchema.fields, model: PriceListForm(list), rules: rules),
                               save: "save what changed", cancel: "close without saving (asks first if anything "
                               + "was typed)", refused: "Not saved")
    }
}
