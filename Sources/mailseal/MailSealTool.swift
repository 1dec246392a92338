import Foundation
import MailSealKeys

/// The entry point: picks the command, runs it, and turns errors into exit codes.
enum MailSealTool {
    static let version = "0.1.0"

    static let commands: [any Command.Type] = [
        EncryptCommand.self, SignCommand.self, DecryptCommand.self, VerifyCommand.self,
        KeysCommand.self,
        TraceCommand.self, ProbeCommand.self,
    ]

    static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            InputOutput.note(String(usage.dropLast()))
            return ExitStatus.usage.rawValue
        }
        switch first {
        case "--help", "-h", "help":
            return (try? InputOutput.standardOutput(usage)) == nil
                ? ExitStatus.ioError.rawValue : ExitStatus.success.rawValue
        case "--version":
            return (try? InputOutput.standardOutput("mailseal \(version)\n")) == nil
                ? ExitStatus.ioError.rawValue : ExitStatus.success.rawValue
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            return report(ToolError(.usage, "unknown command '\(first)'; see 'mailseal --help'"))
        }
        return run(command, Array(arguments.dropFirst()))
    }

    static func run(_ command: any Command.Type, _ arguments: [String]) -> Int32 {
        do {
            let list = try ArgumentList(arguments, specs: command.options + command.commonOptions)
            if list.has("help") {
                try InputOutput.standardOutput(command.help)
                return ExitStatus.success.rawValue
            }
            let environment = ProcessInfo.processInfo.environment
            let home = MailSealHome.resolve(explicit: list.value("home"), environment: environment)
            let context = ToolContext(home: home, environment: environment)
            return try command.run(list, context: context).rawValue
        } catch let error as ToolError {
            return report(error)
        } catch {
            return report(ToolError(.checkFailed, "\(error)"))
        }
    }

    static func report(_ error: ToolError) -> Int32 {
        // One line, always: a library reason may carry a peer's multi-line text.
        let line = error.message.split(whereSeparator: \.isNewline).joined(separator: "; ")
        InputOutput.note("Error: \(line)")
        return error.status.rawValue
    }

    static var usage: String {
        var text = "Usage: mailseal COMMAND [OPTIONS] [FILE|-]\n\n"
        text += "End-to-end encrypted email with OpenPGP and S/MIME.\n\nCommands:\n"
        for command in commands {
            let padded = command.name.padding(toLength: 10, withPad: " ", startingAt: 0)
            text += "  \(padded)\(command.summary)\n"
        }
        text += "\nRun 'mailseal COMMAND --help' for a command's options.\n"
        return text
    }
}
