/// The two parties of a UBL document: the seller as the document keeps it (a later change of configuration
/// never rewrites a sent document), and the billed account with the VAT ID stored on the document.
extension UBLDocument {
    /// The seller (BG-4): its email as electronic address, name, address, VAT ID and tax registration, and
    /// how to reach it.
    func sellerParty(_ w: inout XMLWriter) {
        w.element("cac:AccountingSupplierParty") { w in
            w.element("cac:Party") { w in
                endpoint(&w, seller.email)
                // Not subject to VAT: the VAT ID may not be stated as one (BR-O-02), yet the buyer must still be
                // able to tell who the seller is (BR-CO-26), so it stands as the seller's identifier.
                if notSubjectToVAT, let vatId = Seller.present(seller.vatId) {
                    w.element("cac:PartyIdentification") { w in w.element("cbc:ID", text: vatId) }
                }
                address(&w, street: seller.street, city: seller.city, postcode: seller.postcode, state: nil,
                        country: seller.country ?? "")
                if !notSubjectToVAT { taxScheme(&w, seller.vatId, scheme: "VAT") }
                // The local tax registration (BT-32) is not a VAT identifier: it stays on every document.
                taxScheme(&w, seller.taxRegistration, scheme: "TAX")
                w.element("cac:PartyLegalEntity") { w in w.element("cbc:RegistrationName", text: seller.name ?? "") }
                contact(&w, phone: seller.phone, email: seller.email)
            }
        }
    }

    /// The billed account (BG-7): its email as electronic address, trading name, legal name, address, the VAT
    /// ID the document was issued with (none when not subject to VAT, BR-O-02), email and phone.
    func buyerParty(_ w: inout XMLWriter) {
        let f = account.fields
        w.element("cac:AccountingCustomerParty") { w in
            w.element("cac:Party") { w in
                endpoint(&w, f.email)
                if let trading = Seller.present(f.tradingName) {
                    w.element("cac:PartyName") { w in w.element("cbc:Name", text: trading) }
                }
                address(&w, street: f.address.street, city: f.address.city, postcode: f.address.postcode,
                        state: f.address.state, country: f.address.country)
                if !notSubjectToVAT { taxScheme(&w, amounts.buyerVATId, scheme: "VAT") }
                w.element("cac:PartyLegalEntity") { w in w.element("cbc:RegistrationName", text: f.name) }
                contact(&w, phone: f.phone, email: f.email)
            }
        }
    }

    /// The party's email as its electronic address (EAS "EM"): the desk sends its documents by email.
    private func endpoint(_ w: inout XMLWriter, _ email: String?) {
        guard let email = Seller.present(email) else { return }
        w.element("cbc:EndpointID", ["schemeID": "EM"], text: email)
    }

    /// A postal address; the country is required of both parties (BR-09, BR-11), the rest written when set.
    private func address(_ w: inout XMLWriter, street: String?, city: String?, postcode: String?, state: String?,
                         country: String) {
        w.element("cac:PostalAddress") { w in
            w.element("cbc:StreetName", ifPresent: street)
            w.element("cbc:CityName", ifPresent: city)
            w.element("cbc:PostalZone", ifPresent: postcode)
            w.element("cbc:CountrySubentity", ifPresent: state)
            w.element("cac:Country") { w in w.element("cbc:IdentificationCode", text: country.uppercased()) }
        }
    }

    /// A registration with a tax scheme: "VAT" for a VAT identifier, any other for a local tax registration.
    private func taxScheme(_ w: inout XMLWriter, _ id: String?, scheme: String) {
        guard let id = Seller.present(id) else { return }
        w.element("cac:PartyTaxScheme") { w in
            w.element("cbc:CompanyID", text: id)
            w.element("cac:TaxScheme") { w in w.element("cbc:ID", text: scheme) }
        }
    }

    /// Whom the buyer's accounts department writes or calls about the document, when anything is known.
    private func contact(_ w: inout XMLWriter, phone: String?, email: String?) {
        guard Seller.present(phone) != nil || Seller.present(email) != nil else { return }
        w.element("cac:Contact") { w in
            w.element("cbc:Telephone", ifPresent: phone)
            w.element("cbc:ElectronicMail", ifPresent: email)
        }
    }
}
