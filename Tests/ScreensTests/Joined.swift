import Foundation
import TerminalKit

/// The grid's rows joined as one text, so that a message wrapped over several rows reads as one.
func joined(_ grid: Grid) -> String {
    grid.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
}
