import ResellerCore

extension ServiceSettings {
    /// The defaults with the outside-EU seller: what every test desk runs with unless it says otherwise.
    public static var test: ServiceSettings {
        var s = ServiceSettings()
        s.seller = TestSeller.outsideEU
        return s
    }
}
