import Foundation
import Testing
import TestSupport

/// Altered, truncated and foreign input fails with one clear line and the right exit
/// status, and leaves no output file behind.
@Suite struct DamagedInputTests {
    /// Alice seals plain.eml with `command`; the sealed bytes.
    private func seal(_ alice: MailSealUser, _ command: [String]) throws -> Data {
        let result = try alice.mailseal(command + [Example.url("plain.eml").path])
        try result.requireSuccess()
        return result.stdout
    }

    @Test(arguments: ["pgp", "smime"])
    func aFlippedByteInTheSignedBodyMakesTheSignatureBad(method: String) throws {
        let alice = try MailSealUser("alice")
        let signed = try seal(alice, ["sign", "--method", method])
        // One bit of one byte: "renewed" becomes "senewed".
        let altered = try signed.replacing("has been renewed", with: "has been senewed")
        let bob = try MailSealUser("bob")

        let result = try bob.mailseal(["verify", "--json", bob.write("in.eml", altered).path])

        #expect(result.status == 1)
        let signature = try Report.decode(result.stdoutText).onlySignature()
        #expect(signature.status == "bad")
        // The unaltered message verifies in the same home: the change alone broke it.
        #expect(try bob.mailseal(["verify", bob.write("good.eml", signed).path]).status == 0)
    }

    @Test(arguments: ["pgp", "smime"])
    func aChangedByteInTheSignatureFailsTheCheck(method: String) throws {
        let alice = try MailSealUser("alice")
        let signed = try seal(alice, ["sign", "--method", method])
        let altered = method == "pgp"
            ? try Damage.openPGP(signed, type: "SIGNATURE", offset: -2)
            : try Damage.base64(signed, body: MultipartSigned(signed).signatureBody,
                                offset: -2)
        let bob = try MailSealUser("bob")

        let result = try bob.mailseal(["verify", "--json", bob.write("in.eml", altered).path])

        #expect(result.status == 1)
        let signature = try Report.decode(result.stdoutText).onlySignature()
        // The change is in the signature value itself (its last bytes), below the
        // encoding: the signature still parses, and no longer fits the content.
        #expect(signature.status == "bad")
        #expect(signature.fingerprint != nil)
    }

    @Test(arguments: [["--method", "pgp"], ["--method", "smime", "--cipher", "aes-256-gcm"]])
    func aChangedByteInTheCiphertextFailsDecryption(options: [String]) throws {
        let alice = try MailSealUser("alice")
        let sealed = try seal(alice, ["encrypt", "--to", "bob@example.org"] + options)
        let altered = options[1] == "pgp"
            ? try Damage.openPGP(sealed, type: "MESSAGE", offset: -5)
            : try Damage.base64(sealed, body: Damage.singlePartBody(sealed), offset: -5)
        let bob = try MailSealUser("bob")
        let input = try bob.write("in.eml", altered)

        let result = try bob.mailseal(["decrypt", "-o", bob.file("out.eml").path, input.path])

        // The key fitted: the reason is the damage, never a missing key.
        result.expectError(1, naming: input.path, ["cannot decrypt", "modified"])
        #expect(!result.stderrText.contains("no secret key"))
        #expect(result.stdout.isEmpty)
        #expect(try bob.fileNames() == ["in.eml"])
    }

    @Test(arguments: ["pgp", "smime"])
    func aMessageForCarolOpenedByBobSaysThereIsNoKey(method: String) throws {
        let alice = try MailSealUser("alice")
        let sealed = try seal(alice, ["encrypt", "--method", method, "--to", "carol@example.org"])
        let bob = try MailSealUser("bob")
        let input = try bob.write("in.eml", sealed)

        let result = try bob.mailseal(["decrypt", "-o", bob.file("out.eml").path, input.path])

        result.expectError(
            1, naming: input.path, [method == "pgp" ? "no secret key" : "no private key"])
        #expect(try bob.fileNames() == ["in.eml"])
    }

    @Test(arguments: [[], ["--method", "pgp"], ["--method", "smime"]])
    func aRecipientWithoutAKeyIsNamedAtEncrypt(options: [String]) throws {
        let alice = try MailSealUser("alice")
        let input = Example.url("plain.eml").path

        let result = try alice.mailseal(
            ["encrypt", "--to", "dave@example.org", "-o", alice.file("out.eml").path]
                + options + [input])

        result.expectError(1, naming: input, ["dave@example.org"])
        #expect(try alice.fileNames().isEmpty)
    }

    @Test(arguments: [("expired", "expired"), ("revoked", "revoked")])
    func anUnusableOpenPGPRecipientIsNamedWithTheReason(name: String, reason: String) throws {
        let alice = try MailSealUser("alice", knowing: [])
        try alice.mailseal(["keys", "import", TestKey.openPGP("\(name).pub.asc").path])
            .requireSuccess()
        let input = Example.url("plain.eml").path

        let result = try alice.mailseal(
            ["encrypt", "--method", "pgp", "--to", "\(name)@example.org", input])

        result.expectError(1, naming: input, ["\(name)@example.org", reason])
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [["--method", "pgp"], ["--method", "smime"]])
    func aTruncatedMessageIsMalformed(options: [String]) throws {
        let alice = try MailSealUser("alice")
        let sealed = try seal(alice, ["encrypt", "--to", "bob@example.org"] + options)
        let bob = try MailSealUser("bob")
        let input = try bob.write("in.eml", sealed.prefix(sealed.count / 2))

        let result = try bob.mailseal(["decrypt", "-o", bob.file("out.eml").path, input.path])

        result.expectError(
            65, naming: input.path, [options[1] == "pgp" ? "truncated" : "not a CMS object"])
        #expect(try bob.fileNames() == ["in.eml"])
    }

    @Test func garbageBase64InThePKCS7PartIsMalformed() throws {
        let alice = try MailSealUser("alice")
        let sealed = try seal(alice, ["encrypt", "--method", "smime", "--to", "bob@example.org"])
        let garbage = try sealed.replacing(
            block: Damage.singlePartBody(sealed),
            with: Data("%%%% this is !! not base64 ***\r\n".utf8))
        let bob = try MailSealUser("bob")
        let input = try bob.write("in.eml", garbage)

        let result = try bob.mailseal(["decrypt", "-o", bob.file("out.eml").path, input.path])

        result.expectError(65, naming: input.path, ["not a CMS object"])
        #expect(try bob.fileNames() == ["in.eml"])
    }

    static let notMail: [(String, Data)] = [
        ("random.bin", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })),
        ("image.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])
            + Data("IHDR".utf8) + Data(repeating: 0, count: 64)),
    ]

    @Test(arguments: notMail, ["decrypt", "verify"])
    func aFileThatIsNotMailIsMalformed(file: (name: String, data: Data), command: String)
        throws
    {
        let bob = try MailSealUser("bob", knowing: [], trustsCA: false, ownKeys: false)
        let input = try bob.write(file.name, file.data)

        let result = try bob.mailseal([command, input.path])

        result.expectError(65, naming: input.path, ["not"])
        #expect(result.stdout.isEmpty)
    }
}
