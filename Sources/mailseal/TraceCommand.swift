import Foundation
import MailSealMIME
import MailSealTrace

/// `mailseal trace`: was a received message encrypted on each hop between organisations?
enum TraceCommand: Command {
    static let name = "trace"
    static let summary = "Read a message's Received fields: TLS per hop and for the path."
    static let synopsis = ["trace [--json] [--internal DOMAIN ...] [FILE|-]"]
    static let options = [
        OptionSpec(name: "json", kind: .flag, help: "print the report as JSON"),
        OptionSpec(name: "internal", kind: .repeated, valueName: "DOMAIN",
                   help: "a domain of your organisation (may be given again)"),
    ]

    static func run(_ arguments: ArgumentList, context: ToolContext) throws -> ExitStatus {
        let input = try arguments.singleInput()
        let data = try InputOutput.read(input)
        let entity: MIMEEntity
        do {
            entity = try MIMEParser().parse(headerBlock(of: data))
        } catch let error as MIMEError {
            throw ToolError(.dataError, "cannot trace \(inputName(input)): \(error.reason)")
        }

        let report: TraceReport
        do {
            report = try TraceReport(
                receivedFields: entity.header.values("Received"),
                internalDomains: arguments.all("internal"))
        } catch let error as TraceError {
            throw ToolError(.usage, "--internal: \(error.reason)")
        }

        if arguments.has("json") {
            try InputOutput.standardOutput(Data(try JSONOutput.text(report).utf8))
        } else {
            try InputOutput.standardOutput(TraceText(report).text)
        }
        return .success
    }

    // MARK: - Input

    private static func inputName(_ input: String?) -> String {
        input.map { $0 == "-" ? "standard input" : "'\($0)'" } ?? "standard input"
    }

    /// The bytes up to the first empty line: only the header is traced, so a body that
    /// nests too deep or is damaged does not stop the trace.
    private static func headerBlock(of data: Data) -> Data {
        var lineStart = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            let length = index - lineStart
            if length == 0 || (length == 1 && data[lineStart] == 0x0D) {
                return data[data.startIndex..<lineStart]
            }
            lineStart = index + 1
        }
        return data
    }
}
