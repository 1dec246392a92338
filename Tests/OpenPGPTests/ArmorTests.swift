import Foundation
@testable import MailSealOpenPGP
import Testing
import TestSupport

/// GnuPG 2.2 stumbles on armor without its optional CRC-24 line (RFC 9580 s6.1).
@Suite struct ArmorChecksumTests {
    private func withoutChecksum(_ armored: Data) -> Data {
        let lines = String(decoding: armored, as: UTF8.self).components(separatedBy: "\n")
        let kept = lines.filter { !($0.hasPrefix("=") && $0.count == 5) }
        return Data(kept.joined(separator: "\n").utf8)
    }

    @Test func theAddedChecksumIsTheOneGnuPGWrites() throws {
        let home = try TestHome(secretKeys: [.alice])
        let armored = try home.context.encrypt(
            Data("x".utf8), recipients: [TestKey.alice.fingerprint])
        let stripped = withoutChecksum(armored)
        try #require(stripped != armored)

        let restored = OpenPGPArmor.addingMissingChecksums(stripped)

        #expect(restored == armored)
    }

    @Test func armorThatHasItsChecksumIsLeftAlone() throws {
        let home = try TestHome(secretKeys: [.alice])
        let signed = try home.context.sign(
            Data("Text\n".utf8), signer: TestKey.alice.fingerprint, mode: .clearText)

        #expect(OpenPGPArmor.addingMissingChecksums(signed) == signed)
        #expect(OpenPGPArmor.addingMissingChecksums(Data([0x85, 0x01, 0x02])) ==
            Data([0x85, 0x01, 0x02]))
    }

    @Test func aMessageWithoutChecksumDecrypts() throws {
        let home = try TestHome(secretKeys: [.bob])
        let text = Data("no checksum line\n".utf8)
        let armored = try home.context.encrypt(text, recipients: [TestKey.bob.fingerprint])

        let decrypted = try home.context.decrypt(withoutChecksum(armored))

        #expect(decrypted.plaintext == text)
    }

    @Test func aCleartextSignatureWithoutChecksumVerifiesAndKeepsItsText() throws {
        let home = try TestHome(secretKeys: [.alice])
        let text = Data("=Looks like a checksum but is text\n-----END PGP nothing\n".utf8)
        let signed = try home.context.sign(
            text, signer: TestKey.alice.fingerprint, mode: .clearText)

        let (plaintext, signatures) = try home.context.verifyInline(withoutChecksum(signed))

        #expect(plaintext == text)
        #expect(signatures.map(\.status) == [.good])
    }

    @Test func theCRC24MatchesRFC4880() {
        // RFC 4880 s6.1 initialises the CRC with 0xB704CE: the CRC of nothing.
        #expect(OpenPGPArmor.crc24(Data()) == 0xB7_04CE)
        #expect(OpenPGPArmor.crc24(Data("123456789".utf8)) == 0x21_CF02)
    }
}
