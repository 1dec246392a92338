import Foundation
import Testing
import TestSupport

/// Every kind of message `mailseal` writes, and what `decrypt` writes back, parsed by
/// Python's `email` package (policy=default) into the structure the RFCs prescribe.
@Suite struct MessageStructureTests {
    struct Kind: Sendable, CustomTestStringConvertible {
        var name: String
        var command: [String]
        /// Content type and parameters of the root.
        var root: String
        var rootParams: [String: String]
        /// Content types of the root's children, in order.
        var parts: [String]
        var encrypted: Bool

        var testDescription: String { name }
    }

    static let pgpEncrypted = ["multipart/encrypted", "application/pgp-encrypted",
                               "application/octet-stream"]

    static let kinds = [
        Kind(name: "OpenPGP encrypted", command: ["encrypt", "--method", "pgp"],
             root: "multipart/encrypted", rootParams: ["protocol": "application/pgp-encrypted"],
             parts: Array(pgpEncrypted.dropFirst()), encrypted: true),
        Kind(name: "OpenPGP signed and encrypted",
             command: ["encrypt", "--sign", "--method", "pgp"],
             root: "multipart/encrypted", rootParams: ["protocol": "application/pgp-encrypted"],
             parts: Array(pgpEncrypted.dropFirst()), encrypted: true),
        Kind(name: "OpenPGP signed", command: ["sign", "--method", "pgp"],
             root: "multipart/signed",
             rootParams: ["protocol": "application/pgp-signature", "micalg": "pgp-sha256"],
             parts: ["multipart/mixed", "application/pgp-signature"], encrypted: false),
        Kind(name: "S/MIME enveloped (CBC)", command: ["encrypt", "--method", "smime"],
             root: "application/pkcs7-mime",
             rootParams: ["smime-type": "enveloped-data", "name": "smime.p7m"],
             parts: [], encrypted: true),
        Kind(name: "S/MIME authEnveloped (GCM)",
             command: ["encrypt", "--method", "smime", "--cipher", "aes-256-gcm"],
             root: "application/pkcs7-mime",
             rootParams: ["smime-type": "authEnveloped-data", "name": "smime.p7m"],
             parts: [], encrypted: true),
        Kind(name: "S/MIME signed and enveloped",
             command: ["encrypt", "--sign", "--method", "smime"],
             root: "application/pkcs7-mime", rootParams: ["smime-type": "enveloped-data"],
             parts: [], encrypted: true),
        Kind(name: "S/MIME detached signature", command: ["sign", "--method", "smime"],
             root: "multipart/signed",
             rootParams: ["protocol": "application/pkcs7-signature", "micalg": "sha-256"],
             parts: ["multipart/mixed", "application/pkcs7-signature"], encrypted: false),
        Kind(name: "S/MIME opaque signature",
             command: ["sign", "--method", "smime", "--opaque"],
             root: "application/pkcs7-mime",
             rootParams: ["smime-type": "signed-data", "name": "smime.p7m"],
             parts: [], encrypted: false),
    ]

    @Test(arguments: kinds)
    func pythonReadsTheSealedMessageAndWhatBobOpens(kind: Kind) throws {
        let alice = try MailSealUser("alice")
        let bob = try MailSealUser("bob")
        let sealed = bob.file("sealed.eml")
        try alice.mailseal(kind.command + (kind.encrypted ? ["--to", "bob@example.org"] : [])
            + ["-o", sealed.path, Example.url("lab-result.eml").path]).requireSuccess()

        let tree = try PythonEmail.tree(of: Data(contentsOf: sealed))
        let root = try #require(tree["message"])
        #expect(root.contentType == kind.root)
        for (name, value) in kind.rootParams {
            #expect(root.params[name] == value, "\(name)")
        }
        #expect(root.from == "Alice Example <alice@example.org>")
        // RFC 9788: an encrypted message's outer Subject says nothing.
        #expect(root.subject == (kind.encrypted ? "[...]" : LabResult.subject))
        for (index, type) in kind.parts.enumerated() {
            #expect(tree["\(index + 1)"]?.contentType == type)
        }
        #expect(tree["\(kind.parts.count + 1)"] == nil)
        if kind.root == "multipart/encrypted" {
            #expect(tree["1"]?.payload?.text == "Version: 1\r\n")
            #expect(tree["2"]?.payload?.starts(with: Data("-----BEGIN PGP MESSAGE-----".utf8))
                == true)
        }
        if kind.root == "multipart/signed" {
            // The signed part carries the protected header fields (RFC 9788 hp="clear").
            #expect(tree["1"]?.subject == LabResult.subject)
            #expect(tree["1"]?.params["hp"] == "clear")
        }

        let command = kind.encrypted ? ["decrypt", "-o", bob.file("opened.eml").path]
            : ["verify"]
        let opened = try bob.mailseal(command + [sealed.path])
        #expect(opened.status == 0, "\(opened.stdoutText)\(opened.stderrText)")
        if kind.encrypted {
            let output = try Data(contentsOf: bob.file("opened.eml"))
            try LabResult.expectIntact(output)
            let shown = try PythonEmail.tree(of: output)["message"]
            #expect(shown?.from == "Alice Example <alice@example.org>")
            #expect(shown?.params["hp"] == nil)
        } else {
            #expect(opened.stdoutText.contains(
                "Verified: signed by the sender, covering the entire message."))
        }
    }

    @Test(arguments: ["plain.eml", "alternative.eml", "non-ascii.eml"], ["pgp", "smime"])
    func everyExampleComesBackAsPythonReadTheOriginal(example: String, method: String)
        throws
    {
        let alice = try MailSealUser("alice")
        let bob = try MailSealUser("bob")
        let sealed = try alice.mailseal([
            "encrypt", "--sign", "--method", method, "--to", "bob@example.org",
            Example.url(example).path,
        ])
        try sealed.requireSuccess()

        let opened = try bob.mailseal(["decrypt", "--json"], input: sealed.stdout)

        try opened.requireSuccess()
        #expect(try Report.decode(opened.stderrText).onlySignature().status == "good")
        let original = try PythonEmail.parts(of: Example.data(example))
        let shown = try PythonEmail.parts(of: opened.stdout)
        #expect(shown.map(\.path) == original.map(\.path))
        #expect(shown.map(\.contentType) == original.map(\.contentType))
        #expect(shown.first?.subject == original.first?.subject)
        #expect(shown.first?.from == original.first?.from)
        for (got, want) in zip(shown, original) where want.payload != nil {
            #expect(got.text == want.text, "part \(want.path)")
            if want.text == nil { #expect(got.payload == want.payload, "part \(want.path)") }
            #expect(got.params["charset"] == want.params["charset"], "part \(want.path)")
        }
    }
}
