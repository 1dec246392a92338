import Foundation
import Testing
import TestSupport

/// The public vectors in ../shared/vectors through the command line, giving the results
/// their README states.
@Suite struct VectorCLITests {
    static func vector(_ path: String) -> URL {
        ProjectPaths.vectors.appendingPathComponent(path)
    }

    /// A home with no keys and no trust anchors.
    private func emptyHome() throws -> MailSealUser {
        try MailSealUser("dave", knowing: [], trustsCA: false, ownKeys: false)
    }

    @Test func listSignatureByAnAbsentKeyIsUnknownKeyCoveringPartOfTheMessage() throws {
        let message = Self.vector("openpgp/gnupg-announce-signed.eml")
        let home = try emptyHome()
        // The key id as GnuPG itself reads it from the signature packet.
        let signature = try #require(
            try PythonEmail.tree(of: Data(contentsOf: message))["1.2"]?.payload)
        let packets = try GnuPGPeer([]).gpg(["--list-packets"], input: signature)
        let keyID = try #require(packets.stdoutText.firstMatch(
            of: #/keyid ([0-9A-F]{16})/#)?.1).description

        let json = try home.mailseal(["verify", "--json", message.path])
        let text = try home.mailseal(["verify", message.path])

        #expect(json.status == 1)
        let report = try Report.decode(json.stdoutText)
        #expect(report.encrypted == false)
        let only = try report.onlySignature()
        #expect(only.status == "unknownKey")
        #expect(only.fingerprint?.hasSuffix(keyID) == true)
        #expect(only.coverage == "partial")
        #expect(text.status == 1)
        #expect(text.stdoutText.contains(keyID))
        #expect(text.stdoutText.contains("only part"))
    }

    @Test func thunderbirdSignatureIsIntactButItsCertificateHasExpired() throws {
        let home = try emptyHome()

        let result = try home.mailseal([
            "verify", "--json", "--trust", Self.vector("smime/startcom-root.crt").path,
            Self.vector("smime/thunderbird-signed.eml").path,
        ])

        #expect(result.status == 1)
        let signature = try Report.decode(result.stdoutText).onlySignature()
        #expect(signature.status == "expiredCertificate")
        #expect(signature.details.contains("signature intact"))
        #expect(signature.details.contains("chain at signing time: valid"))
        #expect(signature.details.contains { $0.hasPrefix("chain now:") && $0.contains("2014") })
        #expect(signature.signerAddresses == ["fejj@gnome.org"])
        #expect(signature.matchesFrom)
        #expect(signature.coverage == "entire")
        #expect(signature.signingTime?.hasPrefix("2013-11-0") == true)
    }

    /// A home holding the rPGP test key of `folder` (no passphrase).
    private func vectorKeyHome(_ folder: String) throws -> MailSealUser {
        let home = try emptyHome()
        try home.mailseal(["keys", "import", Self.vector("openpgp/rfc9580/\(folder)/tsk.asc").path])
            .requireSuccess()
        return home
    }

    @Test(arguments: ["enc-seipdv1.msg", "enc-seipdv2.msg"], ["inline", "PGP/MIME"])
    func ed25519MessageDecryptsToHelloWorld(file: String, framing: String) throws {
        let home = try vectorKeyHome("v4-ed25519-x25519")
        let armored = try Data(contentsOf: Self.vector("openpgp/rfc9580/v4-ed25519-x25519/\(file)"))
        let message = framing == "inline"
            ? Data("From: a@example.org\r\nSubject: vector\r\nContent-Type: text/plain\r\n\r\n"
                .utf8) + armored
            : try PythonEmail.pgpEncrypted(armored, subject: "vector")
        let output = home.file("opened.eml")

        let result = try home.mailseal([
            "decrypt", "--json", "-o", output.path, home.write("in.eml", message).path,
        ])

        try result.requireSuccess()
        let report = try Report.decode(result.stderrText)
        #expect(report.encrypted)
        #expect(report.integrityProtected == true)
        // RFC 3156 wants a MIME entity inside PGP/MIME; the vector holds bare text.
        #expect(report.warnings.contains { $0.contains("not a MIME entity") }
            == (framing == "PGP/MIME"))
        let opened = try #require(try PythonEmail.tree(of: Data(contentsOf: output))["message"])
        #expect(opened.contentType == "text/plain")
        #expect(opened.text == "hello world\n")
    }

    @Test(arguments: ["v4-rsa", "v4-nistp"])
    func seipdVersion2IsRefusedAsUnsupportedWithNoOutput(folder: String) throws {
        let home = try vectorKeyHome(folder)
        let armored = try Data(contentsOf: Self.vector("openpgp/rfc9580/\(folder)/enc-seipdv2.msg"))
        let input = try home.write("in.eml", PythonEmail.pgpEncrypted(armored, subject: "v2"))
        let output = home.file("opened.eml")

        let result = try home.mailseal(["decrypt", "-o", output.path, input.path])

        #expect(result.status == 65)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderrText.hasPrefix("Error: \(input.path): "))
        #expect(result.stderrText.contains("unsupported message format"))
        #expect(result.stderrText.contains("SEIPD version 2"))
        #expect(try home.fileNames() == ["in.eml"])
    }

    @Test func version6KeyIsRefusedAndTheKeyringIsUnchanged() throws {
        let home = try MailSealUser("alice", knowing: ["bob"])
        let before = try home.mailseal(["keys", "list", "--json"])
        let key = Self.vector("openpgp/rfc9580/v6-25519-annex-a-4/tsk.asc")

        let result = try home.mailseal(["keys", "import", key.path])
        let after = try home.mailseal(["keys", "list", "--json"])

        #expect(result.status == 65)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderrText.hasPrefix("Error: \(key.path): "))
        #expect(result.stderrText.contains("version 6 key"))
        try before.requireSuccess()
        #expect(after.stdout == before.stdout)
        #expect(before.stdoutText.contains("5865F1CAF6EB186E93C5DCB72AB8EA0126E87BCC"))
    }
}
