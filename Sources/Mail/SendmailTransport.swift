import Foundation

/// Hands each message to a sendmail-compatible program (`sendmail -i -f FROM -- TO`). Exit status 75
/// (EX_TEMPFAIL) means try again; any other failure is permanent, with what the program printed.
struct SendmailTransport: MailTransport {
    let program: String

    mutating func send(_ message: OutgoingMessage) -> SendResult {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            return .temporary("\(program) is not an executable program (set sendmail.path)", connectionLost: true)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = ["-i", "-f", message.envelopeFrom, "--", message.recipient]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = output
        do { try p.run() } catch {
            return .temporary("cannot start \(program): \(error.localizedDescription)", connectionLost: true)
        }
        // sendmail reads local line ends.
        let text = String(decoding: message.data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        input.fileHandleForWriting.write(Data(text.utf8))
        try? input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        p.waitUntilExit()
        switch p.terminationStatus {
        case 0: return .sent
        case 75: return .temporary("\(program) asked to try later (status 75) \(said)", connectionLost: false)
        default: return .permanent("\(program) failed with status \(p.terminationStatus): \(said)")
        }
    }

    mutating func close() {}
}
