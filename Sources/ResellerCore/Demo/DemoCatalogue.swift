/// A realistic cloud catalogue for demos and first runs: what a distributor's desk typically sells.
enum DemoCatalogue {
    struct List {
        var name: String
        var currency: String
        var validFrom = ""
        var validTo = ""
        var active = true
        var description: String
        var csv: String
    }

    static let lists: [List] = [
        List(name: "Cloud Essentials EUR", currency: "EUR", validFrom: "2026-01-01",
             description: "Productivity, backup and infrastructure for European resellers", csv: """
            code,description,billing_period,price
            M365-BB,Microsoft 365 Business Basic (per user),monthly,5.60
            M365-BB,Microsoft 365 Business Basic (per user),annual,67.20
            M365-BS,Microsoft 365 Business Standard (per user),monthly,11.70
            M365-BS,Microsoft 365 Business Standard (per user),annual,140.40
            M365-BP,Microsoft 365 Business Premium (per user),monthly,20.60
            EXO-P1,Exchange Online Plan 1 (per mailbox),monthly,3.70
            GWS-STARTER,Google Workspace Business Starter (per user),monthly,6.80
            GWS-STANDARD,Google Workspace Business Standard (per user),monthly,13.60
            ACR-CP-WS,"Acronis Cyber Protect, workstation",monthly,4.90
            ACR-CP-SRV,"Acronis Cyber Protect, server",monthly,39.00
            BKP-1TB,Cloud backup storage (per TB),monthly,29.00
            VM-2C4G,"Cloud VM, 2 vCPU / 4 GB RAM",monthly,32.00
            VM-4C8G,"Cloud VM, 4 vCPU / 8 GB RAM",monthly,61.00
            DNS-ZONE,Managed DNS zone,annual,18.00
            SETUP-STD,Standard onboarding and setup,one-time,150.00
            """),
        List(name: "Security Add-ons EUR", currency: "EUR", validFrom: "2026-01-01",
             description: "Email security and endpoint protection", csv: """
            code,description,billing_period,price
            SEC-MAILGUARD,Advanced email threat protection (per user),monthly,2.40
            SEC-EDR,Endpoint detection and response (per device),monthly,6.50
            SEC-MFA,Multi-factor authentication (per user),monthly,1.90
            SEC-AWARE,Security awareness training (per user),annual,24.00
            """),
        List(name: "Cloud Essentials USD", currency: "USD", validFrom: "2026-01-01",
             description: "The core catalogue priced for US-dollar resellers", csv: """
            code,description,billing_period,price
            M365-BB,Microsoft 365 Business Basic (per user),monthly,6.00
            M365-BS,Microsoft 365 Business Standard (per user),monthly,12.50
            M365-BP,Microsoft 365 Business Premium (per user),monthly,22.00
            GWS-STARTER,Google Workspace Business Starter (per user),monthly,7.20
            ACR-CP-WS,"Acronis Cyber Protect, workstation",monthly,5.30
            BKP-1TB,Cloud backup storage (per TB),monthly,31.00
            VM-2C4G,"Cloud VM, 2 vCPU / 4 GB RAM",monthly,34.00
            SETUP-STD,Standard onboarding and setup,one-time,160.00
            """),
        List(name: "Legacy Hosting 2024 EUR", currency: "EUR", validFrom: "2024-01-01", validTo: "2024-12-31",
             active: false, description: "Retired shared-hosting plans, kept for existing contracts", csv: """
            code,description,billing_period,price
            HOST-SHARED-S,Shared hosting small,monthly,4.00
            HOST-SHARED-M,Shared hosting medium,monthly,8.00
            """),
    ]

    static let resellerEmail = "partners@aegean-cloud.example"
}

extension ResellerService {
    /// Loads the demo catalogue and one sample reseller, once: running it again changes nothing.
    /// Returns what it added, for the CLI to report.
    public func seedDemo(by actor: Actor) throws(ServiceError) -> [String] {
        var added: [String] = []
        let existing = Set(try priceLists().map { $0.name.lowercased() })
        for list in DemoCatalogue.lists where !existing.contains(list.name.lowercased()) {
            _ = try importPriceList(csv: list.csv, name: list.name, currency: list.currency, validFrom: list.validFrom,
                                    validTo: list.validTo, active: list.active, description: list.description, by: actor)
            added.append("price list \(list.name)")
        }
        let hasReseller = try store.read { try $0.contactId(email: DemoCatalogue.resellerEmail) } != nil
        if !hasReseller {
            var form = AccountForm()
            form.name = "Aegean Cloud Partners"
            form.tradingName = "Aegean Cloud"
            form.type = AccountType.reseller.rawValue
            form.email = "accounts@aegean-cloud.example"
            form.phone = "+30 210 555 0100"
            form.website = "https://aegean-cloud.example"
            form.registrationNumber = "EL094512306"
            form.street = "Leoforos Kifisias 44"
            form.city = "Athens"
            form.postcode = "151 25"
            form.country = "GR"
            form.currency = "EUR"
            form.enableOrdering = true
            form.creditLimit = "5000.00"
            form.prorateBilling = true
            form.billingDay = "first"
            form.partialChargesInvoicing = PartialChargesInvoicing.onOrderDay.rawValue
            form.enableReselling = true
            let account = try createAccount(form, by: actor)
            _ = try assignPriceLists(account.id, names: ["Cloud Essentials EUR"], by: actor)
            var contact = ContactForm()
            contact.firstName = "Γιώργος"
            contact.lastName = "Παπαδόπουλος"
            contact.email = DemoCatalogue.resellerEmail
            contact.companyRole = "Managing Director"
            contact.primary = true
            contact.storefrontUser = true
            _ = try addContact(to: account.id, contact, by: actor)
            added.append("reseller \(account.code) \(account.name)")
        }
        return added
    }
}
