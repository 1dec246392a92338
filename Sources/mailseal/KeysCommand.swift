import Foundation
import MailSealKeys
import MailSealOpenPGP
import MailSealSMIME

/// `mailseal keys import|list|export|trust`.
struct KeysCommand: Command {
    static let name = "keys"
    static let summary = "Import, list and export OpenPGP keys and S/MIME certificates."
    static let synopsis = [
        "keys import FILE...", "keys list [--json]", "keys export ADDR [--method pgp|smime]",
        "keys trust FILE...",
    ]
    static let options = [
        OptionSpec(name: "json", kind: .flag, help: "list as JSON"),
        MethodOption.spec, Passphrase.option,
    ]

    static func run(_ arguments: ArgumentList, context: ToolContext) throws -> ExitStatus {
        guard let action = arguments.operands.first else {
            throw ToolError(.usage, "keys needs an action: import, list, export or trust")
        }
        let operands = Array(arguments.operands.dropFirst())
        let keyring = try KeyringLoader.open(arguments, context: context)
        switch action {
        case "import":
            return try importFiles(operands, keyring: keyring, arguments, context)
        case "list":
            return try KeyListing(keyring: keyring).print(json: arguments.has("json"))
        case "export":
            return try export(operands, keyring: keyring, arguments)
        case "trust":
            return try trust(operands, keyring: keyring)
        default:
            throw ToolError(.usage, "unknown keys action '\(action)'")
        }
    }

    private static func importFiles(
        _ paths: [String], keyring: Keyring, _ arguments: ArgumentList, _ context: ToolContext
    ) throws -> ExitStatus {
        guard !paths.isEmpty else { throw ToolError(.usage, "keys import needs FILE...") }
        let importer = KeyImporter(
            keyring: keyring, passphrase: try Passphrase.text(arguments, context: context))
        for path in paths {
            let data = try InputOutput.read(path)
            let imported: [ImportedKey]
            do {
                imported = try importer.importKeys(data, source: path)
            } catch {
                throw ErrorMapping.toolError(error, input: path)
            }
            for key in imported {
                let addresses = key.addresses.isEmpty
                    ? "" : " " + key.addresses.joined(separator: ", ")
                try InputOutput.standardOutput(
                    "imported \(key.kind.rawValue) \(key.fingerprint)\(addresses)\n")
            }
        }
        return .success
    }

    private static func export(_ operands: [String], keyring: Keyring, _ arguments: ArgumentList)
        throws -> ExitStatus
    {
        guard operands.count == 1, let address = operands.first else {
            throw ToolError(.usage, "keys export needs exactly one ADDR")
        }
        let method = try MethodOption.parse(arguments)
        if method != .smime, let key = try? keyring.openPGP.keys(forAddress: address).first {
            let exported = try keyring.openPGP.export(fingerprint: key.fingerprint)
            try InputOutput.standardOutput(exported)
            return .success
        }
        if method != .pgp, let certificate = try keyring.smime.certificates(forAddress: address)
            .first
        {
            try InputOutput.standardOutput(certificate.pemRepresentation)
            return .success
        }
        throw ToolError(.checkFailed, "no key or certificate for \(address)")
    }

    private static func trust(_ paths: [String], keyring: Keyring) throws -> ExitStatus {
        guard !paths.isEmpty else { throw ToolError(.usage, "keys trust needs FILE...") }
        for path in paths {
            let certificates: [Certificate]
            do {
                certificates = try Certificate.load(try InputOutput.read(path))
            } catch let error as ToolError {
                throw error
            } catch {
                throw ToolError(.dataError, "\(path): not a certificate: \(error)")
            }
            for certificate in certificates {
                guard certificate.isCA else {
                    throw ToolError(.dataError, "\(path): \(certificate.subject) is not a CA "
                        + "certificate; only CAs can be trust anchors")
                }
                try keyring.smime.trust(certificate)
                try InputOutput.standardOutput(
                    "trusted \(certificate.fingerprintSHA256) \(certificate.subject)\n")
            }
        }
        return .success
    }
}
