import Foundation
import MailSealOpenPGP
import Testing
import TestSupport

/// What MailSeal makes, the gpg program reads; what gpg makes, MailSeal reads.
@Suite struct GnuPGInteropTests {
    let letter = Data("Dear Bob,\r\nthe results are attached.\r\nAlice\r\n".utf8)

    @Test func gpgDecryptsAndVerifiesWhatWeEncryptAndSign() throws {
        let sender = try TestHome(publicKeys: [.bob], secretKeys: [.alice])
        let peer = try GPGPeer(importing: [TestKey.bob.secretKey, TestKey.alice.publicKey])
        let ciphertext = try sender.context.encrypt(
            letter, recipients: [TestKey.bob.fingerprint], signer: TestKey.alice.fingerprint)

        let result = try peer.run(
            ["--decrypt"], input: ciphertext, passphrase: TestKey.bob.passphrase)

        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout == letter)
        #expect(result.stderrText.contains("[GNUPG:] DECRYPTION_OKAY"))
        #expect(result.stderrText.contains("[GNUPG:] GOODMDC"))
        #expect(result.stderrText.contains("[GNUPG:] VALIDSIG \(TestKey.alice.fingerprint)"))
    }

    @Test func gpgVerifiesOurDetachedSignatureWithTheSameDigest() throws {
        let signer = try TestHome(secretKeys: [.bob])
        let peer = try GPGPeer(importing: [TestKey.bob.publicKey])
        let made = try signer.context.signDetached(letter, signer: TestKey.bob.fingerprint)
        let signature = try peer.write("letter.sig", made.signature)
        let signed = try peer.write("letter.txt", letter)

        let result = try peer.run(["--verify", signature.path, signed.path])

        #expect(result.status == 0, "\(result.stderrText)")
        let validsig = try #require(result.stderrText.split(separator: "\n")
            .first { $0.hasPrefix("[GNUPG:] VALIDSIG ") }?.split(separator: " "))
        // VALIDSIG fpr date timestamp expire version reserved pk-algo hash-algo ...
        #expect(validsig[2] == TestKey.bob.fingerprint)
        let names = ["2": "SHA1", "8": "SHA256", "9": "SHA384", "10": "SHA512", "11": "SHA224"]
        #expect(names[String(validsig[9])] == made.hashAlgorithm)
    }

    @Test func gpgVerifiesOurCleartextSignature() throws {
        let signer = try TestHome(secretKeys: [.alice])
        let peer = try GPGPeer(importing: [TestKey.alice.publicKey])
        let signed = try signer.context.sign(
            Data("Plain text, signed.\n".utf8), signer: TestKey.alice.fingerprint,
            mode: .clearText)

        let result = try peer.run(["--decrypt"], input: signed)

        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "Plain text, signed.\n")
        #expect(result.stderrText.contains("[GNUPG:] GOODSIG"))
    }

    @Test func weDecryptAndVerifyWhatGpgEncryptsAndSigns() throws {
        let peer = try GPGPeer(importing: [TestKey.alice.secretKey, TestKey.bob.publicKey])
        let made = try peer.run(
            ["--always-trust", "--armor", "--sign", "--encrypt", "-u", TestKey.alice.fingerprint,
             "-r", TestKey.bob.fingerprint, "--set-filename", "results.txt"],
            input: letter, passphrase: TestKey.alice.passphrase)
        try #require(made.status == 0, "\(made.stderrText)")
        let receiver = try TestHome(publicKeys: [.alice], secretKeys: [.bob])

        let decrypted = try receiver.context.decrypt(made.stdout)

        #expect(decrypted.plaintext == letter)
        #expect(decrypted.integrityProtected)
        #expect(decrypted.fileName == "results.txt")
        #expect(!decrypted.isMIME)
        #expect(decrypted.signatures.map(\.status) == [.good])
        #expect(decrypted.signatures.first?.signerAddresses == ["alice@example.org"])
    }

    @Test func aLiteralPacketMarkedMIMEIsReported() throws {
        let peer = try GPGPeer(importing: [TestKey.bob.secretKey])
        let entity = Data("Content-Type: text/plain\r\n\r\nHello\r\n".utf8)
        let message = try LiteralModeMessage.make(
            for: peer, recipient: TestKey.bob.fingerprint,
            recipientPassphrase: TestKey.bob.passphrase, content: entity)
        let receiver = try TestHome(secretKeys: [.bob])

        let decrypted = try receiver.context.decrypt(message)

        #expect(decrypted.isMIME)
        #expect(decrypted.integrityProtected)
        #expect(decrypted.plaintext == entity)
    }

    @Test func gpgsTextModeHandsBackLineFeedsOnly() throws {
        // A fact the PGP/MIME layer must live with: GnuPG 2.2 writes a text-mode (`t`)
        // literal packet with CRLF and gives it back with LF only.
        let peer = try GPGPeer(importing: [TestKey.bob.publicKey])
        let made = try peer.run(
            ["--always-trust", "--textmode", "-r", TestKey.bob.fingerprint, "--encrypt"],
            input: Data("Line one\r\nLine two\r\n".utf8))
        try #require(made.status == 0, "\(made.stderrText)")
        let receiver = try TestHome(secretKeys: [.bob])

        let decrypted = try receiver.context.decrypt(made.stdout)

        #expect(!decrypted.isMIME)
        #expect(decrypted.plaintext == Data("Line one\nLine two\n".utf8))
    }

    @Test func weVerifyGpgsDetachedAndCleartextSignatures() throws {
        let peer = try GPGPeer(importing: [TestKey.carol.secretKey])
        let file = try peer.write("letter.txt", letter)
        let detached = try peer.run(
            ["--armor", "--detach-sign", "-u", TestKey.carol.fingerprint, "-o", "-", file.path],
            passphrase: TestKey.carol.passphrase)
        let clear = try peer.run(
            ["--clearsign", "-u", TestKey.carol.fingerprint], input: Data("Note.\n".utf8),
            passphrase: TestKey.carol.passphrase)
        try #require(detached.status == 0 && clear.status == 0)
        let verifier = try TestHome(publicKeys: [.carol])

        let signatures = try verifier.context.verifyDetached(
            signedData: letter, signature: detached.stdout)
        let (plaintext, inline) = try verifier.context.verifyInline(clear.stdout)

        #expect(signatures.map(\.status) == [.good])
        #expect(signatures.first?.fingerprint == TestKey.carol.fingerprint)
        #expect(inline.map(\.status) == [.good])
        #expect(plaintext == Data("Note.\n".utf8))
    }
}
