import Foundation
import Testing
import TestSupport

/// `encrypt` without `--method` follows the same delivery decision as `probe`.
@Suite struct EncryptDeliveryTests {
    @Test func policyPreferringOpenPGPMakesEncryptUseIt() throws {
        let alice = try MailSealUser("alice")
        let policy = try alice.write("policy.json", Data("""
            { "version": 1, "methods": ["pgp", "smime", "tls", "portal"] }
            """.utf8))

        let result = try alice.mailseal(
            ["encrypt", "--to", "bob@example.org", "--policy", policy.path,
             "-o", "out.eml", Example.url("plain.eml").path])
        try result.requireSuccess()
        #expect(result.stderrText.contains("delivery: bob@example.org: pgp:"))
        let sealed = try String(contentsOf: alice.file("out.eml"), encoding: .utf8)
        #expect(sealed.contains("multipart/encrypted"))
    }

    @Test func builtInPolicyPrefersSMIMEWhenBothAreKnown() throws {
        let alice = try MailSealUser("alice")
        let result = try alice.mailseal(
            ["encrypt", "--to", "bob@example.org", "-o", "out.eml",
             Example.url("plain.eml").path])
        try result.requireSuccess()
        #expect(result.stderrText.contains("encrypted with S/MIME"))
    }

    @Test func recipientThePolicySendsToThePortalIsRefusedWithTheReason() throws {
        let alice = try MailSealUser("alice")
        let policy = try alice.write("policy.json", Data("""
            { "version": 1, "addresses": { "bob@example.org": { "method": "portal" } } }
            """.utf8))

        let result = try alice.mailseal(
            ["encrypt", "--to", "bob@example.org", "--policy", policy.path,
             "-o", "out.eml", Example.url("plain.eml").path])
        result.expectError(1, naming: "plain.eml", ["bob@example.org", "portal"])
        #expect(!FileManager.default.fileExists(atPath: alice.file("out.eml").path))
    }
}
