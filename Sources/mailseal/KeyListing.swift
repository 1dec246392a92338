import Foundation
import MailSealKeys
import MailSealMessage
import MailSealOpenPGP
import MailSealSMIME

/// `keys list`: every key and certificate in the home, with what it can be used for.
struct KeyListing {
    let keyring: Keyring

    struct Entry: Codable {
        var kind: String
        var fingerprint: String
        var addresses: [String]
        var algorithm: String
        var expires: Date?
        var hasSecret: Bool
        var status: String
    }

    func entries() throws -> [Entry] {
        var entries: [Entry] = []
        for key in try keyring.openPGP.listKeys() {
            entries.append(Entry(
                kind: "openpgp", fingerprint: key.fingerprint, addresses: key.addresses,
                algorithm: key.algorithm, expires: key.expires, hasSecret: key.hasSecret,
                status: status(of: key)))
        }
        let now = Date()
        let identities = Set(try keyring.smime.certificatesWithPrivateKey())
        for certificate in try keyring.smime.certificates() {
            entries.append(Entry(
                kind: certificate.isCA ? "smime-ca" : "smime",
                fingerprint: certificate.fingerprintSHA256,
                addresses: certificate.emailAddresses, algorithm: certificate.keyAlgorithm,
                expires: certificate.notAfter, hasSecret: identities.contains(certificate),
                status: certificate.notAfter < now ? "expired" : "valid"))
        }
        for anchor in try keyring.smime.trustAnchors() {
            entries.append(Entry(
                kind: "trust-anchor", fingerprint: anchor.fingerprintSHA256,
                addresses: anchor.emailAddresses, algorithm: anchor.keyAlgorithm,
                expires: anchor.notAfter, hasSecret: false,
                status: anchor.notAfter < now ? "expired" : "valid"))
        }
        return entries
    }

    func print(json: Bool) throws -> ExitStatus {
        let entries = try entries()
        if json {
            try InputOutput.standardOutput(Data(try JSONOutput.text(entries).utf8))
            return .success
        }
        for entry in entries {
            let secret = entry.hasSecret ? " [secret]" : ""
            let expires = entry.expires.map { " expires \(ReportDate.day($0))" } ?? ""
            let addresses = entry.addresses.isEmpty
                ? "" : " " + entry.addresses.joined(separator: ", ")
            try InputOutput.standardOutput("\(entry.kind) \(entry.fingerprint) "
                + "\(entry.algorithm) \(entry.status)\(expires)\(secret)\(addresses)\n")
        }
        return .success
    }

    private func status(of key: OpenPGPKey) -> String {
        if key.isRevoked { return "revoked" }
        if key.isExpired { return "expired" }
        if key.isDisabled { return "disabled" }
        if key.isInvalid { return "invalid" }
        return key.canEncrypt ? "valid" : "valid (cannot encrypt)"
    }
}
