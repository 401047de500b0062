import Foundation

extension ResellerService {
    /// The staff logins an account manager is chosen from, for the form's completion: the members of the
    /// desk's group (the database file's group: on a team desk, `resellerdesk`; on PostgreSQL, the logins in
    /// `resellerdesk_staff`) and the login at the desk. Service logins (uid below 1000, root among them) are left
    /// out: no one manages accounts as `daemon`.
    public func staffLogins(current: String = Actor.currentStaff().login) -> [String] {
        if store.isPostgres {
            let staff = (try? store.read { tx in try tx.staffRoles() }) ?? []
            return Array(Set(staff + [current])).sorted()
        }
        var st = stat()
        guard stat(store.path, &st) == 0 else { return [current] }
        let people = DeskAccess.members(of: st.st_gid).filter { login in
            guard let pw = getpwnam(login) else { return false }
            return pw.pointee.pw_uid >= 1000 && pw.pointee.pw_uid != 65534
        }
        return Array(Set(people + [current])).sorted()
    }
}
