import Foundation
import Testing
import TestSupport

/// `keys import|list|export|trust`, and standard input and output in place of files.
@Suite struct KeysCommandTests {
    struct Entry: Decodable {
        var kind: String
        var fingerprint: String
        var addresses: [String]
        var hasSecret: Bool
        var status: String
    }

    @Test func listShowsEachKeyWithItsSecretAndItsStatus() throws {
        let alice = try MailSealUser("alice", knowing: ["bob"])
        try alice.mailseal(["keys", "import", TestKey.openPGP("expired.pub.asc").path,
                            TestKey.openPGP("revoked.pub.asc").path,
                            TestKey.smime("expired.crt").path]).requireSuccess()

        let result = try alice.mailseal(["keys", "list", "--json"])

        try result.requireSuccess()
        let entries = try JSONDecoder().decode([Entry].self, from: result.stdout)
        func entry(_ kind: String, _ fingerprint: String) -> Entry? {
            entries.first { $0.kind == kind && $0.fingerprint == fingerprint }
        }
        let pgp = try ["alice", "bob", "expired", "revoked"].map {
            try entry("openpgp", TestKey.fingerprint($0))
        }
        #expect(pgp.map { $0?.hasSecret } == [true, false, false, false])
        #expect(pgp.map { $0?.status } == ["valid", "valid", "expired", "revoked"])
        let smime = try ["alice", "bob", "expired"].map {
            try entry("smime", TestKey.certificateFingerprint($0))
        }
        #expect(smime.map { $0?.hasSecret } == [true, false, false])
        #expect(smime.map { $0?.status } == ["valid", "valid", "expired"])
        #expect(smime.first??.addresses == ["alice@example.org"])
        #expect(try entry("trust-anchor", TestKey.certificateFingerprint("ca")) != nil)
    }

    @Test func anExportedOpenPGPKeyIsReadByGpg() throws {
        let alice = try MailSealUser("alice", knowing: ["bob"])
        let peer = try GnuPGPeer([])

        let exported = try alice.mailseal(["keys", "export", "bob@example.org"])
        let imported = try peer.gpg(["--import"], input: exported.stdout)

        try exported.requireSuccess()
        try imported.requireSuccess()
        let bob = try TestKey.fingerprint("bob")
        #expect(imported.stdoutText.contains("[GNUPG:] IMPORT_OK 1 \(bob)"))
    }

    @Test func anExportedCertificateIsTheOneImported() throws {
        let alice = try MailSealUser("alice", knowing: ["bob"])

        let exported = try alice.mailseal(
            ["keys", "export", "--method", "smime", "bob@example.org"])
        let printed = try ProcessRunner.run(
            "openssl", ["x509", "-noout", "-fingerprint", "-sha256"], input: exported.stdout)

        try printed.requireSuccess()
        let fingerprint = printed.stdoutText.split(separator: "=").last.map {
            $0.replacingOccurrences(of: ":", with: "").trimmingCharacters(in: .newlines)
        }
        #expect(fingerprint == (try TestKey.certificateFingerprint("bob")))
    }

    @Test func exportingAnUnknownAddressFails() throws {
        let alice = try MailSealUser("alice", knowing: [])

        let result = try alice.mailseal(["keys", "export", "nobody@example.org"])

        result.expectError(1, naming: nil, ["nobody@example.org"])
        #expect(result.stdout.isEmpty)
    }

    @Test func onlyACACertificateCanBeTrusted() throws {
        let alice = try MailSealUser("alice", knowing: [])
        let bob = TestKey.smime("bob.crt").path

        let result = try alice.mailseal(["keys", "trust", bob])

        result.expectError(65, naming: bob, ["not a CA"])
    }

    @Test func standardInputAndOutputStandInForFiles() throws {
        let alice = try MailSealUser("alice")
        let bob = try MailSealUser("bob")

        let sealed = try alice.mailseal(
            ["encrypt", "--method", "smime", "--to", "bob@example.org", "-"],
            input: Example.data("plain.eml"))
        let opened = try bob.mailseal(["decrypt"], input: sealed.stdout)
        let garbage = try bob.mailseal(["verify"], input: Data("no header here".utf8))

        try sealed.requireSuccess()
        try opened.requireSuccess()
        let shown = try PythonEmail.tree(of: opened.stdout)["message"]
        #expect(shown?.subject == "Prescription renewed")
        #expect(shown?.text?.contains("your prescription has been renewed") == true)
        garbage.expectError(65, naming: "standard input")
    }
}
