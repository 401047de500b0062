import FieldSchema

/// The contact's fields, once: the Add/Edit Contact dialog is laid out from this list, the validator takes
/// its names and limits, `contact add|edit` their flags, the JSON their keys.
public enum ContactSchema {
    public typealias Field = FieldSpec<ContactForm>

    public static let firstName = Field("firstName", "First name", .text(\.firstName, maxLength: 100),
                                        flag: "first-name", help: "The contact's first name.")
    public static let lastName = Field("lastName", "Last name", .text(\.lastName, maxLength: 100), required: true,
                                       flag: "last-name", help: "The contact's last name.")
    public static let email = Field("email", "Email", .text(\.email, maxLength: 254), required: true,
                                    help: "The contact's email; a storefront user signs in with it.")
    public static let phone = Field("phone", "Phone", .text(\.phone, maxLength: 30),
                                    help: "Digits with optional + - ( ) . / and spaces, e.g. +30 210 1234567.")
    public static let mobile = Field("mobile", "Mobile", .text(\.mobile, maxLength: 30),
                                     help: "Digits with optional + - ( ) . / and spaces, e.g. +30 69 12345678.")
    public static let companyRole = Field("companyRole", "Company role", .text(\.companyRole, maxLength: 100),
                                          flag: "role", help: "The contact's role in the company, e.g. Purchasing.")
    public static let primary = Field("primary", "Primary contact", .check(\.primary), flag: "primary",
                                      help: "The account's main contact.")
    public static let billTo = Field("billTo", "Bill-to contact", .check(\.billTo), flag: "bill-to",
                                     help: "Invoices go to this contact.")
    public static let optIn = Field("optIn", "Opt-in (consent)", .check(\.optIn), flag: "opt-in",
                                    help: "The contact agreed to receive news by email.")
    public static let storefrontUser = Field("storefrontUser", "Storefront User", .check(\.storefrontUser),
                                             flag: "storefront",
                                             help: "An Admin storefront user, emailed an activation link on save.")

    /// Every field, in the order of the dialog.
    public static let fields: [Field] = [
        firstName, lastName, email, phone, mobile, companyRole, primary, billTo, optIn, storefrontUser,
    ]
}
