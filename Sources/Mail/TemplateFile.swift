import Foundation
import ResellerCore

/// A staff template (`mail.templates/KIND.txt|html`), read only when it can be trusted (#21). An admin may
/// point `mail.templates` at a folder others can write: a template there that is a symlink (to the SMTP
/// password file, say) or that another login wrote would mail whatever they chose. So the folder and the
/// file must belong to root or to the login reading them and be writable by nobody else, and the file is
/// opened without following a symlink. A refused template holds its emails (they fail, saying why) rather
/// than fall back silently to the built-in one.
public enum TemplateFile {
    enum Outcome: Equatable {
        case absent
        case text(String)
        case refused(String)
    }

    /// Why the file or folder at `path`, owned by `owner` with `mode`, may not be trusted by `reader`, with the
    /// fix; nil when it may.
    static func distrust(_ path: String, owner: uid_t, mode: mode_t, reader: uid_t,
                         login: (uid_t) -> String) -> String? {
        if owner != 0 && owner != reader {
            let trusted = reader == 0 ? "root" : "root or \(login(reader)) (who reads it)"
            return "it belongs to \(login(owner)), not to \(trusted): sudo chown root \(path)"
        }
        if mode & (S_IWGRP | S_IWOTH) != 0 {
            return "others than its owner may write it (mode \(String(mode & 0o7777, radix: 8))): "
                + "sudo chmod go-w \(path)"
        }
        return nil
    }

    static func read(folder: String, name: String, reader: uid_t = geteuid()) -> Outcome {
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dir >= 0 else {
            return errno == ENOENT ? .absent
                : .refused("cannot open the templates folder \(folder): \(String(cString: strerror(errno)))")
        }
        defer { close(dir) }
        var info = stat()
        fstat(dir, &info)
        if let why = distrust(folder, owner: info.st_uid, mode: info.st_mode, reader: reader, login: DeskAccess.login) {
            return .refused("the templates folder \(folder) is not trusted: \(why)")
        }
        let path = folder + "/" + name
        let fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: return .absent
            case ELOOP: return .refused("\(path) is a symbolic link; a template must be a file of the folder itself")
            default: return .refused("cannot read \(path): \(String(cString: strerror(errno)))")
            }
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        fstat(fd, &info)
        guard info.st_mode & S_IFMT == S_IFREG else { return .refused("\(path) is not a regular file") }
        if let why = distrust(path, owner: info.st_uid, mode: info.st_mode, reader: reader, login: DeskAccess.login) {
            return .refused("\(path) is not trusted: \(why)")
        }
        guard let data = try? handle.readToEnd() ?? Data(), let text = String(data: data, encoding: .utf8) else {
            return .refused("\(path) cannot be read as UTF-8 text")
        }
        return .text(text)
    }

    /// Every override of `folder` that would be refused, with why: what `doctor` and `mail list` say.
    public static func refusals(in folder: String) -> [String] {
        var out: [String] = []
        for kind in MailKind.allCases {
            for ext in ["txt", "html"] {
                if case .refused(let why) = read(folder: folder, name: "\(kind.rawValue).\(ext)"),
                   !out.contains(why) { out.append(why) }
            }
        }
        return out
    }
}
