import Foundation
import MailSealKeys
import MailSealMessage
import MailSealSMIME
import Testing
import TestSupport

/// A recipient's S/MIME certificate is used only when it chains to a trusted CA.
@Suite struct SMIMERecipientTrustTests {
    private func importFiles(_ files: [String], into keyring: Keyring) throws {
        let importer = KeyImporter(keyring: keyring)
        for file in files {
            let url = ProjectPaths.testKeys.appendingPathComponent(file)
            _ = try importer.importKeys(Data(contentsOf: url), source: file)
        }
    }

    private func certificate(_ name: String) throws -> Certificate {
        try Certificate(pemEncoded: Data(contentsOf: ProjectPaths.testKeys
            .appendingPathComponent("smime/\(name).crt")))
    }

    @Test func certificateFromAnUntrustedCAIsRefusedUntilThatCAIsTrusted() throws {
        let alice = try PersonHome("alice", openPGP: false)
        try importFiles(["smime/stranger.crt"], into: alice.keyring)
        let stranger = try certificate("stranger")
        let request = SealRequest(recipients: ["stranger@example.org"], method: .smime)

        let refused = #expect(throws: MessageError.self) {
            try alice.sealer.seal(try Example.data("plain.eml"), request: request)
        }
        try alice.keyring.smime.trust(try certificate("other-ca"))
        let sealed = try alice.sealer.seal(try Example.data("plain.eml"), request: request)

        #expect(refused?.code == .noUsableKey)
        #expect(refused?.reason == "stranger@example.org: S/MIME certificate "
            + "\(stranger.fingerprintSHA256.prefix(16)) for stranger@example.org does not "
            + "chain to a trusted CA: the issuer of \(stranger.subject) (\(stranger.issuer)) "
            + "is neither a trust anchor nor among the certificates available")
        #expect(sealed.recipients.first?.fingerprint == stranger.fingerprintSHA256)
    }

    @Test func anUntrustedCertificateLeavesTheChoiceToOpenPGP() throws {
        let folder = TemporaryDirectory("ms")
        let keyring = try Keyring(home: MailSealHome(url: folder.url))
        try importFiles(["smime/bob.crt", "openpgp/bob.pub.asc"], into: keyring)
        let sealer = MessageSealer(keyring: keyring)
        let request = SealRequest(recipients: ["bob@example.org"])

        let chosen = try sealer.seal(try Example.data("plain.eml"), request: request)
        try keyring.smime.trust(try certificate("ca"))
        let trusted = try sealer.seal(try Example.data("plain.eml"), request: request)

        #expect(chosen.method == .pgp)
        #expect(trusted.method == .smime)
    }

    @Test func withoutAnotherMethodTheErrorSaysWhyTheCertificateWasRefused() throws {
        let folder = TemporaryDirectory("ms")
        let keyring = try Keyring(home: MailSealHome(url: folder.url))
        try importFiles(["smime/bob.crt"], into: keyring)

        let error = #expect(throws: MessageError.self) {
            try MessageSealer(keyring: keyring).seal(
                try Example.data("plain.eml"),
                request: SealRequest(recipients: ["bob@example.org"]))
        }

        #expect(error?.code == .noUsableKey)
        #expect(error?.reason.contains("S/MIME: bob@example.org: S/MIME certificate") == true)
        #expect(error?.reason.contains("does not chain to a trusted CA") == true)
    }
}
