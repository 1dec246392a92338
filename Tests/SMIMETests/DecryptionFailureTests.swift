import Foundation
import MailSealSMIME
import Testing
import TestSupport

/// Every way decryption can fail says which way, in words a person can act on.
@Suite struct DecryptionFailureTests {
    let content = Data("Lab result for patient 4711: within normal range.\r\n".utf8)

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

    @Test func everyCallStartsWithAnEmptyErrorQueue() throws {
        let alice = try TestIdentity.certificate("alice")
        let key = try TestIdentity.key("alice")
        let truncated = try CMS.encrypt(content, recipients: [alice]).prefix(60)

        let first = #expect(throws: SMIMEError.self) {
            try CMS.decrypt(truncated, key: key, certificate: alice)
        }
        _ = try? Certificate(derEncoded: Data("junk".utf8))
        let second = #expect(throws: SMIMEError.self) {
            try CMS.decrypt(truncated, key: key, certificate: alice)
        }

        #expect(first?.openSSLErrors.isEmpty == false)
        #expect(first?.openSSLErrors == second?.openSSLErrors)
        #expect(second?.openSSLErrors.contains { $0.contains("CMS_ContentInfo") } == true)
    }

    @Test func damagedWrappedKeyOfAnECRecipientIsADecryptionFailure() throws {
        let bob = try TestIdentity.certificate("bob")
        let der = try CMS.encrypt(content, recipients: [bob])
        // The AES-wrapped key is the last field before EncryptedContentInfo, whose
        // SEQUENCE header (2 bytes) precedes the first id-data OID in the message.
        let idData = Data([0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01])
        let contentType = try #require(der.range(of: idData))
        let insideWrappedKey = contentType.lowerBound - 2 - 10 - der.startIndex

        let error = #expect(throws: SMIMEError.self) {
            try CMS.decrypt(
                der.flippingByte(at: insideWrappedKey), key: TestIdentity.key("bob"),
                certificate: bob)
        }

        #expect(error?.code == .decryptionFailed)
        #expect(error?.reason.contains("could not recover the message key") == true)
    }

    @Test func damagedRSAEncryptedKeyOfGCMContentIsAnIntegrityFailure() throws {
        let alice = try TestIdentity.certificate("alice")
        let der = try CMS.encrypt(content, recipients: [alice], algorithm: .aes256GCM)
        // The RSA-2048 encryptedKey: OCTET STRING with a two-byte length of 256.
        let header = try #require(der.range(of: Data([0x04, 0x82, 0x01, 0x00])))
        let middle = header.upperBound + 128 - der.startIndex

        // OpenSSL answers a failed RSA decryption with a random key rather than an
        // error (against Bleichenbacher-style oracles), so the tag check catches it.
        let error = #expect(throws: SMIMEError.self) {
            try CMS.decrypt(
                der.flippingByte(at: middle), key: TestIdentity.key("alice"),
                certificate: alice)
        }

        #expect(error?.code == .integrityFailure)
    }
}
