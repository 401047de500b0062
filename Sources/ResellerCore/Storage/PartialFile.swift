import Foundation

/// A file written under a temporary name in a folder others may write (a team desk's folder is
/// group-writable without the sticky bit, and root may be the one writing), then renamed into place. Its mode
/// and owner are set on the descriptor, never by name: a member who swaps the name for a symlink meanwhile
/// changes nothing outside the folder, and the swap is noticed before the rename.
struct PartialFile {
    let path: String
    let fd: Int32
    let device: dev_t
    let inode: ino_t

    /// Creates `path` with exactly `mode` (the umask cannot change it); a name already there, even a
    /// symlink, is refused, never followed nor removed.
    static func create(_ path: String, mode: mode_t) throws(ServiceError) -> PartialFile {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST {
                var info = stat()
                let what = lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK ? "a symbolic link" : "a file"
                throw .storage("\(path) is in the way (\(what) this program did not make); nothing was written: "
                               + "find out who put it there, remove it and try again")
            }
            throw DeskAccess.refusal(path: path, errno: code)
                ?? .storage("cannot create \(path): \(String(cString: strerror(code)))")
        }
        fchmod(fd, mode)
        var info = stat()
        fstat(fd, &info)
        return PartialFile(path: path, fd: fd, device: info.st_dev, inode: info.st_ino)
    }

    /// True while `name` is this very file (not a symlink or another file put there since).
    func isAt(_ name: String) -> Bool {
        var info = stat()
        return lstat(name, &info) == 0 && info.st_dev == device && info.st_ino == inode
    }

    func ensureInPlace() throws(ServiceError) {
        guard isAt(path) else {
            throw .storage("\(path) was replaced by another process while it was written; nothing was changed: "
                           + "find out who writes in \((path as NSString).deletingLastPathComponent)")
        }
    }

    func sync() throws(ServiceError) {
        guard fsync(fd) == 0 else {
            throw .storage("cannot save \(path) to disk: \(String(cString: strerror(errno)))")
        }
    }

    /// Renames it over `destination`, checking before and after that the name held this file.
    func rename(to destination: String) throws(ServiceError) {
        try ensureInPlace()
        guard Foundation.rename(path, destination) == 0 else {
            throw .storage("cannot put \(destination) in place: \(String(cString: strerror(errno)))")
        }
        guard isAt(destination) else {
            throw .storage("\(destination) was replaced by another process as it was put in place: "
                           + "find out who writes in \((destination as NSString).deletingLastPathComponent)")
        }
    }

    /// Closes it, and removes the temporary name only if it still holds this file (never a member's symlink).
    func finish() {
        close(fd)
        if isAt(path) { unlink(path) }
    }
}
