import Foundation
import MailSealOpenPGP
import Testing
import TestSupport

@Suite struct DetachedSignatureTests {
    let body = Data("Content-Type: text/plain\r\n\r\nLab result attached.\r\n".utf8)

    @Test func aDetachedSignatureVerifiesGoodWithItsSignersKey() throws {
        let signer = try TestHome(secretKeys: [.alice])
        let verifier = try TestHome(publicKeys: [.alice])

        let made = try signer.context.signDetached(body, signer: TestKey.alice.fingerprint)
        let signatures = try verifier.context.verifyDetached(
            signedData: body, signature: made.signature)

        #expect(String(decoding: made.signature, as: UTF8.self)
            .hasPrefix("-----BEGIN PGP SIGNATURE-----"))
        #expect(made.signerFingerprint == TestKey.alice.fingerprint)
        #expect(made.micalg == "pgp-" + made.hashAlgorithm.lowercased())
        #expect(signatures.count == 1)
        let signature = try #require(signatures.first)
        #expect(signature.status == .good)
        #expect(signature.fingerprint == TestKey.alice.fingerprint)
        #expect(signature.signerAddresses == ["alice@example.org"])
        #expect(signature.hashAlgorithm == made.hashAlgorithm)
        #expect(signature.created == made.created)
    }

    @Test func theReportedDigestIsTheOneInTheSignaturePacket() throws {
        let signer = try TestHome(secretKeys: [.bob])

        let made = try signer.context.signDetached(body, signer: TestKey.bob.fingerprint)

        // gpg --list-packets shows the digest algorithm number (RFC 4880 s9.4).
        let listing = try signer.gpg(["--list-packets"], input: made.signature).stdoutText
        let names = [2: "SHA1", 8: "SHA256", 9: "SHA384", 10: "SHA512", 11: "SHA224"]
        let number = try #require(listing.components(separatedBy: "digest algo ").dropFirst()
            .first.flatMap { Int($0.prefix { $0.isNumber }) })
        #expect(made.hashAlgorithm == names[number])
        #expect(made.micalg == "pgp-" + (names[number] ?? "?").lowercased())
        let checked = try signer.context.verifyDetached(signedData: body, signature: made.signature)
        #expect(checked.map(\.status) == [.good])
        #expect(checked.first?.publicKeyAlgorithm == "RSA")
        #expect(checked.first?.hashAlgorithm == made.hashAlgorithm)
    }

    @Test func aBinarySignatureVerifiesToo() throws {
        let home = try TestHome(secretKeys: [.alice])

        let made = try home.context.signDetached(
            body, signer: TestKey.alice.fingerprint, armored: false)

        #expect(made.signature.first.map { $0 & 0x80 } == 0x80)
        #expect(try home.context.verifyDetached(signedData: body, signature: made.signature)
            .map(\.status) == [.good])
    }

    @Test func aFlippedByteInTheSignedDataMakesTheSignatureBad() throws {
        let home = try TestHome(secretKeys: [.alice])
        let made = try home.context.signDetached(body, signer: TestKey.alice.fingerprint)
        var altered = body
        altered[altered.count - 5] ^= 0x20

        let signatures = try home.context.verifyDetached(
            signedData: altered, signature: made.signature)

        #expect(signatures.map(\.status) == [.bad])
        #expect(signatures.first?.isGood == false)
    }

    @Test func aFlippedByteInTheSignatureMakesItBad() throws {
        let home = try TestHome(secretKeys: [.bob])
        var made = try home.context.signDetached(
            body, signer: TestKey.bob.fingerprint, armored: false).signature
        made[made.count - 20] ^= 0x01

        let signatures = try home.context.verifyDetached(signedData: body, signature: made)

        #expect(signatures.map(\.status) == [.bad])
    }

    @Test func aSignatureByAnUnknownKeyNamesTheKey() throws {
        let signer = try TestHome(secretKeys: [.alice])
        let stranger = try TestHome(publicKeys: [.bob])
        let made = try signer.context.signDetached(body, signer: TestKey.alice.fingerprint)

        let signatures = try stranger.context.verifyDetached(
            signedData: body, signature: made.signature)

        #expect(signatures.map(\.status) == [.unknownKey])
        #expect(signatures.first?.fingerprint == TestKey.alice.fingerprint)
        #expect(signatures.first?.signerAddresses == [])
        #expect(signatures.first?.primaryFingerprint == nil)
    }

    @Test func signingNeedsAUsableKeyWithItsSecret() throws {
        let home = try TestHome(publicKeys: [.carol, .expired, .revoked])

        let noSecret = try #require(throws: OpenPGPError.self) {
            try home.context.signDetached(body, signer: TestKey.carol.fingerprint)
        }
        let expired = try #require(throws: OpenPGPError.self) {
            try home.context.signDetached(body, signer: TestKey.expired.fingerprint)
        }
        let revoked = try #require(throws: OpenPGPError.self) {
            try home.context.signDetached(body, signer: TestKey.revoked.fingerprint)
        }

        #expect(noSecret.code == .noSecretKey)
        #expect(noSecret.function == "signDetached")
        #expect(expired.code == .keyExpired)
        #expect(revoked.code == .keyRevoked)
    }

    @Test func aWrongPassphraseStopsSigning() throws {
        let home = try TestHome(secretKeys: [.bob], passphrase: "guess")

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.signDetached(body, signer: TestKey.bob.fingerprint)
        }

        #expect(error.code == .badPassphrase)
        #expect(error.reason.contains("bob@example.org"))
    }

    @Test func aSignatureReportEncodesAsJSON() throws {
        let home = try TestHome(secretKeys: [.alice])
        let made = try home.context.signDetached(body, signer: TestKey.alice.fingerprint)
        let signatures = try home.context.verifyDetached(
            signedData: body, signature: made.signature)

        let json = try JSONEncoder().encode(signatures)
        let decoded = try JSONDecoder().decode([OpenPGPSignature].self, from: json)

        #expect(decoded == signatures)
        #expect(String(decoding: json, as: UTF8.self).contains(TestKey.alice.fingerprint))
    }

    @Test func somethingThatIsNotASignatureIsRefused() throws {
        let home = try TestHome(publicKeys: [.alice])

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.verifyDetached(signedData: body, signature: Data("no sig".utf8))
        }

        #expect(error.code == .malformedData)
    }
}

@Suite struct InlineSignatureTests {
    let text = Data("Appointment confirmed for Monday.\n- Dr. Who\n".utf8)

    @Test func aCleartextSignatureKeepsTheTextReadableAndVerifies() throws {
        let home = try TestHome(secretKeys: [.alice])

        let signed = try home.context.sign(
            text, signer: TestKey.alice.fingerprint, mode: .clearText)
        let (plaintext, signatures) = try home.context.verifyInline(signed)

        let armored = String(decoding: signed, as: UTF8.self)
        #expect(armored.hasPrefix("-----BEGIN PGP SIGNED MESSAGE-----"))
        #expect(armored.contains("Appointment confirmed for Monday."))
        #expect(armored.contains("- - Dr. Who"))  // Dash-escaped (RFC 4880 s7.1).
        #expect(plaintext == text)
        #expect(signatures.map(\.status) == [.good])
    }

    @Test(arguments: [true, false])
    func aSignedMessageGivesBackItsContent(armored: Bool) throws {
        let home = try TestHome(secretKeys: [.bob])

        let signed = try home.context.sign(
            text, signer: TestKey.bob.fingerprint, mode: .normal, armored: armored)
        let (plaintext, signatures) = try home.context.verifyInline(signed)

        #expect(String(decoding: signed, as: UTF8.self).hasPrefix("-----BEGIN PGP MESSAGE-----")
            == armored)
        #expect(plaintext == text)
        #expect(signatures.first?.fingerprint == TestKey.bob.fingerprint)
        #expect(signatures.map(\.status) == [.good])
    }

    @Test func anAlteredCleartextSignatureIsBad() throws {
        let home = try TestHome(secretKeys: [.alice])
        let signed = try home.context.sign(
            text, signer: TestKey.alice.fingerprint, mode: .clearText)
        let altered = String(decoding: signed, as: UTF8.self)
            .replacingOccurrences(of: "Monday", with: "Friday")

        let (_, signatures) = try home.context.verifyInline(Data(altered.utf8))

        #expect(signatures.map(\.status) == [.bad])
    }

    @Test func unsignedDataHasNoSignatureToVerify() throws {
        let home = try TestHome(secretKeys: [.alice])
        let encrypted = try home.context.encrypt(text, recipients: [TestKey.alice.fingerprint])

        let plain = try #require(throws: OpenPGPError.self) {
            try home.context.verifyInline(text)
        }
        let unsigned = try #require(throws: OpenPGPError.self) {
            try home.context.verifyInline(encrypted)
        }

        #expect(plain.code == .malformedData)
        #expect(plain.reason.contains("no readable OpenPGP data"))
        #expect(unsigned.code == .noSignature)
    }
}
