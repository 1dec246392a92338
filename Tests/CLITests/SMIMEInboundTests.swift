import Foundation
import Testing
import TestSupport

/// What OpenSSL, NSS and gpgsm make, read by `mailseal decrypt` and `mailseal verify`.
@Suite struct SMIMEInboundTests {
    static let body = "Your referral letter is attached to your record.\nDr. Example\n"
    static let entity = PeerEntity.text(body, subject: "from a peer")

    /// Opens `message` with `command` in `user`'s home; the JSON report and the status.
    private func open(_ message: Data, _ user: MailSealUser, _ command: [String])
        throws -> (report: Report, status: Int32, output: URL)
    {
        let output = user.file("opened.eml")
        let decrypting = command.first == "decrypt"
        let result = try user.mailseal(
            command + ["--json"] + (decrypting ? ["-o", output.path] : [])
                + [user.write("received.eml", message).path])
        let report = try Report.decode(decrypting ? result.stderrText : result.stdoutText)
        return (report, result.status, output)
    }

    private func expectGoodSignature(by name: String, _ report: Report) throws {
        let signature = try report.onlySignature()
        #expect(signature.status == "good")
        #expect(signature.fingerprint == (try TestKey.certificateFingerprint(name)))
        #expect(signature.signerAddresses == ["\(name)@example.org"])
        #expect(signature.matchesFrom)
        #expect(signature.coverage == "entire")
    }

    @Test(arguments: [("aes-256-cbc", "AES-256-CBC", false), ("aes-256-gcm", "AES-256-GCM", true)],
          ["bob", "carol"])
    func mailsealDecryptsWhatOpensslEncrypts(
        cipher: (option: String, name: String, authenticated: Bool), recipient: String
    ) throws {
        let sealed = try OpenSSL.cms([
            "-encrypt", "-\(cipher.option)", "-from", "alice@example.org",
            "-to", "\(recipient)@example.org", "-subject", "from openssl",
            TestKey.smime("\(recipient).crt").path,
        ], input: Self.entity)
        try sealed.requireSuccess()
        let user = try MailSealUser(recipient)

        let (report, status, output) = try open(sealed.stdout, user, ["decrypt"])

        #expect(status == 0)
        #expect(report.encrypted)
        #expect(report.method == "smime")
        #expect(report.cipher == cipher.name)
        #expect(report.integrityProtected == cipher.authenticated)
        #expect(report.signatures.isEmpty)
        #expect(try PythonEmail.tree(of: Data(contentsOf: output))["message"]?.text == Self.body)
    }

    @Test(arguments: [false, true])
    func mailsealVerifiesWhatOpensslSignsWithHomeOrCommandLineTrust(opaque: Bool) throws {
        let signed = try OpenSSL.cms([
            "-sign", "-signer", TestKey.smime("alice.crt").path,
            "-inkey", TestKey.smime("alice.key").path,
            "-from", "alice@example.org", "-to", "bob@example.org", "-subject", "signed",
        ] + (opaque ? ["-nodetach"] : []), input: Self.entity)
        try signed.requireSuccess()
        let trusting = try MailSealUser("bob", knowing: [])
        let stranger = try MailSealUser("bob", knowing: [], trustsCA: false)

        let home = try open(signed.stdout, trusting, ["verify"])
        let untrusted = try open(signed.stdout, stranger, ["verify"])
        let flag = try open(
            signed.stdout, stranger, ["verify", "--trust", TestKey.smime("ca.crt").path])

        #expect(home.status == 0)
        try expectGoodSignature(by: "alice", home.report)
        #expect(untrusted.status == 1)
        #expect(try untrusted.report.onlySignature().status == "untrustedCertificate")
        #expect(flag.status == 0)
        try expectGoodSignature(by: "alice", flag.report)
    }

    @Test func mailsealDecryptsWhatNSSEncrypts() throws {
        let database = try NSSDatabase(identities: ["alice"])
        let der = database.directory.file("sealed.der")
        try database.cmsutil([
            "-E", "-r", "alice@example.org", "-i", database.write("in.eml", Self.entity).path,
            "-o", der.path,
        ]).requireSuccess()
        let message = try PythonEmail.pkcs7MIME(
            Data(contentsOf: der), smimeType: "enveloped-data", subject: "[...]")
        let alice = try MailSealUser("alice")

        let (report, status, output) = try open(message, alice, ["decrypt"])

        #expect(status == 0)
        #expect(report.method == "smime")
        #expect(report.integrityProtected == false)
        #expect(try PythonEmail.tree(of: Data(contentsOf: output))["message"]?.text == Self.body)
    }

    @Test(arguments: [false, true])
    func mailsealVerifiesWhatNSSSigns(detached: Bool) throws {
        let database = try NSSDatabase(identities: ["alice"])
        let der = database.directory.file("signed.der")
        try database.cmsutil([
            "-S", "-G", "-P", "-N", "alice", "-i", database.write("in.eml", Self.entity).path,
            "-o", der.path,
        ] + (detached ? ["-T"] : [])).requireSuccess()
        let signature = try Data(contentsOf: der)
        let message = detached
            ? MultipartSigned.compose(
                signed: Self.entity, signature: signature,
                protocol: "application/pkcs7-signature", micalg: "sha-256", subject: "signed")
            : try PythonEmail.pkcs7MIME(signature, smimeType: "signed-data", subject: "signed")
        let bob = try MailSealUser("bob", knowing: [])

        let (report, status, _) = try open(message, bob, ["verify"])

        #expect(status == 0)
        try expectGoodSignature(by: "alice", report)
    }

    @Test func mailsealVerifiesAGpgsmDetachedSignature() throws {
        let gpgsm = try GpgsmHome(identity: "alice")
        let signature = gpgsm.directory.file("signature.p7s")
        try gpgsm.gpgsm([
            "-u", "alice@example.org", "--include-certs", "-1", "--detach-sign",
            "--output", signature.path, gpgsm.write("in.eml", Self.entity).path,
        ], passphrase: true).requireSuccess()
        let message = MultipartSigned.compose(
            signed: Self.entity, signature: try Data(contentsOf: signature),
            protocol: "application/pkcs7-signature", micalg: "sha-256", subject: "signed")
        let bob = try MailSealUser("bob", knowing: [])

        let (report, status, _) = try open(message, bob, ["verify"])

        #expect(status == 0)
        try expectGoodSignature(by: "alice", report)
    }

    @Test func mailsealDecryptsWhatGpgsmEncrypts() throws {
        let gpgsm = try GpgsmHome()
        try gpgsm.gpgsm(["--import", TestKey.smime("alice.crt").path]).requireSuccess()
        let der = gpgsm.directory.file("sealed.der")
        try gpgsm.gpgsm([
            "-r", "alice@example.org", "--encrypt", "--output", der.path,
            gpgsm.write("in.eml", Self.entity).path,
        ]).requireSuccess()
        let message = try PythonEmail.pkcs7MIME(
            Data(contentsOf: der), smimeType: "enveloped-data", subject: "[...]")
        let alice = try MailSealUser("alice")

        let (report, status, output) = try open(message, alice, ["decrypt"])

        #expect(status == 0)
        #expect(report.method == "smime")
        #expect(try PythonEmail.tree(of: Data(contentsOf: output))["message"]?.text == Self.body)
    }
}
