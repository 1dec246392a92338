import Foundation
import Testing
import TestSupport

/// Behaviour a reviewer's break attempts asked for: outputs that are not regular files,
/// closed pipes, ambiguous senders, hidden recipients and untrusted capabilities.
@Suite struct ReviewFindingsTests {
    @Test func outputThroughASymlinkWritesItsTargetAndKeepsTheLink() throws {
        let alice = try MailSealUser("alice")
        let target = alice.file("signed.eml")
        let link = alice.file("link.eml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)

        try alice.mailseal(["sign", "-o", link.path, Example.url("plain.eml").path])
            .requireSuccess()
        let attributes = try FileManager.default.attributesOfItem(atPath: link.path)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.contains("multipart/signed"))
    }

    @Test func outputToACharacterDeviceIsWrittenInPlace() throws {
        let alice = try MailSealUser("alice")
        try alice.mailseal(["sign", "-o", "/dev/null", Example.url("plain.eml").path])
            .requireSuccess()
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/null")
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    @Test func fullStandardOutputIsAnOutputErrorNotACrash() throws {
        let alice = try MailSealUser("alice")
        let result = try ProcessRunner.run("sh", [
            "-c", "\"$0\" sign \"$1\" > /dev/full", ProjectPaths.mailsealBinary.path,
            Example.url("plain.eml").path,
        ], environment: ["MAILSEAL_HOME": alice.home.path,
                         "MAILSEAL_PASSPHRASE": alice.passphrase])
        result.expectError(74, naming: nil, ["standard output"])
    }

    @Test func fromWithASecondAngleAddressIsNotTakenAsTheSender() throws {
        let alice = try MailSealUser("alice")
        let bob = try MailSealUser("bob")
        let plain = try String(contentsOf: Example.url("plain.eml"), encoding: .utf8)
        let forged = plain.replacingOccurrences(
            of: "From: Alice Example <alice@example.org>",
            with: "From: Carol Example <carol@example.org> <alice@example.org>")
        let input = try alice.write("forged.eml", Data(forged.utf8))
        try alice.mailseal(["sign", "--from", "alice@example.org", "-o", "signed.eml",
                            input.path]).requireSuccess()
        let signed = try bob.write("signed.eml", Data(contentsOf: alice.file("signed.eml")))

        let result = try bob.mailseal(["verify", "--json", signed.path])
        #expect(result.status == 1)
        let report = try Report.decode(result.stdoutText)
        #expect(report.signatures.first?.status == "good")
        #expect(report.signatures.first?.matchesFrom == false)
        #expect(report.warnings.contains { $0.contains("more than one angle address") })
    }

    @Test func upperCaseFromAddressStillMatchesTheSigner() throws {
        let alice = try MailSealUser("alice")
        let bob = try MailSealUser("bob")
        let plain = try String(contentsOf: Example.url("plain.eml"), encoding: .utf8)
        let shouted = plain.replacingOccurrences(
            of: "<alice@example.org>", with: "<ALICE@Example.ORG>")
        let input = try alice.write("shouted.eml", Data(shouted.utf8))
        try alice.mailseal(["sign", "-o", "signed.eml", input.path]).requireSuccess()
        let signed = try bob.write("signed.eml", Data(contentsOf: alice.file("signed.eml")))

        try bob.mailseal(["verify", signed.path]).requireSuccess()
    }

    @Test func bccNeverLeavesAndUnlistedAddresseesAreNamed() throws {
        let alice = try MailSealUser("alice")
        let plain = try String(contentsOf: Example.url("plain.eml"), encoding: .utf8)
        let withBcc = plain.replacingOccurrences(
            of: "To: Bob Example <bob@example.org>\r\n",
            with: "To: Bob Example <bob@example.org>\r\nCc: dave@example.org\r\n"
                + "Bcc: carol@example.org\r\n")
        let input = try alice.write("bcc.eml", Data(withBcc.utf8))

        let result = try alice.mailseal(
            ["encrypt", "--method", "pgp", "--to", "bob@example.org", "--to",
             "carol@example.org", "-o", "out.eml", input.path])
        try result.requireSuccess()
        let sealed = try String(contentsOf: alice.file("out.eml"), encoding: .utf8)
        #expect(!sealed.lowercased().contains("bcc:"))
        #expect(result.stderrText.contains("the Bcc field was removed"))
        #expect(result.stderrText.contains("dave@example.org is in To or Cc but not a recipient"))
    }

    @Test func jsonReportNamesEveryKeyEvenWhenEmpty() throws {
        let bob = try MailSealUser("bob")
        let result = try bob.mailseal(["verify", "--json", Example.url("plain.eml").path])
        let object = try #require(
            try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        for key in ["encrypted", "method", "integrityProtected", "signatures", "cipher"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["integrityProtected"] is NSNull)
    }

    @Test func traceShowsNoRawControlCharacters() throws {
        let alice = try MailSealUser("alice")
        let message = "Received: from evil\u{1B}]0;pwned\u{07}.example.net "
            + "(evil.example.net [192.0.2.9]) by mx.example.org with ESMTPS; "
            + "Fri, 04 Dec 2026 10:00:00 +0000\r\nFrom: a@example.net\r\n\r\nbody\r\n"
        let input = try alice.write("received.eml", Data(message.utf8))

        let result = try alice.mailseal(["trace", input.path])
        #expect(result.status == 0)
        #expect(!result.stdoutText.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
    }

    @Test func decryptFailsWhenTheSignatureInsideIsBad() throws {
        let alice = try MailSealUser("alice")
        let bob = try MailSealUser("bob")
        try alice.mailseal(["sign", "--method", "pgp", "-o", "signed.eml",
                            Example.url("plain.eml").path]).requireSuccess()
        let signed = try Data(contentsOf: alice.file("signed.eml"))
        let range = try #require(signed.range(of: Data("collected".utf8)))
        var tampered = signed
        tampered.replaceSubrange(range, with: Data("cOllected".utf8))
        let input = try alice.write("tampered.eml", tampered)
        try alice.mailseal(["encrypt", "--method", "pgp", "--to", "bob@example.org",
                            "-o", "sealed.eml", input.path]).requireSuccess()
        let sealed = try bob.write("sealed.eml", Data(contentsOf: alice.file("sealed.eml")))

        let result = try bob.mailseal(["decrypt", "-o", "opened.eml", sealed.path])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("BAD"))
    }

    @Test func shortHelpOptionWorksOnEveryCommand() throws {
        let alice = try MailSealUser("alice", knowing: [], trustsCA: false, ownKeys: false)
        for command in ["encrypt", "sign", "decrypt", "verify", "keys", "trace", "probe"] {
            let result = try alice.mailseal([command, "-h"])
            #expect(result.status == 0, "\(command): \(result.stderrText)")
            #expect(result.stdoutText.hasPrefix("Usage:"), "\(command)")
        }
    }

    @Test func errorsSayWhatIsWrongWithoutNamingParserInternals() throws {
        let alice = try MailSealUser("alice", knowing: [], trustsCA: false, ownKeys: false)
        let garbage = try alice.write("garbage.bin", Data((0..<200).map { UInt8($0 % 7) }))

        let result = try alice.mailseal(["verify", garbage.path])
        result.expectError(65, naming: garbage.path, ["not a readable message"])
        #expect(!result.stderrText.contains(".swift"))
    }
}
