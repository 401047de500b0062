import Foundation

/// The official EN 16931 UBL rules (scripts/testing/en16931-ubl/validate, Saxon-HE) run on e-invoices the tests
/// wrote. One process for all the files: the rules are a 900 KB XSLT that takes seconds to compile.
public enum EN16931Validator {
    /// The package's root, from this file's place in it.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Where the tests put the documents they write, for a person to open.
    public static let outputFolder = root + "/.build/test-output/ubl"

    /// The rules one document failed, each as "BR-O-02: text [location]".
    public struct Verdict: Sendable {
        public var fatal: [String]
        public var warnings: [String]
    }

    public struct Failure: Error, CustomStringConvertible { public var description: String }

    /// The verdict on each of `files` (absolute paths), by path. Throws, saying what to do, when the validator
    /// cannot run: the tests must never pass without it.
    public static func validate(_ files: [String]) throws -> [String: Verdict] {
        let python = root + "/.build/test-venv/bin/python"
        let setUp = "run scripts/test once: it makes .build/test-venv with saxonche (Saxon-HE) for the validator"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(description: "no Python at \(python): \(setUp)")
        }
        let probe = try run(python, ["-c", "import saxonche"])
        guard probe.status == 0 else { throw Failure(description: "saxonche is missing in \(python): \(setUp)") }
        let result = try run(python, [root + "/scripts/testing/en16931-ubl/validate", "--json"] + files)
        var verdicts: [String: Verdict] = [:]
        for line in result.out.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let file = object["file"] as? String else { continue }
            verdicts[file] = Verdict(fatal: rules(object["fatal"]), warnings: rules(object["warning"]))
        }
        guard Set(verdicts.keys) == Set(files) else {
            throw Failure(description: "the validator judged \(verdicts.count) of \(files.count) files "
                          + "(exit \(result.status)): \(result.err)")
        }
        return verdicts
    }

    private static func rules(_ list: Any?) -> [String] {
        (list as? [[String: String]] ?? []).map { r in
            "\(r["rule"] ?? "?"): \(r["text"] ?? "") [\(r["location"] ?? "")]"
        }
    }

    /// Runs `program` with its output in files, not pipes: a long report cannot fill a pipe and stall it.
    private static func run(_ program: String,
                            _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        let out = outputFolder + "/validator.jsonl", err = outputFolder + "/validator.stderr"
        try Data().write(to: URL(fileURLWithPath: out))
        try Data().write(to: URL(fileURLWithPath: err))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, try String(contentsOfFile: out, encoding: .utf8),
                try String(contentsOfFile: err, encoding: .utf8))
    }
}
