import Foundation
import Testing
import TestSupport

/// S/MIME private keys are stored under the import passphrase, and a wrong one stops
/// signing and decrypting with one line naming the key.
@Suite struct SMIMEKeyProtectionTests {
    /// The stored key file of `name`'s certificate in `user`'s home.
    private func keyFile(_ name: String, of user: MailSealUser) throws -> URL {
        user.home.appendingPathComponent(
            "smime/keys/\(try TestKey.certificateFingerprint(name)).pem")
    }

    private func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }

    @Test func aKeyImportedFromPKCS12IsStoredEncryptedAndPrivate() throws {
        let alice = try MailSealUser("alice", knowing: [])
        let file = try keyFile("alice", of: alice)

        let text = try String(contentsOf: file, encoding: .utf8)
        let opened = try ProcessRunner.run(
            "openssl", ["pkey", "-in", file.path, "-passin", "pass:alice-passphrase", "-noout"])
        let refused = try ProcessRunner.run(
            "openssl", ["pkey", "-in", file.path, "-passin", "pass:wrong", "-noout"])

        #expect(text.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(try mode(file) == 0o600)
        #expect(opened.status == 0, "\(opened.stderrText)")
        #expect(refused.status != 0)
    }

    @Test func aWrongPassphraseStopsSMIMESigningWithOneLine() throws {
        let alice = try MailSealUser("alice", knowing: [])
        let input = Example.url("plain.eml").path
        let wrongFile = try alice.write("wrong.txt", Data("not-alice\n".utf8))

        let fromEnvironment = try alice.mailseal(
            ["sign", "--method", "smime", input], environment: ["MAILSEAL_PASSPHRASE": "nope"])
        let fromFile = try alice.mailseal(
            ["sign", "--method", "smime", "--passphrase-file", wrongFile.path, input])
        let right = try alice.mailseal(["sign", "--method", "smime", input])

        for result in [fromEnvironment, fromFile] {
            result.expectError(1, naming: input, [
                "the private key for alice@example.org is protected and the passphrase is wrong",
            ])
            #expect(result.stdout.isEmpty)
        }
        try right.requireSuccess()
        #expect(right.stdoutText.contains("application/pkcs7-signature"))
    }

    @Test func aWrongPassphraseStopsSMIMEDecryptionButNotTheKeyList() throws {
        let alice = try MailSealUser("alice", knowing: ["bob"])
        let bob = try MailSealUser("bob", knowing: [])
        let sealed = try alice.mailseal(
            ["encrypt", "--method", "smime", "--to", "bob@example.org",
             Example.url("plain.eml").path])
        try sealed.requireSuccess()
        let input = try bob.write("in.eml", sealed.stdout)
        let wrong = ["MAILSEAL_PASSPHRASE": "not-bob"]

        let opened = try bob.mailseal(["decrypt", input.path], environment: wrong)
        let listed = try bob.mailseal(["keys", "list"], environment: wrong)

        opened.expectError(1, naming: input.path, ["bob@example.org", "passphrase is wrong"])
        #expect(opened.stdout.isEmpty)
        try listed.requireSuccess()
        let bobLine = listed.stdoutText.split(separator: "\n")
            .first { $0.hasPrefix("smime ") && $0.contains("bob@example.org") }
        #expect(bobLine?.contains("[secret]") == true)
    }

    @Test func aPlainKeyImportedWithoutAPassphraseStaysPlainButPrivate() throws {
        let dave = try MailSealUser("dave", knowing: [], trustsCA: false, ownKeys: false)
        let files = [TestKey.smime("carol.crt").path, TestKey.smime("carol.key").path]
        let binary = ProjectPaths.mailsealBinary.path
        let environment = ["MAILSEAL_HOME": dave.home.path]

        // env -u: no MAILSEAL_PASSPHRASE at all, whatever the test runner has.
        let imported = try ProcessRunner.run(
            "env", ["-u", "MAILSEAL_PASSPHRASE", binary, "keys", "import"] + files,
            environment: environment)
        let signed = try ProcessRunner.run(
            "env", ["-u", "MAILSEAL_PASSPHRASE", binary, "sign", "--method", "smime",
                    "--from", "carol@example.org", Example.url("plain.eml").path],
            environment: environment)

        try imported.requireSuccess()
        let file = try keyFile("carol", of: dave)
        #expect(try String(contentsOf: file, encoding: .utf8)
            .hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try mode(file) == 0o600)
        try signed.requireSuccess()
    }
}
