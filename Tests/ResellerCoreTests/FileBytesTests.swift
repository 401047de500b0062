import Foundation
import Testing
@testable import ResellerCore

/// The start's file reads (the configuration files, the terminal's draft) through open and read: a file's bytes
/// whole, no file at all as nil, and anything else named.
@Suite struct FileBytesTests {
    @Test func aFileIsReadWholeAndAMissingOneIsNil() throws {
        let folder = NSTemporaryDirectory() + "rd-filebytes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }   // more than one read's chunk
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/big"))
        #expect(try FileBytes.read(folder + "/big") == bytes)
        try Data().write(to: URL(fileURLWithPath: folder + "/empty"))
        #expect(try FileBytes.read(folder + "/empty") == [])
        #expect(try FileBytes.read(folder + "/none") == nil)
        #expect(try FileBytes.read(folder + "/big/below") == nil)          // a file where a folder would be
        #expect(throws: FileBytes.Unreadable(reason: "Is a directory")) { try FileBytes.read(folder) }
    }

    @Test func aConfigurationPathThatIsAFolderIsNamed() throws {
        let folder = NSTemporaryDirectory() + "rd-config-folder-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: ServiceError.invalid("config", "cannot read \(folder): Is a directory")) {
            try ConfigFile.load(systemPath: folder, path: "/nonexistent/user.toml", environment: [:])
        }
    }
}
