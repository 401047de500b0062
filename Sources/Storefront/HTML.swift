import ResellerCore
import Templating

/// The storefront's pages: Mustache templates (`PageTemplates`) rendered by the one engine, which escapes
/// every value (`HTMLEscaping`). No page builds HTML from strings in Swift, and no template prints a value
/// raw, so a value cannot reach a page unescaped.
enum HTML {
    static let engine: TemplateEngine = {
        do { return try TemplateEngine(html: PageTemplates.all) } catch { preconditionFailure("\(error)") }
    }()

    /// A whole page: the layout (head, header with the signed-in user, notice) around the template named
    /// `body`, which reads its values from `content`.
    static func page(title: String, signedIn: StorefrontHeader? = nil, notice: Notice? = nil, body: String,
                     _ content: Any = Empty()) -> String {
        engine.render("layout", Page(title: title, header: signedIn, notice: notice, body: body, content: content))
    }

    struct Page {
        var title: String
        var header: StorefrontHeader?
        var notice: Notice?
        var body: String
        var content: Any
    }

    struct Empty {}
}

/// The values of a page that only says something (the `text` and `message` templates).
struct Paragraph { var text: String }

/// A labelled input with its error beside it (the `field` template).
struct Field {
    var id: String
    var name: String
    var label: String
    var value = ""
    var type = "text"
    var error: String?
    var autocomplete: String?
    var required = true
    var minlength: Int?
    var maxlength: Int?

    init(_ name: String, label: String, value: String = "", type: String = "text", error: String? = nil,
         autocomplete: String? = nil, required: Bool = true, minlength: Int? = nil, maxlength: Int? = nil) {
        id = "f-" + name
        self.name = name; self.label = label; self.value = value; self.type = type; self.error = error
        self.autocomplete = autocomplete; self.required = required
        self.minlength = minlength; self.maxlength = maxlength
    }

    /// A new password, with the policy's limits.
    static func newPassword(_ name: String, label: String, error: String?) -> Field {
        Field(name, label: label, type: "password", error: error, autocomplete: "new-password",
              minlength: PasswordPolicy.minLength, maxlength: PasswordPolicy.maxLength)
    }
}

/// The signed-in header's facts.
struct StorefrontHeader {
    var email: String
    var reseller: String
    var reselling: Bool
    /// Orders and end customers are in the menu only for a user who may order (Admin, Buyer).
    var ordering = true
    /// The Users page is in the menu of an Admin only.
    var admin = false
    /// Subscriptions for an Admin, a Subscriptions Manager or a Cloud Administrator; Invoices for an Admin or a
    /// Billing Agent.
    var subscriptions = false
    var billing = false
    var csrf: String
    /// Shown on every page while the account is not Active: why, and what it means (domain.md#account-status: a
    /// banner).
    var banner: String? = nil
}

/// One line at the top of a page: what just happened, or why something was refused.
struct Notice {
    var text: String
    var kind = "info"   // info | ok | warn | error
    static func error(_ text: String) -> Notice { Notice(text: text, kind: "error") }
    static func ok(_ text: String) -> Notice { Notice(text: text, kind: "ok") }
    static func warn(_ text: String) -> Notice { Notice(text: text, kind: "warn") }
}
