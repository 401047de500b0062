import Foundation
import Testing
import TerminalKit

/// Compares a render with its committed goldens, the text (`name.txt`) and the roles that carry meaning
/// (`name.roles.txt`: focus, selection, errors, warnings, disabled; see `Grid.roles`); UPDATE_GOLDENS=1
/// rewrites both (review the diff).
func expectGolden(_ grid: Grid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    for (file, render) in [("\(name).txt", grid.text), ("\(name).roles.txt", grid.roles)] {
        let path = folder.appendingPathComponent(file).path, text = render + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            continue
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == golden, "render differs from Golden/\(file) (UPDATE_GOLDENS=1 rewrites it)",
                sourceLocation: sourceLocation)
    }
}
