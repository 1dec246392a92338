import Foundation
import MailSealOpenPGP
import Testing
import TestSupport

/// Signatures that were good when made, by keys that have since expired or been revoked.
@Suite struct SignerStateTests {
    let document = Data("Referral letter, signed in 2020.\n".utf8)

    @Test func aSignatureByANowExpiredKeyIsReportedAsSuch() throws {
        let peer = try GPGPeer()
        let fingerprint = try peer.generateKey(
            "Old Signer <old@example.org>", expires: "1y", at: "20200101T000000")
        let file = try peer.write("letter.txt", document)
        let signed = try peer.run(
            ["--faked-system-time", "20200601T000000", "--armor", "--detach-sign",
             "-u", fingerprint, "-o", "-", file.path])
        try #require(signed.status == 0, "\(signed.stderrText)")
        let home = try TestHome()
        _ = try home.context.importKeys(try peer.export(fingerprint))

        let signatures = try home.context.verifyDetached(
            signedData: document, signature: signed.stdout)

        #expect(signatures.map(\.status) == [.expiredKey])
        #expect(signatures.first?.isGood == false)
        #expect(signatures.first?.fingerprint == fingerprint)
        #expect(signatures.first?.signerAddresses == ["old@example.org"])
        let created = try #require(signatures.first?.created)
        #expect(ISO8601DateFormatter().string(from: created).hasPrefix("2020-06-01"))
    }

    @Test func aSignatureByANowRevokedKeyIsReportedAsSuch() throws {
        let peer = try GPGPeer()
        let fingerprint = try peer.generateKey("Gone Signer <gone@example.org>")
        let file = try peer.write("letter.txt", document)
        let signed = try peer.run(
            ["--armor", "--detach-sign", "-u", fingerprint, "-o", "-", file.path])
        try #require(signed.status == 0, "\(signed.stderrText)")
        try peer.revoke(fingerprint)
        let home = try TestHome()
        _ = try home.context.importKeys(try peer.export(fingerprint))

        let signatures = try home.context.verifyDetached(
            signedData: document, signature: signed.stdout)

        #expect(signatures.map(\.status) == [.revokedKey])
        #expect(signatures.first?.isGood == false)
        #expect(try home.context.key(fingerprint: fingerprint).isRevoked)
    }
}
