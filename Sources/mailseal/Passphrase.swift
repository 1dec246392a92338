import Foundation

/// Where a passphrase comes from: `--passphrase-file`, else `MAILSEAL_PASSPHRASE`.
/// Never from an argument, which other users could read in the process list.
enum Passphrase {
    static let option = OptionSpec(
        name: "passphrase-file", kind: .single, valueName: "FILE",
        help: "read the key passphrase from FILE (else MAILSEAL_PASSPHRASE)")

    /// The passphrase as text: for OpenPGP secret keys, PKCS#12 bundles and S/MIME keys.
    static func text(_ arguments: ArgumentList, context: ToolContext) throws -> String? {
        if let path = arguments.value("passphrase-file") {
            let data = try InputOutput.read(path)
            let text = String(decoding: data, as: UTF8.self)
            return String(text.split(separator: "\n", omittingEmptySubsequences: false)
                .first ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
        }
        return context.environment["MAILSEAL_PASSPHRASE"]
    }
}
