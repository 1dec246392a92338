import Foundation
import MailSealKeys
import MailSealOpenPGP
import MailSealSMIME

/// Opens the home's keyring for a command, with `--trust` anchors added.
enum KeyringLoader {
    static let trustOption = OptionSpec(
        name: "trust", kind: .repeated, valueName: "FILE",
        help: "also trust the CA certificates in FILE (PEM or DER)")

    static func open(_ arguments: ArgumentList, context: ToolContext) throws -> Keyring {
        var anchors: [Certificate] = []
        for path in arguments.all("trust") {
            let data = try InputOutput.read(path)
            do {
                anchors += try Certificate.load(data)
            } catch {
                throw ToolError(.dataError, "\(path): not a certificate: \(error)")
            }
        }
        let passphrase = try Passphrase.text(arguments, context: context)
        do {
            return try Keyring(
                home: context.home, passphrase: passphrase.map(OpenPGPPassphrase.literal),
                smimePassphrase: passphrase, extraTrustAnchors: anchors)
        } catch let error as ToolError {
            throw error
        } catch {
            throw ToolError(.ioError, "cannot open the home \(context.home.url.path): \(error)")
        }
    }
}
