import Foundation
import MailSealMessage
import MailSealSMIME

/// `mailseal encrypt`: encrypts (and optionally signs) a message for its recipients.
struct EncryptCommand: Command {
    static let name = "encrypt"
    static let summary = "Encrypt a message for its recipients with OpenPGP or S/MIME."
    static let synopsis = [
        "encrypt --to ADDR [--to ADDR ...] [--from ADDR] [--method pgp|smime] [--sign] "
            + "[--policy FILE] [--sensitive] [--probe] "
            + "[--cipher aes-256-cbc|aes-256-gcm] [--oaep] [-o OUT] [FILE|-]",
    ]
    static let options = [
        OptionSpec(name: "to", kind: .repeated, valueName: "ADDR",
                   help: "a recipient; give once per recipient"),
        OptionSpec(name: "from", kind: .single, valueName: "ADDR",
                   help: "the sender (default: the From address)"),
        MethodOption.spec,
        OptionSpec(name: "sign", kind: .flag, help: "also sign as the sender"),
        OptionSpec(name: "cipher", kind: .single, valueName: "NAME",
                   help: "S/MIME content cipher: aes-256-cbc (default) or aes-256-gcm"),
        OptionSpec(name: "probe", kind: .flag,
                   help: "without --method: also gather network evidence (DNS, WKD, MX)"),
        OptionSpec(name: "oaep", kind: .flag,
                   help: "S/MIME: wrap the key for RSA recipients with RSAES-OAEP"),
        OptionSpec(name: "output", kind: .single, valueName: "OUT",
                   help: "write the encrypted message to OUT (default: standard output)"),
        Passphrase.option,
    ] + ProbeSources.options

    static func run(_ arguments: ArgumentList, context: ToolContext) throws -> ExitStatus {
        let input = try arguments.singleInput()
        let recipients = arguments.all("to")
        guard !recipients.isEmpty else {
            throw ToolError(.usage, "encrypt needs at least one --to ADDR")
        }
        let data = try InputOutput.read(input)
        var method = try MethodOption.parse(arguments)
        if method == nil {
            let choice = try DeliveryChoice.method(
                for: recipients, arguments: arguments, context: context,
                input: InputOutput.name(input))
            for reason in choice.reasons { InputOutput.note("delivery: \(reason)") }
            method = choice.method
        }
        if method == .pgp, arguments.value("cipher") != nil || arguments.has("oaep") {
            throw ToolError(.usage, "--cipher and --oaep are S/MIME options; OpenPGP "
                + "chooses its cipher from the recipients' keys")
        }
        let request = SealRequest(
            recipients: recipients, sender: arguments.value("from"),
            method: method, sign: arguments.has("sign"),
            encrypt: true, cipher: try cipher(arguments),
            rsaKeyTransport: arguments.has("oaep") ? .oaep : .pkcs1v15)
        return try SealRunner.run(
            request, data: data, arguments: arguments, context: context, input: input)
    }

    private static func cipher(_ arguments: ArgumentList) throws -> ContentEncryptionAlgorithm? {
        guard let name = arguments.value("cipher") else { return nil }
        switch name.lowercased() {
        case "aes-256-cbc", "aes256-cbc", "aes256cbc": return .aes256CBC
        case "aes-256-gcm", "aes256-gcm", "aes256gcm": return .aes256GCM
        case "aes-128-cbc": return .aes128CBC
        case "aes-128-gcm": return .aes128GCM
        default:
            throw ToolError(.usage, "unknown cipher '\(name)'; use aes-256-cbc or aes-256-gcm")
        }
    }
}

/// `--method pgp|smime`.
enum MethodOption {
    static let spec = OptionSpec(
        name: "method", kind: .single, valueName: "pgp|smime",
        help: "OpenPGP or S/MIME (default: what every recipient has a key for)")

    static func parse(_ arguments: ArgumentList) throws -> CryptoMethod? {
        guard let value = arguments.value("method") else { return nil }
        guard let method = CryptoMethod(rawValue: value.lowercased()) else {
            throw ToolError(.usage, "unknown method '\(value)'; use pgp or smime")
        }
        return method
    }
}
