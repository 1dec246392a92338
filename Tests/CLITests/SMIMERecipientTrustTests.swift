import Foundation
import Testing
import TestSupport

/// `encrypt` uses a recipient's S/MIME certificate only when it chains to a trusted CA.
@Suite struct SMIMERecipientTrustTests {
    @Test func encryptingToAnUntrustedCertificateFailsUntilItsCAIsTrusted() throws {
        let alice = try MailSealUser("alice", knowing: [])
        try alice.mailseal(["keys", "import", TestKey.smime("stranger.crt").path])
            .requireSuccess()
        let input = Example.url("plain.eml").path
        let command = ["encrypt", "--method", "smime", "--to", "stranger@example.org", input]

        let refused = try alice.mailseal(command)
        try alice.mailseal(["keys", "trust", TestKey.smime("other-ca.crt").path])
            .requireSuccess()
        let sealed = try alice.mailseal(command)

        refused.expectError(1, naming: input, [
            "stranger@example.org", "does not chain to a trusted CA",
            "CN = Other Untrusted Test CA",
        ])
        #expect(refused.stdout.isEmpty)
        try sealed.requireSuccess()
        let message = try alice.write("sealed.eml", sealed.stdout)
        let opened = try OpenSSL.cms([
            "-decrypt", "-in", message.path, "-recip", TestKey.smime("stranger.crt").path,
            "-inkey", TestKey.smime("stranger.key").path,
        ])
        try opened.requireSuccess()
        #expect(opened.stdoutText.contains("your prescription has been renewed"))
    }

    @Test func withoutAMethodAnUntrustedCertificateGivesWayToOpenPGP() throws {
        let alice = try MailSealUser("alice", knowing: ["bob"], trustsCA: false)
        let input = Example.url("plain.eml").path

        let chosen = try alice.mailseal(["encrypt", "--to", "bob@example.org", input])
        let forced = try alice.mailseal(
            ["encrypt", "--method", "smime", "--to", "bob@example.org", input])

        try chosen.requireSuccess()
        #expect(chosen.stderrText.contains("delivery: bob@example.org: pgp:"))
        #expect(chosen.stderrText.contains("\nencrypted with OpenPGP"))
        forced.expectError(1, naming: input, [
            "bob@example.org", "does not chain to a trusted CA", "CN = MailSeal Test CA",
        ])
    }
}
