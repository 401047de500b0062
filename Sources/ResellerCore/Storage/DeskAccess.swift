import Foundation

/// Who may use a desk's files, and the one sentence that says why not. A team desk is a database in a folder
/// shared by a Unix group (the Debian package makes /var/lib/resellerdesk/desk, group resellerdesk, setgid): a
/// login outside the group must be told which group and how to join it, never SQLite's "unable to open".
public enum DeskAccess {
    /// 0660 in a group-writable folder (the group shares the desk), else 0600 (a private desk).
    public static func newFileMode(folder: String) -> mode_t {
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IWGRP != 0 else { return 0o600 }
        return 0o660
    }

    /// The refusal for a permission error on `path` (nil for any other error): names the group that shares
    /// the desk and how to be added to it, or the owner and mode that keep a member out.
    public static func refusal(path: String, errno code: Int32) -> ServiceError? {
        guard code == EACCES || code == EPERM else { return nil }
        let me = login(getuid())
        guard let (blocking, info) = nearestVisible(path) else {
            return .storage("\(me) may not open \(path): \(String(cString: strerror(code)))")
        }
        let group = groupName(info.st_gid)
        let mode = String(info.st_mode & 0o7777, radix: 8)
        // Group-writable (the desk's folder and files), or open to the group and closed to others (the packaged
        // data folder, root's 0750 since #21, which a login outside the group cannot even look into).
        let sharedWithGroup = info.st_mode & S_IWGRP != 0 || (info.st_mode & 0o070 != 0 && info.st_mode & 0o007 == 0)
        if sharedWithGroup && !callerGroups().contains(info.st_gid) {
            return .storage("\(me) is not in the group \(group) that shares the desk \(path); ask an administrator "
                            + "to run `sudo adduser \(me) \(group)`, then log in again")
        }
        if info.st_mode & S_IWGRP == 0 && info.st_uid != getuid() {
            return .storage("\(me) may not write \(blocking): it is \(login(info.st_uid))'s own (mode \(mode)); a desk "
                            + "shared by a team lives in a group folder such as /var/lib/resellerdesk/desk "
                            + "(README, team install)")
        }
        return .storage("\(me) may not write \(blocking) (owner \(login(info.st_uid)), group \(group), mode \(mode)); "
                        + "a shared desk's files must be group-writable: ask an administrator to run "
                        + "`sudo chmod g+rw \(blocking)`")
    }

    /// The path itself, or else the nearest folder above it that this process can see (the one that keeps
    /// it out), with its status.
    static func nearestVisible(_ path: String) -> (String, stat)? {
        var candidate = path
        while true {
            var info = stat()
            if stat(candidate, &info) == 0 { return (candidate, info) }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate || parent.isEmpty { return nil }
            candidate = parent
        }
    }

    /// The groups this process has now (a login added to a group gets it at its next login).
    public static func callerGroups() -> Set<gid_t> {
        let count = getgroups(0, nil)
        var groups = [gid_t](repeating: 0, count: Int(max(count, 0)))
        let n = getgroups(count, &groups)
        return Set(groups.prefix(Int(max(n, 0)))).union([getgid(), getegid()])
    }

    public static func login(_ uid: uid_t) -> String {
        guard let pw = getpwuid(uid), let name = pw.pointee.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }

    /// The logins of a group: its listed members and those whose primary group it is.
    public static func members(of gid: gid_t) -> [String] {
        var logins: Set<String> = []
        if let gr = getgrgid(gid), var member = gr.pointee.gr_mem {
            while let name = member.pointee {
                logins.insert(String(cString: name))
                member += 1
            }
        }
        setpwent()
        while let pw = getpwent() {
            if pw.pointee.pw_gid == gid, let name = pw.pointee.pw_name { logins.insert(String(cString: name)) }
        }
        endpwent()
        return logins.sorted()
    }

    public static func groupName(_ gid: gid_t) -> String {
        guard let gr = getgrgid(gid), let name = gr.pointee.gr_name else { return "gid \(gid)" }
        return String(cString: name)
    }
}
