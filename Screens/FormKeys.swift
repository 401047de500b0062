import TerminalKit

/// The help of a form (the account form, the contact dialogs): the keys of every field, then each kind's
/// (`Form`'s tables), so the help shows what dispatch runs. F1 opens it, as `?` is text in a form.
public enum FormKeys {
    public static func help<Model>(_ title: String, common: [Binding<Form<Model>.Action>], checks: Bool = true,
                                   choices: Bool) -> HelpScreen {
        let groups = [HelpScreen.Group("Every field", common)]
            + (checks ? [HelpScreen.Group("Tick boxes", Form<Model>.checkKeys)] : [])
            + (choices ? [HelpScreen.Group("Choices", Form<Model>.choiceKeys)] : [])
            + [HelpScreen.Group("Text fields", LineEditor.bindings)]
        return HelpScreen(title: title, groups: groups,
                          notes: ["The line above the keys tells what the focused field holds."])
    }
}
