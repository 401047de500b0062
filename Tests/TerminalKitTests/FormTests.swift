import FieldSchema
import Testing
import TerminalKit

/// The Form widget on a small schema of its own: what every form of the desk inherits.
@Suite struct FormTests {
    struct Model: Sendable, Equatable {
        var name = ""
        var size = "s"
        var extra = false
        var note = ""
    }

    static let fields: [FieldSpec<Model>] = [
        FieldSpec("name", "Name", .text(\.name, maxLength: 5), section: "Main", required: true, help: "A name."),
        FieldSpec("size", "Size", .choice(\.size, [.init("s", "Small"), .init("m", "Medium"), .init("l", "Large")]),
                  section: "Main", help: "How big."),
        FieldSpec("extra", "Extra", .check(\.extra), section: "Main", help: "Something more."),
        FieldSpec("note", "Note", .text(\.note, maxLength: 50), section: "More", foldable: true, help: "A note."),
    ]

    static let keys = Form<Model>.common(save: "save", cancel: "leave")

    @Test func typingIsCutAtTheSchemasLimitAndChoicesCycleBothWays() {
        var form = Form(Self.fields, model: Model())
        #expect(form.update(.char("a"), table: form.keys(Self.keys)) == .edited("name"))
        for c in "bcdefgh" { _ = form.update(.char(c), table: form.keys(Self.keys)) }
        #expect(form.model.name == "abcde")
        #expect(form.update(.tab, table: form.keys(Self.keys)) == .left("name"))
        #expect(form.focus == "size")
        #expect(form.update(.left, table: form.keys(Self.keys)) == .changed("size"))
        #expect(form.model.size == "l")                       // backwards from the first wraps to the last
        _ = form.update(.right, table: form.keys(Self.keys))
        #expect(form.model.size == "s")
        _ = form.update(.tab, table: form.keys(Self.keys))
        #expect(form.update(.char(" "), table: form.keys(Self.keys)) == .changed("extra"))
        #expect(form.model.extra && form.isDirty)
        let text = form.render(title: "T", width: 80, height: 24, keys: form.keys(Self.keys)).text
        #expect(text.contains("Name *") && text.contains("< Small >") && text.contains("[x]"))
        #expect(text.contains("Something more."))                // the focused field's help
    }

    @Test func foldedFieldsAreSkippedUntilOpenedAndDisabledOnesNeverTakeTheFocus() {
        var rules = Form<Model>.Rules()
        rules.enabled = { model, id in id != "extra" || !model.name.isEmpty }
        var form = Form(Self.fields, model: Model(), rules: rules)
        var seen: [String] = []
        for _ in 0..<4 { _ = form.update(.tab, table: form.keys(Self.keys)); seen.append(form.focus) }
        #expect(seen == ["size", "name", "size", "name"])        // the note is folded, extra disabled
        form.unfolded = true
        form.change { $0.name = "x" }
        seen = []
        for _ in 0..<4 { _ = form.update(.tab, table: form.keys(Self.keys)); seen.append(form.focus) }
        #expect(seen == ["size", "extra", "note", "name"])
        let text = form.render(title: "T", width: 80, height: 24, keys: form.keys(Self.keys)).text
        #expect(text.contains("── More"))
    }

    @Test func aQuestionTakesTheNextKeyAndErrorsShowWhole() {
        var rules = Form<Model>.Rules()
        rules.enabled = { _, id in id != "extra" }
        var form = Form(Self.fields, model: Model(), rules: rules)
        form.ask("Really? y/n", tag: "q")
        #expect(form.render(title: "T", width: 80, height: 24, keys: Self.keys).text.contains("Really? y/n"))
        #expect(form.update(.char("y"), table: Self.keys) == .answered("q", yes: true))
        #expect(form.update(.escape, table: Self.keys) == .cancel)
        let long = String(repeating: "a long reason ", count: 10)
        form.errors = ["name": long, "extra": "not now"]
        let text = form.render(title: "T", width: 80, height: 24, keys: Self.keys).text
        let joined = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains("Name: " + long.trimmingCharacters(in: .whitespaces)))
        #expect(joined.contains("not now"))            // a field that cannot take the focus: the status says it
        #expect(form.firstError == "name")
    }

    @Test func aFormThatSubmitsSavesOnEnterUnderItsOwnLabel() {
        let keys = Form<Model>.common(save: "write it", cancel: "leave", submit: "Write")
        var form = Form(Self.fields, model: Model())
        #expect(form.update(.enter, table: form.keys(keys)) == .save)
        #expect(form.update(.ctrl("s"), table: form.keys(keys)) == .save)
        #expect(form.update(.tab, table: form.keys(keys)) == .left("name"))
        #expect(Binding.footer(keys, width: 80) == "Enter Write  Esc Cancel  F1 Help")
        #expect(Binding.footer(Self.keys, width: 80) == "Ctrl-S Save  Tab Next  Esc Cancel  F1 Help")
        #expect(form.update(.enter, table: Self.keys) == .left("size"))   // elsewhere Enter moves on
    }
}
