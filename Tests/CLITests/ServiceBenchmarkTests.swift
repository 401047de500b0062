import Foundation
import Testing
import DeskTestSupport

/// `resellerdesk-bench`, the service benchmark, at a size a test can wait for: every step it prints, the sqlite3
/// floor included, in a folder whose name a shell would split or end on.
@Suite struct ServiceBenchmarkTests {
    let cli = CLI()

    @Test func theBenchmarkRunsInAFolderWhoseNameHasAQuoteAndASpace() throws {
        let bench = CLI.root + "/.build/debug/resellerdesk-bench"
        #expect(FileManager.default.isExecutableFile(atPath: bench), "swift build makes \(bench)")
        let folder = cli.folder + "/it's a desk"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The launcher runs the benchmark instead of the desk's binary (which bash gets as $0 and leaves).
        let r = try cli.run([], environment: ["BENCH": bench, "DIR": folder],
                            launcher: ["/bin/bash", "-c", "exec \"$BENCH\" --accounts 20 --dir \"$DIR\""])
        #expect(r.code == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("integrity: ok"), "\(r.out)")
        #expect(r.out.contains("sqlite3 script: "), "\(r.out)")
        #expect(r.out.contains("service / sqlite3 script = "), "\(r.out)")
    }
}
