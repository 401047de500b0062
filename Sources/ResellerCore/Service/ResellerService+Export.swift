import Foundation

/// One file an export wrote, found already there (the same bytes), or could not make.
public struct ExportedFile: Sendable {
    public enum Outcome: Sendable, Equatable {
        case written, unchanged
        /// No such file exists for the document (a document issued before tax has no e-invoice): why.
        case none(String)
    }

    public var number: String
    public var format: DocumentFormat
    public var path: String
    public var sha256: String?
    public var size: Int
    public var outcome: Outcome
}

/// Invoices and credit notes written to files (the CLI's `export`, the terminal's invoice view): the kept
/// bytes, each file renamed into place whole, so an export that stops midway leaves no half file, and one
/// run again writes only what is missing or differs.
extension ResellerService {
    /// The documents `numbers` in `formats`, into `folder` (made if missing), each named by its number.
    /// In a range, a document with no e-invoice is reported, not refused; `strict` refuses it (one document),
    /// and then writes nothing: every file of a batch is made before the first is written. The files made
    /// fresh are kept a batch at a time, one commit for `batch` documents rather than one each.
    public func exportDocuments(_ numbers: [String], formats: [DocumentFormat], folder: String, strict: Bool = false,
                                batch: Int = 100, by actor: Actor) throws(ServiceError) -> [ExportedFile] {
        enum Made { case file(MadeFile), none(ExportedFile) }
        var out: [ExportedFile] = []
        for start in stride(from: 0, to: numbers.count, by: batch) {
            var made: [Made] = []
            for number in numbers[start..<min(start + batch, numbers.count)] {
                for format in formats {
                    do {
                        made.append(.file(try self.made(number: number, format: format, by: actor)))
                    } catch .refused(field: "ubl", let why) where !strict {
                        made.append(.none(ExportedFile(number: number, format: format, path: "", sha256: nil,
                                                       size: 0, outcome: .none(why))))
                    }
                }
            }
            let fresh = made.compactMap { m -> DocumentFile? in if case .file(.fresh(let f)) = m { f } else { nil } }
            var kept = (fresh.isEmpty ? [] : try keep(fresh))[...]
            if start == 0 { try makeFolder(folder) }
            for m in made {
                let file: DocumentFile
                switch m {
                case .file(.kept(let found)): file = found
                case .file(.fresh): file = kept.removeFirst()
                case .none(let none): out.append(none); continue
                }
                out.append(try write(file, to: folder + "/" + file.fileName))
            }
        }
        if numbers.isEmpty { try makeFolder(folder) }
        return out
    }

    /// One document's file at `path` exactly.
    public func exportDocument(_ number: String, format: DocumentFormat, to path: String,
                               by actor: Actor) throws(ServiceError) -> ExportedFile {
        try write(try documentFile(number: number, format: format, by: actor), to: path)
    }

    private func write(_ file: DocumentFile, to path: String) throws(ServiceError) -> ExportedFile {
        var done = ExportedFile(number: file.number, format: file.format, path: path, sha256: file.sha256,
                                size: file.bytes.count, outcome: .unchanged)
        if let there = FileManager.default.contents(atPath: path), [UInt8](there) == file.bytes { return done }
        if let why = Self.replace(path, with: file.bytes) {
            throw .refused(field: "out", message: "cannot write \(path): \(why)")
        }
        done.outcome = .written
        return done
    }

    /// Writes `bytes` under a temporary name beside `path` and renames it into place, so a reader never sees half
    /// a file; created as the user's umask allows, as any file they write. The system's words when it fails.
    private static func replace(_ path: String, with bytes: [UInt8]) -> String? {
        let partial = path + ".part-\(getpid())"
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var done = 0, failure: Int32 = 0
        while done < bytes.count, failure == 0 {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n > 0 { done += n } else if errno != EINTR { failure = errno }
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(partial, path) != 0 { failure = errno }
        if failure != 0 { unlink(partial) }
        return failure == 0 ? nil : String(cString: strerror(failure))
    }

    /// The folder and any missing parents, made one at a time so that a refusal names the system's reason.
    private func makeFolder(_ folder: String) throws(ServiceError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw .invalid([FieldError("folder", "\(folder) is a file: name a folder to write the documents into")])
            }
            return
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder { try makeFolder(parent) }
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
            throw .refused(field: "folder", message: "cannot make \(folder): \(String(cString: strerror(errno)))")
        }
    }
}
