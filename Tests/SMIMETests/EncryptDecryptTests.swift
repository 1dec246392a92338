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

    @Test func anotherPersonsKeyIsNotARecipientAndTheErrorSaysWhoIs() throws {
        let alice = try TestIdentity.certificate("alice")
        let carol = try TestIdentity.certificate("carol")
        let der = try CMS.encrypt(content, recipients: [alice])

        let error = #expect(throws: SMIMEError.self) {
            try CMS.decrypt(der, key: TestIdentity.key("carol"), certificate: carol)
        }

        #expect(error?.code == .notARecipient)
        #expect(error?.function == "CMS.decrypt")
        #expect(error?.reason.contains(carol.subject) == true)
        #expect(error?.reason.contains(
            "encrypted to: serial \(alice.serialNumber) from \(alice.issuer)") == true)
    }

    @Test func keyOfAnotherCertificateIsAMismatch() throws {
        let alice = try TestIdentity.certificate("alice")
        let der = try CMS.encrypt(content, recipients: [alice])

        let error = #expect(throws: SMIMEError.self) {
            try CMS.decrypt(der, key: TestIdentity.key("carol"), certificate: alice)
        }

        #expect(error?.code == .keyMismatch)
    }

    @Test func flippedByteInCBCCiphertextIsADecryptionError() throws {
        let alice = try TestIdentity.certificate("alice")
        // 32 bytes: the last block is all padding (0x10); flipping the last byte of the
        // block before it turns that padding into 0x11, which can never be valid.
        let der = try CMS.encrypt(
            Data(repeating: 0x41, count: 32), recipients: [alice], algorithm: .aes256CBC)

        let error = #expect(throws: SMIMEError.self) {
            try CMS.decrypt(
                der.flippingByte(at: -17), key: TestIdentity.key("alice"), certificate: alice)
        }

        #expect(error?.code == .decryptionFailed)
        #expect(error?.openSSLErrors.isEmpty == false)
    }

    @Test func flippedByteInGCMCiphertextOrTagIsAnIntegrityFailure() throws {
        let bob = try TestIdentity.certificate("bob")
        let der = try CMS.encrypt(content, recipients: [bob], algorithm: .aes256GCM)
        // AuthEnvelopedData ends with the ciphertext, then the mac: 04 10 <16 bytes>.
        let lastCiphertextByte = -(16 + 2 + 1)

        for index in [lastCiphertextByte, -1] {
            let error = #expect(throws: SMIMEError.self) {
                try CMS.decrypt(
                    der.flippingByte(at: index), key: TestIdentity.key("bob"), certificate: bob)
            }
            #expect(error?.code == .integrityFailure, "byte \(index)")
            #expect(error?.reason.contains("authentication tag does not match") == true)
        }
    }

    @Test func truncatedGarbageAndEmptyInputAreMalformed() throws {
        let alice = try TestIdentity.certificate("alice")
        let key = try TestIdentity.key("alice")
        let der = try CMS.encrypt(content, recipients: [alice])

        for input in [der.prefix(der.count - 10), der.prefix(40), Data("garbage".utf8), Data()] {
            let error = #expect(throws: SMIMEError.self) {
                try CMS.decrypt(input, key: key, certificate: alice)
            }
            #expect(error?.code == .malformedInput, "\(input.count) bytes")
            #expect(CMS.kind(of: input) == .notCMS)
        }
        let trailing = #expect(throws: SMIMEError.self) {
            try CMS.decrypt(der + Data([1, 2, 3]), key: key, certificate: alice)
        }
        #expect(trailing?.reason == "3 bytes follow the end of the CMS message")
    }

    @Test func signedDataIsNotDecrypted() throws {
        let alice = try TestIdentity.certificate("alice")
        let key = try TestIdentity.key("alice")
        let signed = try CMS.sign(content, signer: alice, key: key, detached: false)

        let error = #expect(throws: SMIMEError.self) {
            try CMS.decrypt(signed, key: key, certificate: alice)
        }

        #expect(error?.code == .wrongContentType)
        #expect(error?.reason == "the message is SignedData, not encrypted data")
    }

    @Test func encryptionRefusesWhatItMustNotDo() throws {
        let alice = try TestIdentity.certificate("alice")
        let directory = TemporaryDirectory()
        let server = try ThrowawayIdentity(
            subject: "/CN=Server Only", extensions: "extendedKeyUsage=serverAuth\n",
            in: directory)
        let cases: [(SMIMEError.Code, () throws -> Data)] = [
            (.invalidArgument, { try CMS.encrypt(content, recipients: []) }),
            (.unsupportedAlgorithm, {
                try CMS.encrypt(content, recipients: [alice], algorithm: .des3CBC)
            }),
            (.unsuitableCertificate, { try CMS.encrypt(content, recipients: [TestIdentity.ca]) }),
            (.unsuitableCertificate, {
                try CMS.encrypt(content, recipients: [server.certificate])
            }),
        ]
        for (code, make) in cases {
            let error = #expect(throws: SMIMEError.self) { _ = try make() }
            #expect(error?.code == code)
        }
    }
}
