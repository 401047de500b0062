import Foundation
import Testing

/// Runs a program and returns stdout and stderr together.
@discardableResult
public func shell(_ args: String..., allowFailure: Bool = false) throws -> String {
    try shell(args, allowFailure: allowFailure)
}

/// `shell` with its arguments as an array (a tool's arguments built by the test).
@discardableResult
public func shell(_ args: [String], allowFailure: Bool = false) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = Array(args)
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    if !allowFailure && p.terminationStatus != 0 { Issue.record("\(args.joined(separator: " ")) failed: \(text)") }
    return text
}
