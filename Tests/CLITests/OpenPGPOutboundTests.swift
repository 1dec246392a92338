import Foundation
import Testing
import TestSupport

/// What `mailseal` makes with OpenPGP, read by GnuPG and Sequoia, which share no code
/// with it: the PGP/MIME framing (RFC 3156) must be right for them to find anything.
@Suite struct OpenPGPOutboundTests {
    static let aliceFingerprint = "5865F1CAF6EB186E93C5DCB72AB8EA0126E87BCC"

    /// Alice's home sealing lab-result.eml for Bob; returns the sealed message.
    private func seal(_ alice: MailSealUser, _ command: [String]) throws -> Data {
        let sealed = alice.file("sealed.eml")
        try alice.mailseal(command + [
            "--method", "pgp", "-o", sealed.path, Example.url("lab-result.eml").path,
        ]).requireSuccess()
        return try Data(contentsOf: sealed)
    }

    @Test(arguments: [false, true])
    func gpgDecryptsTheEncryptedPartToTheInnerMessage(signed: Bool) throws {
        let alice = try MailSealUser("alice")
        let sealed = try seal(
            alice, ["encrypt", "--to", "bob@example.org"] + (signed ? ["--sign"] : []))
        let peer = try GnuPGPeer(["bob.sec.asc", "alice.pub.asc"])
        let ciphertext = try #require(try PythonEmail.tree(of: sealed)["2"]?.payload)
        let output = peer.directory.file("inner.eml")

        let result = try peer.gpg(
            ["--output", output.path, "--decrypt", peer.write("part2.asc", ciphertext).path],
            passphrase: "bob-passphrase")

        try result.requireSuccess()
        #expect(result.stdoutText.contains("[GNUPG:] DECRYPTION_OKAY"))
        #expect(result.stdoutText.contains("[GNUPG:] GOODMDC"))
        try LabResult.expectIntact(Data(contentsOf: output))
        let validSignature = result.stdoutText.split(separator: "\n").contains {
            $0.hasPrefix("[GNUPG:] VALIDSIG") && $0.hasSuffix(Self.aliceFingerprint)
        }
        #expect(validSignature == signed)
        #expect(result.stdoutText.contains("[GNUPG:] GOODSIG 2AB8EA0126E87BCC") == signed)
        #expect(!result.stdoutText.contains("BADSIG"))
    }

    @Test func gpgAcceptsTheDetachedSignatureOverTheFirstPartsBytes() throws {
        let alice = try MailSealUser("alice", knowing: [])
        let signed = try MultipartSigned(seal(alice, ["sign"]))
        let peer = try GnuPGPeer(["alice.pub.asc"])
        let signature = try peer.write("signature.asc", signed.signatureBody)

        let good = try peer.gpg([
            "--verify", signature.path, peer.write("signed.txt", signed.signedBytes).path,
        ])
        let altered = try peer.gpg([
            "--verify", signature.path,
            peer.write("altered.txt", signed.signedBytes.flippingByte(at: -3)).path,
        ])

        try good.requireSuccess()
        #expect(good.stdoutText.contains("[GNUPG:] GOODSIG 2AB8EA0126E87BCC"))
        #expect(good.stdoutText.contains(Self.aliceFingerprint))
        #expect(altered.status != 0)
        #expect(altered.stdoutText.contains("[GNUPG:] BADSIG 2AB8EA0126E87BCC"))
    }

    @Test func sequoiaDecryptsAndFindsAlicesSignature() throws {
        let alice = try MailSealUser("alice")
        let sealed = try seal(alice, ["encrypt", "--sign", "--to", "bob@example.org"])
        let folder = TemporaryDirectory("mailseal-cli-sq")
        let key = try GnuPGPeer.unprotectedSecretKey("bob", into: folder.url)
        let ciphertext = folder.file("part2.asc")
        try #require(try PythonEmail.tree(of: sealed)["2"]?.payload).write(to: ciphertext)
        let output = folder.file("inner.eml")

        let result = try Sequoia.run([
            "decrypt", "--recipient-key", key.path,
            "--signer-cert", TestKey.openPGP("alice.pub.asc").path,
            "--output", output.path, ciphertext.path,
        ])

        // With a signer certificate sq fails unless one signature by it is good.
        try result.requireSuccess()
        #expect(result.stderrText.contains("Good signature from 2AB8EA0126E87BCC"))
        try LabResult.expectIntact(Data(contentsOf: output))
    }

    @Test func sequoiaAcceptsTheDetachedSignature() throws {
        let alice = try MailSealUser("alice", knowing: [])
        let signed = try MultipartSigned(seal(alice, ["sign"]))
        let folder = TemporaryDirectory("mailseal-cli-sq")
        let signature = folder.file("signature.asc")
        try signed.signatureBody.write(to: signature)
        let data = folder.file("signed.txt"), altered = folder.file("altered.txt")
        try signed.signedBytes.write(to: data)
        try signed.signedBytes.flippingByte(at: 0).write(to: altered)
        let cert = TestKey.openPGP("alice.pub.asc").path

        let good = try Sequoia.run(
            ["verify", "--signer-cert", cert, "--detached", signature.path, data.path])
        let bad = try Sequoia.run(
            ["verify", "--signer-cert", cert, "--detached", signature.path, altered.path])

        try good.requireSuccess()
        #expect(good.stderrText.contains("Good signature from 2AB8EA0126E87BCC"))
        #expect(bad.status != 0)
    }
}
