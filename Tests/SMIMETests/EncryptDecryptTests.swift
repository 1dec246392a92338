import Foundation
import MailSealSMIME
import Testing
import TestSupport

@Suite struct EncryptDecryptTests {
    let content = Data("Lab result for patient 4711: within normal range.\r\n".utf8)

    static let writableAlgorithms = ContentEncryptionAlgorithm.allCases.filter {
        $0.isAllowedForEncryption
    }

    @Test(arguments: writableAlgorithms, ["alice", "bob"])
    func everyAlgorithmRoundTripsForRSAAndECRecipients(
        algorithm: ContentEncryptionAlgorithm, name: String
    ) throws {
        let certificate = try TestIdentity.certificate(name)

        let der = try CMS.encrypt(content, recipients: [certificate], algorithm: algorithm)
        let result = try CMS.decrypt(der, key: TestIdentity.key(name), certificate: certificate)

        #expect(result.content == content)
        #expect(result.algorithm == algorithm)
        #expect(result.isAuthenticated == algorithm.isAuthenticated)
        #expect(result.contentType == .data)
        #expect(CMS.kind(of: der) == (algorithm.isAuthenticated
            ? .authEnvelopedData : .envelopedData))
    }

    @Test func defaultIsAES256CBCEnvelopedData() throws {
        let alice = try TestIdentity.certificate("alice")

        let der = try CMS.encrypt(content, recipients: [alice])
        let result = try CMS.decrypt(der, key: TestIdentity.key("alice"), certificate: alice)

        #expect(CMS.kind(of: der) == .envelopedData)
        #expect(result.algorithm == .aes256CBC)
        #expect(!result.isAuthenticated)
    }

    @Test func oaepRoundTripsAndIsWrittenAsRSAESOAEPWithSHA256() throws {
        let alice = try TestIdentity.certificate("alice")
        let directory = TemporaryDirectory()

        let der = try CMS.encrypt(content, recipients: [alice], rsaKeyTransport: .oaep)
        let printed = try peer("openssl", [
            "cms", "-cmsout", "-print", "-inform", "DER",
            "-in", der.written(to: directory, as: "oaep.der"),
        ]).stdoutText

        #expect(try CMS.decrypt(der, key: TestIdentity.key("alice"), certificate: alice)
            .content == content)
        #expect(printed.contains("rsaesOaep"))
        #expect(printed.contains("sha256"))
    }

    @Test func ecRecipientGetsECDHWithSHA256KDF() throws {
        let directory = TemporaryDirectory()

        let der = try CMS.encrypt(content, recipients: [TestIdentity.certificate("bob")])
        let printed = try peer("openssl", [
            "cms", "-cmsout", "-print", "-inform", "DER",
            "-in", der.written(to: directory, as: "ecdh.der"),
        ]).stdoutText

        #expect(printed.contains("dhSinglePass-stdDH-sha256kdf-scheme"))
        #expect(printed.contains("id-aes256-wrap"))
    }

    @Test func everyRecipientOfAMixedListCanDecrypt() throws {
        let names = ["alice", "bob", "carol"]
        let certificates = try names.map(TestIdentity.certificate)

        let der = try CMS.encrypt(content, recipients: certificates, algorithm: .aes128GCM)

        for name in names {
            let result = try CMS.decrypt(
                der, key: TestIdentity.key(name), certificate: TestIdentity.certificate(name))
            #expect(result.content == content, "\(name)")
            #expect(result.isAuthenticated, "\(name)")
        }
    }

    @Test func emptyAndLargeContentRoundTrip() throws {
        let alice = try TestIdentity.certificate("alice")
        let large = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })

        for body in [Data(), large] {
            for algorithm in [ContentEncryptionAlgorithm.aes256CBC, .aes256GCM] {
                let der = try CMS.encrypt(body, recipients: [alice], algorithm: algorithm)
                let result = try CMS.decrypt(
                    der, key: TestIdentity.key("alice"), certificate: alice)
                #expect(result.content == body)
            }
        }
    }
}
