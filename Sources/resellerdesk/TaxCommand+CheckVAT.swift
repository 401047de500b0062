import ArgumentParser
import Foundation
import ResellerCore

extension TaxCommand {
    /// VAT IDs checked offline, each in the country its prefix names: for staff, and for an independent
    /// implementation to hold ours to (scripts/testing/vat-oracle.py). Opens no database.
    struct CheckVAT: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-vat",
            abstract: "Check EU VAT IDs: the country prefix, the format and the check digits.",
            discussion: "The country is each ID's prefix (EL for Greece). With no ID, one ID a line from stdin. "
                + "Exit 0 when every ID is valid, 1 otherwise. Offline: whether an ID is registered is VIES's to say.")
        @Argument(help: "VAT IDs with their country prefix, e.g. DE136695976.") var ids: [String] = []
        @Flag(help: "Print a JSON array of {input, valid, normalized or message}.") var json = false

        func run() throws {
            let inputs = ids.isEmpty ? Self.linesOfStdin() : ids
            let verdicts = inputs.map { ($0, VATNumber.check($0, country: Self.country(of: $0))) }
            if json {
                JSON.print(verdicts.map { input, verdict -> [String: Any] in
                    switch verdict {
                    case .success(let normalized): ["input": input, "valid": true, "normalized": normalized]
                    case .failure(let error): ["input": input, "valid": false, "message": error.message]
                    }
                })
            } else {
                for (input, verdict) in verdicts {
                    switch verdict {
                    case .success(let normalized): print("\(normalized) valid")
                    case .failure(let error): print(TerminalSafe.line("\(input): \(error.message)"))
                    }
                }
            }
            if verdicts.contains(where: { if case .failure = $0.1 { true } else { false } }) { throw ExitCode(1) }
        }

        /// The ISO code the ID's prefix stands for: EL is Greece; any other two characters are taken as a code
        /// (GR gets the check's own word that Greece's prefix is EL, a code outside the EU that it is no EU's).
        static func country(of id: String) -> String {
            let start = String(id.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }.prefix(2)).uppercased()
            return start == "EL" ? "GR" : start
        }

        /// Blank lines are skipped: a file of IDs may end with one or space its groups.
        static func linesOfStdin() -> [String] {
            var lines: [String] = []
            while let line = readLine() {
                if !line.allSatisfy(\.isWhitespace) { lines.append(line) }
            }
            return lines
        }
    }
}
