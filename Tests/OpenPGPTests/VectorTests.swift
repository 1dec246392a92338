import Foundation
import MailSealOpenPGP
import Testing
import TestSupport

/// The RFC 9580 vectors from the rPGP suite and the draft-bre samples, used in place.
@Suite struct VectorTests {
    static let helloWorld = Data("hello world\n".utf8)

    private func home(_ folder: String) throws -> TestHome {
        let home = try TestHome()
        _ = try home.context.importKeys(try Vector.data("rfc9580/\(folder)/tsk.asc"))
        return home
    }

    @Test(arguments: ["enc-seipdv1.msg", "enc-seipdv2.msg"])
    func theX25519MessagesDecryptToHelloWorld(_ message: String) throws {
        let home = try home("v4-ed25519-x25519")

        let decrypted = try home.context.decrypt(
            try Vector.data("rfc9580/v4-ed25519-x25519/\(message)"))

        #expect(decrypted.plaintext == VectorTests.helloWorld)
        #expect(decrypted.integrityProtected)
        #expect(decrypted.recipientKeyIDs == ["B137C9797E393F01"])
    }

    @Test func theCleartextSignedMessageVerifiesGood() throws {
        let home = try home("v4-ed25519-x25519")

        let (plaintext, signatures) = try home.context.verifyInline(
            try Vector.data("rfc9580/v4-ed25519-x25519/csf.msg"))

        #expect(String(decoding: plaintext, as: UTF8.self)
            .trimmingCharacters(in: .newlines) == "hello world")
        #expect(signatures.map(\.status) == [.good])
        #expect(signatures.first?.fingerprint == "0983F61D7BFA0843C07243C9A99D2DDA8CC73AD3")
        #expect(signatures.first?.hashAlgorithm == "SHA512")
        #expect(signatures.first?.signerAddresses == ["user@example.org"])
    }

    @Test(arguments: ["v4-rsa", "v4-nistp", "v6-25519-annex-a-4"])
    func seipdVersion2IsRefusedByNameArmoredOrBinary(_ folder: String) throws {
        let home = try TestHome()
        if folder.hasPrefix("v4") {
            _ = try home.context.importKeys(try Vector.data("rfc9580/\(folder)/tsk.asc"))
        }
        let armored = try Vector.data("rfc9580/\(folder)/enc-seipdv2.msg")
        let binary = try home.gpg(["--dearmor"], input: armored).stdout
        try #require(binary.count > 50 && binary.first.map { $0 & 0x80 } == 0x80)

        for message in [armored, binary] {
            let error = try #require(throws: OpenPGPError.self) {
                try home.context.decrypt(message)
            }
            #expect(error.code == .unsupportedMessageFormat)
            #expect(error.reason.hasPrefix("unsupported message format: SEIPD version 2 (RFC 9580"))
            #expect(error.reason.contains("PKESK version 6"))
            #expect(error.function == "decrypt")
        }
    }

    @Test func theDraftSamplesBobKeyImportsEncryptsAndDecrypts() throws {
        let home = try TestHome()
        let result = try home.context.importKeys(try Vector.data("draft-bre-samples/bob.sec.asc"))
        let bob = try home.context.usableKey(forAddress: "bob@openpgp.example", purpose: .encrypt)
        let text = Data("To Bob, from the samples draft.\n".utf8)

        let decrypted = try home.context.decrypt(
            try home.context.encrypt(text, recipients: [bob.fingerprint]))

        #expect(result.fingerprints == ["D1A66E1A23B182C9980F788CFBFCC82A015E7330"])
        #expect(result.secretImported == 1)
        #expect(bob.algorithm == "rsa3072")
        #expect(decrypted.plaintext == text)
    }
}

/// Messages without integrity protection (RFC 4880 s5.7), made by GnuPG's `--rfc2440`.
@Suite struct MissingIntegrityProtectionTests {
    let text = Data("An old message without MDC.\n".utf8)

    private func legacyMessage() throws -> (TestHome, Data) {
        let home = try TestHome(secretKeys: [.bob])
        let peer = try GPGPeer(importing: [TestKey.bob.publicKey])
        let made = try peer.run(
            ["--rfc2440", "--always-trust", "--armor", "-r", TestKey.bob.fingerprint, "-e"],
            input: text)
        try #require(made.status == 0, "\(made.stderrText)")
        let listing = try home.gpg(["--list-packets"], input: made.stdout).stdoutText
        try #require(listing.contains("tag=9"), "not a Symmetrically Encrypted Data packet")
        return (home, made.stdout)
    }

    @Test func aMessageWithoutMDCIsRefusedByDefault() throws {
        let (home, message) = try legacyMessage()

        let error = try #require(throws: OpenPGPError.self) { try home.context.decrypt(message) }

        #expect(error.code == .missingIntegrityProtection)
        #expect(error.reason.contains("no integrity protection"))
    }

    @Test func aMessageWithoutMDCDecryptsWhenExplicitlyAllowed() throws {
        let (home, message) = try legacyMessage()

        let decrypted = try home.context.decrypt(message, allowMissingIntegrityProtection: true)

        #expect(decrypted.plaintext == text)
        #expect(!decrypted.integrityProtected)
    }

    @Test func gpgsOwnReportCatchesAMessageWithoutMDCThatThePacketCheckMisses() throws {
        // Text before the armor hides the packets from MailSeal's own look at them.
        let (home, message) = try legacyMessage()
        let hidden = Data("Forwarded message:\n".utf8) + message

        let refused = try #require(throws: OpenPGPError.self) { try home.context.decrypt(hidden) }
        let allowed = try home.context.decrypt(hidden, allowMissingIntegrityProtection: true)

        #expect(refused.code == .missingIntegrityProtection)
        #expect(allowed.plaintext == text)
        #expect(!allowed.integrityProtected)
    }

    @Test func allowingMissingMDCStillReportsProtectedMessagesAsProtected() throws {
        let home = try TestHome(secretKeys: [.bob])
        let ciphertext = try home.context.encrypt(text, recipients: [TestKey.bob.fingerprint])

        let decrypted = try home.context.decrypt(ciphertext, allowMissingIntegrityProtection: true)

        #expect(decrypted.integrityProtected)
        #expect(decrypted.plaintext == text)
    }
}
