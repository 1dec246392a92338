import Foundation
import MailSealOpenPGP
import Testing
import TestSupport

/// Sequoia's `sq` 0.27 as the other implementation: keys it made, messages both ways.
@Suite struct SequoiaInteropTests {
    let note = Data("Sequoia and GnuPG agree on this.\n".utf8)

    @Test func sqDecryptsWhatWeEncrypt() throws {
        let sq = try SequoiaPeer(address: "dave@example.org")
        defer { withExtendedLifetime(sq) {} }  // Its files must outlive the sq runs.
        let home = try TestHome()
        let imported = try home.context.importKeys(sq.certificate)
        let dave = try home.context.usableKey(forAddress: "dave@example.org", purpose: .encrypt)
        let message = try sq.write(
            "note.asc", try home.context.encrypt(note, recipients: [dave.fingerprint]))

        let result = try SequoiaPeer.run(["decrypt", "--recipient-key", sq.keyFile.path,
                                          message.path])

        #expect(imported.fingerprints == [dave.fingerprint])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout == note)
    }

    @Test func sqVerifiesOurDetachedSignature() throws {
        let home = try TestHome(secretKeys: [.alice])
        let sq = try SequoiaPeer(address: "dave@example.org")
        defer { withExtendedLifetime(sq) {} }  // Its files must outlive the sq runs.
        let made = try home.context.signDetached(note, signer: TestKey.alice.fingerprint)
        let signature = try sq.write("note.sig", made.signature)
        let signed = try sq.write("note.txt", note)
        let altered = try sq.write("altered.txt", note + Data("!".utf8))

        let good = try SequoiaPeer.run(
            ["verify", "--signer-cert", TestKey.alice.publicKeyFile.path,
             "--detached", signature.path, signed.path])
        let bad = try SequoiaPeer.run(
            ["verify", "--signer-cert", TestKey.alice.publicKeyFile.path,
             "--detached", signature.path, altered.path])

        #expect(good.status == 0, "\(good.stderrText)")
        #expect(good.stderrText.contains("1 good signature"))
        #expect(bad.status != 0)
    }

    @Test func weDecryptWhatSqEncryptsAndSigns() throws {
        let sq = try SequoiaPeer(address: "erin@example.org")
        defer { withExtendedLifetime(sq) {} }  // Its files must outlive the sq runs.
        let input = try sq.write("note.txt", note)
        let made = try SequoiaPeer.run(
            ["encrypt", "--recipient-cert", TestKey.alice.publicKeyFile.path,
             "--signer-key", sq.keyFile.path, input.path])
        try #require(made.status == 0, "\(made.stderrText)")
        let home = try TestHome(secretKeys: [.alice])
        let erin = try home.context.importKeys(sq.certificate).fingerprints

        let decrypted = try home.context.decrypt(made.stdout)

        #expect(decrypted.plaintext == note)
        #expect(decrypted.integrityProtected)
        #expect(decrypted.signatures.map(\.status) == [.good])
        #expect(decrypted.signatures.first?.primaryFingerprint == erin.first)
        #expect(decrypted.signatures.first?.signerAddresses == ["erin@example.org"])
    }

    @Test func weVerifySqsDetachedSignature() throws {
        let sq = try SequoiaPeer(address: "frank@example.org")
        defer { withExtendedLifetime(sq) {} }  // Its files must outlive the sq runs.
        let input = try sq.write("note.txt", note)
        let made = try SequoiaPeer.run(
            ["sign", "--detached", "--signer-key", sq.keyFile.path, input.path])
        try #require(made.status == 0, "\(made.stderrText)")
        let home = try TestHome()
        _ = try home.context.importKeys(sq.certificate)

        let good = try home.context.verifyDetached(signedData: note, signature: made.stdout)
        let bad = try home.context.verifyDetached(
            signedData: note + Data(" ".utf8), signature: made.stdout)

        #expect(good.map(\.status) == [.good])
        #expect(good.first?.signerAddresses == ["frank@example.org"])
        #expect(bad.map(\.status) == [.bad])
    }
}
