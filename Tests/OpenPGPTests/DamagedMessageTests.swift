import Foundation
import MailSealOpenPGP
import Testing
import TestSupport

@Suite struct DamagedMessageTests {
    let record = Data(String(repeating: "Result: negative\r\n", count: 40).utf8)

    private func binaryMessage(_ home: TestHome) throws -> Data {
        try home.context.encrypt(record, recipients: [TestKey.bob.fingerprint], armored: false)
    }

    @Test func aTruncatedMessageFailsWithoutPlaintext() throws {
        let home = try TestHome(secretKeys: [.bob])
        let ciphertext = try binaryMessage(home)

        for length in [ciphertext.count - 1, ciphertext.count / 2, 20] {
            let error = try #require(throws: OpenPGPError.self) {
                try home.context.decrypt(ciphertext.prefix(length))
            }
            #expect(error.code == .malformedData)
            #expect(error.reason.contains("the message is truncated"))
        }
    }

    @Test func aTruncatedArmoredMessageIsNamedToo() throws {
        let home = try TestHome(secretKeys: [.bob])
        let armored = try home.context.encrypt(record, recipients: [TestKey.bob.fingerprint])
        var lines = String(decoding: armored, as: UTF8.self).components(separatedBy: "\n")
        lines.removeSubrange((lines.count / 2)..<(lines.count - 3))

        let error = try #require(throws: OpenPGPError.self) {
            try home.context.decrypt(Data(lines.joined(separator: "\n").utf8))
        }

        #expect(error.code == .malformedData)
    }

    @Test func aFlippedByteInTheEncryptedDataIsDetected() throws {
        let home = try TestHome(secretKeys: [.bob])
        var ciphertext = try binaryMessage(home)
        ciphertext[ciphertext.count - 40] ^= 0x01

        let error = try #require(throws: OpenPGPError.self) { try home.context.decrypt(ciphertext) }

        #expect(error.code == .decryptionFailed)
    }

    @Test func aFlippedByteInTheSessionKeyPacketIsDetected() throws {
        let home = try TestHome(secretKeys: [.bob])
        var ciphertext = try binaryMessage(home)
        ciphertext[200] ^= 0x80

        let error = try #require(throws: OpenPGPError.self) { try home.context.decrypt(ciphertext) }

        #expect(error.code == .decryptionFailed)
    }

    @Test func damagedArmorOrBase64IsMalformedData() throws {
        let home = try TestHome(secretKeys: [.bob])
        let inputs = [
            "-----BEGIN PGP MESSAGE-----\n\n@@@@ not base64 ####\n-----END PGP MESSAGE-----\n",
            "-----BEGIN PGP MESSAGE-----\n\nhQIMA5BmFm9vb2\n-----END PGP MESSAGE-----\n",
            "Dear Bob, this is plain text.\n",
        ]

        for input in inputs {
            let error = try #require(throws: OpenPGPError.self) {
                try home.context.decrypt(Data(input.utf8))
            }
            #expect(error.code == .malformedData, "\(input): \(error)")
        }
    }

    @Test func aSignedButUnencryptedMessageIsNotDecrypted() throws {
        let home = try TestHome(secretKeys: [.alice])
        let signed = try home.context.sign(record, signer: TestKey.alice.fingerprint, mode: .normal)

        let error = try #require(throws: OpenPGPError.self) { try home.context.decrypt(signed) }

        #expect(error.code == .notEncrypted)
        #expect(error.reason.contains("not an encrypted OpenPGP message"))
    }
}
