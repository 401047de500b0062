import Mustache

/// The one template engine of the storefront's pages and the emails: Mustache. In an HTML template
/// `{{name}}` is escaped by `HTMLEscaping`, in a text one (an email's plain part) it is printed as it is.
/// `{{{name}}}` prints a value raw: the storefront's templates never use it (a test checks), an email
/// template may, for a staff override that needs it. Values are Swift structs (their stored properties,
/// optionals as absent) or dictionaries; `{{#list}}…{{/list}}` repeats, `{{>name}}` includes a template.
public struct TemplateEngine: Sendable {
    private let library: MustacheLibrary

    /// HTML templates by name; each may include the others as partials.
    public init(html templates: [String: String]) throws(TemplateError) {
        var library = MustacheLibrary()
        for (name, text) in templates {
            library.register(try Self.parse(text, html: true, source: name), named: name)
        }
        self.library = library
    }

    /// Renders the template registered as `name`; an unknown name is a programming error.
    public func render(_ name: String, _ context: Any) -> String {
        guard let html = library.render(context, withTemplate: name) else { preconditionFailure("no template \(name)") }
        return html
    }

    /// Renders one template text (an email body, perhaps a staff override named by `source`). `partials`
    /// (HTML templates by name, e.g. `DocumentTemplate`) may be included from it with `{{>name}}`.
    public static func render(_ text: String, html: Bool, source: String, _ context: Any,
                              partials: [String: String] = [:]) throws(TemplateError) -> String {
        let template = try parse(text, html: html, source: source)
        guard !partials.isEmpty else { return template.render(context) }
        var library = MustacheLibrary()
        for (name, partial) in partials { library.register(try parse(partial, html: true, source: name), named: name) }
        library.register(template, named: source)
        return library.render(context, withTemplate: source) ?? ""
    }

    static func parse(_ text: String, html: Bool, source: String) throws(TemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: (html ? HTMLEscaping.pragma : "{{% CONTENT_TYPE: TEXT}}") + text)
        } catch {
            throw TemplateError(description: "\(source): not a valid Mustache template (\(error))")
        }
    }
}

public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(description: String) { self.description = description }
}
