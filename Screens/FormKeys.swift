import TerminalKit

/// The keys of a form (the account form, Add Contact): one table per kind of field, so a form's footer
/// and help show the keys of the focused field and dispatch runs what they name. In a text field every
/// other key edits the text (`LineEditor.bindings`); F1 is the help, as `?` is text.
public enum FormKeys {
    /// `preset` and `unfold` are the account form's own (its Reseller preset and optional fields).
    public enum Action: Sendable { case save, next, previous, change, changeBack, cancel, help, preset, unfold }

    /// The keys of every field; `save` and `cancel` say what saving and leaving do in this form.
    public static func common(save: String, cancel: String) -> [Binding<Action>] {
        [
            Binding([.ctrl("s"), .function(2)], "Save", help: save, .save),
            Binding([.tab, .down, .enter], "Next", help: "next field", .next),
            Binding([.backTab, .up], "", help: "previous field", .previous, footer: false),
            Binding([.escape], "Cancel", help: cancel, .cancel),
            Binding([.function(1)], "Help", help: "this help", .help),
        ]
    }

    /// The keys of a tick box, before the common ones.
    public static let checkbox: [Binding<Action>] = [
        Binding([.char(" "), .char("x")], "Toggle", help: "tick or untick the box", .change),
    ]

    /// The keys of a choice (type, billing day, partial charges), before the common ones.
    public static let choice: [Binding<Action>] = [
        Binding([.right, .char(" ")], "Change", help: "the next choice", .change),
        Binding([.left], "", help: "the previous choice", .changeBack, footer: false),
    ]

    /// The help of a form: every table, by kind of field.
    public static func help(_ title: String, common: [Binding<Action>], choices: Bool) -> HelpScreen {
        let groups = [HelpScreen.Group("Every field", common), HelpScreen.Group("Tick boxes", checkbox)]
            + (choices ? [HelpScreen.Group("Choices", choice)] : [])
            + [HelpScreen.Group("Text fields", LineEditor.bindings)]
        return HelpScreen(title: title, groups: groups,
                          notes: ["The line above the keys tells what the focused field holds."])
    }
}
