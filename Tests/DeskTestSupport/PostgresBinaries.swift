import Foundation

/// The programs of the newest PostgreSQL server installed the Debian way (/usr/lib/postgresql/N/bin).
struct PostgresBinaries: Sendable {
    static let minimumMajor = 15
    let major: Int
    let directory: String

    func path(_ program: String) -> String { directory + "/" + program }

    static func newest(root: String = "/usr/lib/postgresql") throws -> PostgresBinaries {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init)
            .filter { $0 >= minimumMajor && FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
        guard let major = versions.max() else {
            throw PostgresServerError("""
                the PostgreSQL tests need a PostgreSQL \(minimumMajor) server or later, and \(root) has none: \
                install Debian's postgresql-\(minimumMajor) package (apt-get install postgresql-\(minimumMajor))
                """)
        }
        return PostgresBinaries(major: major, directory: "\(root)/\(major)/bin")
    }
}
