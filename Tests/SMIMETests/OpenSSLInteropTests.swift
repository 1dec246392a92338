import Foundation
import MailSealSMIME
import Testing
import TestSupport

/// Both directions against the `openssl cms` program, at the CMS level.
@Suite struct OpenSSLInteropTests {
    let content = Data("Interop body line one\r\nline two: äöü\r\n".utf8)

    enum Sealed: String, CaseIterable, Sendable {
        case rsaCBC, rsaOAEP, rsaGCM, ecCBC, ecGCM

        var recipient: String { rawValue.hasPrefix("ec") ? "bob" : "alice" }
        var algorithm: ContentEncryptionAlgorithm {
            rawValue.hasSuffix("GCM") ? .aes256GCM : .aes256CBC
        }
        var transport: RSAKeyTransport { self == .rsaOAEP ? .oaep : .pkcs1v15 }
    }

    @Test(arguments: Sealed.allCases)
    func whatWeEncryptOpenSSLDecrypts(_ sealed: Sealed) throws {
        let directory = TemporaryDirectory()
        let der = try CMS.encrypt(
            content, recipients: [TestIdentity.certificate(sealed.recipient)],
            algorithm: sealed.algorithm, rsaKeyTransport: sealed.transport)

        let result = try peer("openssl", [
            "cms", "-decrypt", "-binary", "-inform", "DER",
            "-in", der.written(to: directory, as: "message.der"),
            "-recip", TestIdentity.url("\(sealed.recipient).crt").path,
            "-inkey", TestIdentity.url("\(sealed.recipient).key").path,
        ])

        #expect(result.stdout == content)
    }

    @Test(arguments: [
        ("alice", ["-aes-256-cbc"], ContentEncryptionAlgorithm.aes256CBC),
        // -stream writes BER with indefinite lengths, as mail clients do.
        ("alice", ["-aes-256-cbc", "-stream"], .aes256CBC),
        ("bob", ["-aes-256-gcm", "-stream"], .aes256GCM),
        ("alice", ["-aes-128-cbc"], .aes128CBC),
        ("alice", ["-aes-256-gcm"], .aes256GCM),
        ("alice", ["-aes-256-cbc", "-keyopt", "rsa_padding_mode:oaep"], .aes256CBC),
        ("alice", ["-des3"], .des3CBC),
        ("bob", ["-aes-256-cbc"], .aes256CBC),
        ("bob", ["-aes-128-gcm"], .aes128GCM),
    ])
    func whatOpenSSLEncryptsWeDecrypt(
        recipient: String, options: [String], algorithm: ContentEncryptionAlgorithm
    ) throws {
        let directory = TemporaryDirectory()
        let certificatePath = TestIdentity.url("\(recipient).crt").path
        let inputPath = try content.written(to: directory, as: "content.txt")
        let der = try peer("openssl", [
            "cms", "-encrypt", "-binary", "-outform", "DER", "-in", inputPath,
            "-recip", certificatePath,
        ] + options).stdout

        let result = try CMS.decrypt(
            der, key: TestIdentity.key(recipient),
            certificate: TestIdentity.certificate(recipient))

        #expect(result.content == content)
        #expect(result.algorithm == algorithm)
        #expect(result.isAuthenticated == algorithm.isAuthenticated)
    }

    @Test(arguments: ["alice", "bob"], [true, false])
    func whatWeSignOpenSSLVerifies(signer: String, detached: Bool) throws {
        let directory = TemporaryDirectory()
        let der = try CMS.sign(
            content, signer: TestIdentity.certificate(signer), key: TestIdentity.key(signer),
            detached: detached)
        var arguments = [
            "cms", "-verify", "-binary", "-inform", "DER",
            "-in", try der.written(to: directory, as: "signed.der"),
            "-CAfile", TestIdentity.url("ca.crt").path, "-purpose", "smimesign",
        ]
        if detached {
            arguments += ["-content", try content.written(to: directory, as: "content.txt")]
        }

        let result = try peer("openssl", arguments)

        #expect(result.stdout == content)
        #expect(result.stderrText.contains("Verification successful"))
    }

    @Test(arguments: [
        ("alice", "sha256", true, false), ("alice", "sha1", true, false),
        ("bob", "sha384", false, false), ("carol", "sha512", false, false),
        // -stream writes BER with indefinite lengths (and embeds the content).
        ("alice", "sha256", false, true), ("bob", "sha512", false, true),
    ])
    func whatOpenSSLSignsWeVerify(
        signer: String, digest: String, detached: Bool, streamed: Bool
    ) throws {
        let directory = TemporaryDirectory()
        let inputPath = try content.written(to: directory, as: "content.txt")
        let der = try peer("openssl", [
            "cms", "-sign", "-binary", "-outform", "DER", "-in", inputPath, "-md", digest,
            "-signer", TestIdentity.url("\(signer).crt").path,
            "-inkey", TestIdentity.url("\(signer).key").path,
        ] + (detached ? [] : ["-nodetach"]) + (streamed ? ["-stream"] : [])).stdout

        let result = try CMS.verify(
            der, detachedContent: detached ? content : nil, trustAnchors: [TestIdentity.ca])
        let verified = try #require(result.signers.first)

        #expect(result.content == content)
        #expect(verified.signatureIntact)
        #expect(verified.chainNow == .valid)
        #expect(verified.digestAlgorithm == digest)
        // openssl's default list puts AES-256-CBC first.
        #expect(verified.capabilities.first == .aes256CBC)
    }

    @Test func openSSLRejectsWhatWeReportAsAltered() throws {
        let directory = TemporaryDirectory()
        let der = try CMS.sign(
            content, signer: TestIdentity.certificate("alice"), key: TestIdentity.key("alice"),
            detached: true)
        let altered = content.flippingByte(at: 3)

        let ours = try #require(try CMS.verify(
            der, detachedContent: altered, trustAnchors: [TestIdentity.ca]).signers.first)
        let theirs = try ProcessRunner.run("openssl", [
            "cms", "-verify", "-binary", "-inform", "DER",
            "-in", der.written(to: directory, as: "signed.der"),
            "-content", altered.written(to: directory, as: "altered.txt"),
            "-CAfile", TestIdentity.url("ca.crt").path,
        ])

        #expect(!ours.signatureIntact)
        #expect(theirs.status != 0)
        #expect(theirs.stderrText.contains("content verify error"))
    }
}
