import ArgumentParser
import FieldSchema
import ResellerCore

private typealias C = ContactSchema

/// The contact fields as flags, shared by `contact add` and `contact edit`, named and explained by the
/// contact's one schema. Only flags that were given change the form (on edit, the rest stays as stored);
/// a missing last name or email is the validator's to say, as in every other front.
struct ContactFlags: ParsableArguments {
    @Option(name: .customLong(C.firstName.flag), help: help(C.firstName)) var firstName: String?
    @Option(name: .customLong(C.lastName.flag), help: help(C.lastName, "Required for add.")) var lastName: String?
    @Option(name: .customLong(C.email.flag), help: help(C.email, "Required for add; on edit, the new email."))
    var email: String?
    @Option(name: .customLong(C.phone.flag), help: help(C.phone)) var phone: String?
    @Option(name: .customLong(C.mobile.flag), help: help(C.mobile)) var mobile: String?
    @Option(name: .customLong(C.companyRole.flag), help: help(C.companyRole)) var role: String?
    @Flag(name: .customLong(C.primary.flag), inversion: .prefixedNo, help: help(C.primary)) var primary: Bool?
    @Flag(name: .customLong(C.billTo.flag), inversion: .prefixedNo, help: help(C.billTo)) var billTo: Bool?
    @Flag(name: .customLong(C.optIn.flag), inversion: .prefixedNo, help: help(C.optIn)) var optIn: Bool?

    func apply(to form: inout ContactForm) {
        let texts: [(FieldSpec<ContactForm>, String?)] = [
            (C.firstName, firstName), (C.lastName, lastName), (C.email, email), (C.phone, phone),
            (C.mobile, mobile), (C.companyRole, role),
        ]
        for (spec, value) in texts { if let value { spec.set(value, in: &form) } }
        let checks: [(FieldSpec<ContactForm>, Bool?)] = [(C.primary, primary), (C.billTo, billTo), (C.optIn, optIn)]
        for (spec, value) in checks { if let value { spec.setChecked(value, in: &form) } }
    }
}
