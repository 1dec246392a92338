import Foundation
import MailSealMessage

/// `mailseal decrypt`: writes the decrypted message; the report goes to stderr.
struct DecryptCommand: Command {
    static let name = "decrypt"
    static let summary = "Decrypt a message and check its signatures."
    static let synopsis = ["decrypt [--json] [--allow-no-mdc] [--trust FILE] [-o OUT] [FILE|-]"]
    static let options = [
        OptionSpec(name: "json", kind: .flag, help: "write the report as JSON (on stderr)"),
        OptionSpec(name: "output", kind: .single, valueName: "OUT",
                   help: "write the decrypted message to OUT (default: standard output)"),
        OpenRunner.allowNoMDC, KeyringLoader.trustOption, Passphrase.option,
    ]

    static func run(_ arguments: ArgumentList, context: ToolContext) throws -> ExitStatus {
        let input = try arguments.singleInput()
        let opened = try OpenRunner.open(arguments, context: context, input: input)
        guard opened.report.encrypted else {
            throw ToolError(.checkFailed, "\(InputOutput.name(input)): the message is not "
                + "encrypted; use 'mailseal verify' to check its signatures")
        }

        // Plaintext goes only to its destination: never into a temporary file elsewhere.
        try InputOutput.write(
            opened.serialized(), to: arguments.value("output"), input: input,
            permissions: 0o600)
        let report = try ReportFormatter.render(opened.report, json: arguments.has("json"))
        InputOutput.note(String(report.dropLast()))
        // As gpg does: the plaintext is written, but a bad signature fails the command.
        let altered = opened.report.signatures.contains { $0.status == .bad }
        return altered ? .checkFailed : .success
    }
}

/// `mailseal verify`: checks signatures; exit 0 only when the message is fully verified.
struct VerifyCommand: Command {
    static let name = "verify"
    static let summary = "Check a message's signatures and say what they prove."
    static let synopsis = ["verify [--json] [--trust FILE] [FILE|-]"]
    static let options = [
        OptionSpec(name: "json", kind: .flag, help: "write the report as JSON"),
        OpenRunner.allowNoMDC, KeyringLoader.trustOption, Passphrase.option,
    ]

    static func run(_ arguments: ArgumentList, context: ToolContext) throws -> ExitStatus {
        let input = try arguments.singleInput()
        let opened = try OpenRunner.open(arguments, context: context, input: input)
        let report = try ReportFormatter.render(opened.report, json: arguments.has("json"))
        try InputOutput.standardOutput(report)
        return opened.report.isFullyVerified ? .success : .checkFailed
    }
}

/// What `decrypt` and `verify` share.
enum OpenRunner {
    static let allowNoMDC = OptionSpec(
        name: "allow-no-mdc", kind: .flag,
        help: "accept OpenPGP data without integrity protection (unsafe)")

    static func open(_ arguments: ArgumentList, context: ToolContext, input: String?) throws
        -> OpenedMessage
    {
        let data = try InputOutput.read(input)
        let keyring = try KeyringLoader.open(arguments, context: context)
        var opener = MessageOpener(keyring: keyring)
        opener.allowMissingIntegrityProtection = arguments.has("allow-no-mdc")
        var opened: OpenedMessage
        do {
            opened = try opener.open(data)
        } catch {
            throw ErrorMapping.toolError(error, input: InputOutput.name(input))
        }
        AutocryptLearning.learn(&opened, keyring: keyring)
        return opened
    }
}
