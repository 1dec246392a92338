import Foundation
import MailSealMessage

/// `mailseal sign`: signs a message as its sender.
struct SignCommand: Command {
    static let name = "sign"
    static let summary = "Sign a message as its sender with OpenPGP or S/MIME."
    static let synopsis = ["sign [--method pgp|smime] [--from ADDR] [--opaque] [-o OUT] [FILE|-]"]
    static let options = [
        MethodOption.spec,
        OptionSpec(name: "from", kind: .single, valueName: "ADDR",
                   help: "sign as ADDR (default: the From address)"),
        OptionSpec(name: "opaque", kind: .flag,
                   help: "S/MIME: opaque signed-data instead of multipart/signed"),
        OptionSpec(name: "output", kind: .single, valueName: "OUT",
                   help: "write the signed message to OUT (default: standard output)"),
        Passphrase.option,
    ]

    static func run(_ arguments: ArgumentList, context: ToolContext) throws -> ExitStatus {
        let input = try arguments.singleInput()
        let request = SealRequest(
            sender: arguments.value("from"), method: try MethodOption.parse(arguments),
            sign: true, encrypt: false, opaqueSignature: arguments.has("opaque"))
        return try SealRunner.run(
            request, data: try InputOutput.read(input), arguments: arguments,
            context: context, input: input)
    }
}

/// What `encrypt` and `sign` share: read, seal, write, and say what was done.
enum SealRunner {
    static func run(
        _ request: SealRequest, data: Data, arguments: ArgumentList, context: ToolContext,
        input: String?
    ) throws -> ExitStatus {
        let keyring = try KeyringLoader.open(arguments, context: context)
        let sealed: SealedMessage
        do {
            sealed = try MessageSealer(keyring: keyring).seal(data, request: request)
        } catch {
            throw ErrorMapping.toolError(error, input: InputOutput.name(input))
        }

        try InputOutput.write(
            sealed.data, to: arguments.value("output"), input: input, permissions: 0o644)
        for line in describe(sealed, request: request) { InputOutput.note(line) }
        return .success
    }

    private static func describe(_ sealed: SealedMessage, request: SealRequest) -> [String] {
        var lines: [String] = []
        let action = request.encrypt ? (request.sign ? "signed and encrypted" : "encrypted")
            : "signed"
        var summary = "\(action) with \(sealed.method.displayName)"
        if let cipher = sealed.cipher { summary += " (\(cipher.displayName))" }
        lines.append(summary)
        for recipient in sealed.recipients {
            let role = recipient.isSender ? "sender's copy" : "recipient"
            lines.append("  \(role) \(recipient.address): \(recipient.fingerprint)")
        }
        if let signer = sealed.signer { lines.append("  signed by \(signer)") }
        for note in sealed.notes { lines.append("  note: \(note)") }
        return lines
    }
}
