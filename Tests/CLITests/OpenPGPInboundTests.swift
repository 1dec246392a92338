import Foundation
import Testing
import TestSupport

/// What GnuPG and Sequoia make, framed by hand or by Python as RFC 3156 says, read by
/// `mailseal decrypt` and `mailseal verify` in Bob's home.
@Suite struct OpenPGPInboundTests {
    static let aliceFingerprint = "5865F1CAF6EB186E93C5DCB72AB8EA0126E87BCC"
    static let body = "Your appointment is confirmed for Monday at 10:00.\nRoom 2.14\n"

    /// Decrypts `message` in Bob's home; returns the JSON report and the output message.
    private func decryptAsBob(_ message: Data) throws -> (Report, [String: ParsedPart]) {
        let bob = try MailSealUser("bob")
        let output = bob.file("opened.eml")
        let result = try bob.mailseal([
            "decrypt", "--json", "-o", output.path,
            bob.write("received.eml", message).path,
        ])
        try result.requireSuccess()
        return (try Report.decode(result.stderrText),
                try PythonEmail.tree(of: Data(contentsOf: output)))
    }

    private func expectGoodSignatureByAlice(_ report: Report) throws {
        let signature = try report.onlySignature()
        #expect(signature.status == "good")
        #expect(signature.fingerprint == Self.aliceFingerprint)
        #expect(signature.signerAddresses == ["alice@example.org"])
        #expect(signature.matchesFrom)
        #expect(signature.coverage == "entire")
    }

    @Test func mailsealDecryptsWhatGpgEncryptsAndSigns() throws {
        let peer = try GnuPGPeer(["alice.sec.asc", "bob.pub.asc"])
        let entity = PeerEntity.text(Self.body, subject: "from gpg")
        let sealed = peer.directory.file("sealed.asc")
        try peer.gpg([
            "--trust-model", "always", "--armor", "--encrypt", "--sign",
            "-r", "bob@example.org", "-u", "alice@example.org", "--output", sealed.path,
            peer.write("entity.eml", entity).path,
        ], passphrase: "alice-passphrase").requireSuccess()
        let ciphertext = try Data(contentsOf: sealed)

        let (report, opened) = try decryptAsBob(
            PythonEmail.pgpEncrypted(ciphertext, subject: "[...]"))

        #expect(report.encrypted)
        #expect(report.method == "pgp")
        #expect(report.integrityProtected == true)
        try expectGoodSignatureByAlice(report)
        #expect(opened["message"]?.contentType == "text/plain")
        #expect(opened["message"]?.text == Self.body)
    }

    @Test func mailsealVerifiesAGpgDetachedSignature() throws {
        let peer = try GnuPGPeer(["alice.sec.asc"])
        let entity = PeerEntity.text(Self.body, subject: "signed by gpg")
        let signature = peer.directory.file("entity.asc")
        try peer.gpg([
            "--armor", "--detach-sign", "--digest-algo", "SHA256", "-u", "alice@example.org",
            "--output", signature.path, peer.write("entity.eml", entity).path,
        ], passphrase: "alice-passphrase").requireSuccess()
        let armored = try Data(contentsOf: signature)
        let message = MultipartSigned.compose(
            signed: entity, signature: armored, protocol: "application/pgp-signature",
            micalg: "pgp-sha256", subject: "signed by gpg")
        let bob = try MailSealUser("bob")

        let result = try bob.mailseal(["verify", "--json", bob.write("in.eml", message).path])

        #expect(result.status == 0, "\(result.stdoutText)")
        try expectGoodSignatureByAlice(Report.decode(result.stdoutText))
    }

    @Test func mailsealDecryptsWhatSequoiaEncryptsAndSigns() throws {
        let folder = TemporaryDirectory("mailseal-cli-sq")
        let aliceKey = try GnuPGPeer.unprotectedSecretKey("alice", into: folder.url)
        let sealed = try Sequoia.run([
            "encrypt", "--recipient-cert", TestKey.openPGP("bob.pub.asc").path,
            "--signer-key", aliceKey.path,
        ], input: PeerEntity.text(Self.body, subject: "from sq"))
        try sealed.requireSuccess()

        let (report, opened) = try decryptAsBob(
            PythonEmail.pgpEncrypted(sealed.stdout, subject: "[...]"))

        #expect(report.encrypted)
        #expect(report.method == "pgp")
        #expect(report.integrityProtected == true)
        try expectGoodSignatureByAlice(report)
        #expect(opened["message"]?.text == Self.body)
    }

    @Test func mailsealVerifiesASequoiaDetachedSignature() throws {
        let folder = TemporaryDirectory("mailseal-cli-sq")
        let aliceKey = try GnuPGPeer.unprotectedSecretKey("alice", into: folder.url)
        let entity = PeerEntity.text(Self.body, subject: "signed by sq")
        let signature = try Sequoia.run(
            ["sign", "--detached", "--signer-key", aliceKey.path], input: entity)
        try signature.requireSuccess()
        let message = MultipartSigned.compose(
            signed: entity, signature: signature.stdout,
            protocol: "application/pgp-signature", micalg: "pgp-sha512",
            subject: "signed by sq")
        let bob = try MailSealUser("bob")

        let result = try bob.mailseal(["verify", "--json", bob.write("in.eml", message).path])

        #expect(result.status == 0, "\(result.stdoutText)")
        try expectGoodSignatureByAlice(Report.decode(result.stdoutText))
    }
}
