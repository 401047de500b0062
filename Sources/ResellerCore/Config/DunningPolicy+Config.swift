extension DunningPolicy {
    /// `[dunning]` of the configuration; a key not set keeps its default (3, 10 and 20 days; 30; a copy).
    public init(_ config: ConfigFile) throws(ServiceError) {
        self.init()
        let key = "dunning.reminder_days"
        if config.isSet(key) {
            let days = config.list(key).compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard days.count == config.list(key).count, (1...3).contains(days.count),
                  days.allSatisfy({ (1...365).contains($0) }), zip(days, days.dropFirst()).allSatisfy({ $0 < $1 })
            else {
                let given = config.list(key).joined(separator: ", ")
                throw .invalid("config", "\(config.source(key)): \(key) must list 1 to 3 whole numbers of days "
                                + "from 1 to 365, ascending, such as [3, 10, 20], not [\(given)]")
            }
            reminderDays = days
        }
        suspendAfterDays = try config.int("dunning.suspend_after_days", default: 30, range: 0...365)
        if suspendAfterDays > 0, suspendAfterDays <= reminderDays.last! {
            throw .invalid("config", "\(config.source("dunning.suspend_after_days")): dunning.suspend_after_days "
                            + "(\(suspendAfterDays)) must come after the last reminder (\(reminderDays.last!) days), "
                            + "so the final notice can name the suspension date; or 0 never to suspend")
        }
        copyAccountManager = try config.flag("dunning.copy_account_manager", default: true)
    }
}
