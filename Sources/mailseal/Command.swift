import Foundation
import MailSealKeys

/// One `mailseal` subcommand.
protocol Command {
    /// The word on the command line: `encrypt`, `keys`, `probe`.
    static var name: String { get }
    /// One line for the tool's own help.
    static var summary: String { get }
    /// The synopsis lines shown by `--help`.
    static var synopsis: [String] { get }
    /// The options besides `--home` and `--help`, which every command takes.
    static var options: [OptionSpec] { get }

    static func run(_ arguments: ArgumentList, context: ToolContext) throws -> ExitStatus
}

/// What every command gets besides its arguments.
struct ToolContext {
    var home: MailSealHome
    var environment: [String: String]
}

extension Command {
    static var commonOptions: [OptionSpec] {
        [
            OptionSpec(name: "home", kind: .single, valueName: "DIR",
                       help: "MailSeal's home folder (else MAILSEAL_HOME, else ~/.mailseal)"),
            OptionSpec(name: "help", kind: .flag, help: "show this help"),
        ]
    }

    static var help: String {
        var text = "Usage:\n"
        for line in synopsis { text += "  mailseal \(line)\n" }
        text += "\n\(summary)\n\nOptions:\n"
        for option in options + commonOptions {
            var left = "--\(option.name)"
            if option.name == "output" { left = "-o, --output" }
            if option.kind != .flag { left += " \(option.valueName)" }
            let width = max(26, left.count + 2)
            let padded = left.padding(toLength: width, withPad: " ", startingAt: 0)
            text += "  \(padded)\(option.help)\n"
        }
        return text
    }
}
