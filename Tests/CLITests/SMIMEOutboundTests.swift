import Foundation
import Testing
import TestSupport

/// What `mailseal` makes with S/MIME, read by OpenSSL, NSS (`cmsutil`) and `gpgsm`.
@Suite struct SMIMEOutboundTests {
    /// Alice's home sealing lab-result.eml with S/MIME; returns the sealed file.
    private func seal(_ alice: MailSealUser, _ command: [String]) throws -> URL {
        let sealed = alice.file("sealed.eml")
        try alice.mailseal(command + [
            "--method", "smime", "-o", sealed.path, Example.url("lab-result.eml").path,
        ]).requireSuccess()
        return sealed
    }

    /// `openssl cms -decrypt` of an S/MIME message file with `name`'s key.
    private func opensslDecrypt(_ message: URL, as name: String, into folder: URL) throws
        -> Data
    {
        let output = folder.appendingPathComponent("\(name).inner.eml")
        try OpenSSL.cms([
            "-decrypt", "-in", message.path, "-out", output.path,
            "-recip", TestKey.smime("\(name).crt").path,
            "-inkey", TestKey.smime("\(name).key").path,
        ]).requireSuccess()
        return try Data(contentsOf: output)
    }

    static let ciphers = [
        ("aes-256-cbc", "enveloped-data", "aes-256-cbc (2.16.840.1.101.3.4.1.42)"),
        ("aes-256-gcm", "authEnveloped-data", "aes-256-gcm (2.16.840.1.101.3.4.1.46)"),
    ]

    @Test(arguments: ciphers)
    func opensslDecryptsForRSAAndECRecipientsAndTheSender(
        cipher: String, smimeType: String, printed: String
    ) throws {
        let alice = try MailSealUser("alice")
        let sealed = try seal(alice, [
            "encrypt", "--cipher", cipher, "--to", "bob@example.org", "--to",
            "carol@example.org",
        ])

        #expect(try OpenSSL.contentEncryptionAlgorithm(ofSMIME: sealed) == "algorithm: "
            + printed)
        let outer = try PythonEmail.tree(of: Data(contentsOf: sealed))["message"]
        #expect(outer?.params["smime-type"] == smimeType)
        // carol and alice (the sender's copy) are RSA, bob is ECDH on P-256.
        for name in ["bob", "carol", "alice"] {
            try LabResult.expectIntact(opensslDecrypt(sealed, as: name, into: alice.files))
        }
    }

    @Test(arguments: [false, true])
    func opensslVerifiesTheSignatureAgainstTheTestCA(opaque: Bool) throws {
        let alice = try MailSealUser("alice", knowing: [])
        let signed = try seal(alice, ["sign"] + (opaque ? ["--opaque"] : []))
        let content = alice.file("content.eml"), signer = alice.file("signer.pem")

        let result = try OpenSSL.cms([
            "-verify", "-in", signed.path, "-CAfile", TestKey.smime("ca.crt").path,
            "-out", content.path, "-signer", signer.path,
        ])

        try result.requireSuccess()
        #expect(result.stderrText.contains("Verification successful"))
        #expect(try Data(contentsOf: signer) == Data(contentsOf: TestKey.smime("alice.crt")))
        try LabResult.expectIntact(Data(contentsOf: content))
        let type = try PythonEmail.tree(of: Data(contentsOf: signed))["message"]?.contentType
        #expect(type == (opaque ? "application/pkcs7-mime" : "multipart/signed"))
    }

    @Test func opensslVerifiesTheSignatureInsideSignedAndEncrypted() throws {
        let alice = try MailSealUser("alice")
        let sealed = try seal(alice, ["encrypt", "--sign", "--to", "bob@example.org"])
        let inner = try alice.write(
            "inner.eml", opensslDecrypt(sealed, as: "bob", into: alice.files))
        let content = alice.file("content.eml")

        let result = try OpenSSL.cms([
            "-verify", "-in", inner.path, "-CAfile", TestKey.smime("ca.crt").path,
            "-out", content.path,
        ])

        try result.requireSuccess()
        #expect(try PythonEmail.tree(of: Data(contentsOf: inner))["message"]?.contentType
            == "multipart/signed")
        try LabResult.expectIntact(Data(contentsOf: content))
    }

    @Test func nssDecryptsTheDefaultCipherForAnRSARecipient() throws {
        let alice = try MailSealUser("alice")
        let sealed = try seal(alice, ["encrypt", "--to", "carol@example.org"])
        // Only carol's key: NSS must find her RecipientInfo, not the sender's.
        let database = try NSSDatabase(identities: ["carol"])
        let der = try #require(try PythonEmail.tree(of: Data(contentsOf: sealed))["message"]?
            .payload)
        let output = database.directory.file("inner.eml")

        let result = try database.cmsutil([
            "-D", "-i", database.write("sealed.der", der).path, "-o", output.path,
        ])

        try result.requireSuccess()
        try LabResult.expectIntact(Data(contentsOf: output))
    }

    @Test func gpgsmAcceptsTheDetachedSignatureAsTrusted() throws {
        let alice = try MailSealUser("alice", knowing: [])
        let signed = try MultipartSigned(Data(contentsOf: seal(alice, ["sign"])))
        let gpgsm = try GpgsmHome()

        let result = try gpgsm.gpgsm([
            "--verify", gpgsm.write("signature.p7s", signed.signatureDER()).path,
            gpgsm.write("signed.eml", signed.signedBytes).path,
        ])

        try result.requireSuccess()
        #expect(result.stdoutText.contains("[GNUPG:] GOODSIG"))
        #expect(result.stdoutText.contains("[GNUPG:] VALIDSIG"))
        #expect(result.stdoutText.contains("[GNUPG:] TRUST_FULLY"))
        try LabResult.expectIntact(signed.signedBytes)
    }
}
