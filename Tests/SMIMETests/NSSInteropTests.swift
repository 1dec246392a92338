import Foundation
import MailSealSMIME
import Testing
import TestSupport

/// Against NSS's `cmsutil` (the CMS engine of Thunderbird), with a throwaway database.
@Suite struct NSSInteropTests {
    let content = Data("NSS interop body\r\nsecond line\r\n".utf8)

    /// An NSS database holding the test CA (trusted) and Alice's and Bob's keys.
    final class Database {
        let directory = TemporaryDirectory("mailseal-nss")
        var path: String { "sql:\(directory.url.path)" }

        init() throws {
            try peer("certutil", ["-N", "--empty-password", "-d", path])
            try peer("certutil", [
                "-A", "-n", "MailSeal Test CA", "-t", "C,C,C",
                "-i", TestIdentity.url("ca.crt").path, "-d", path,
            ])
            for name in ["alice", "bob"] {
                try peer("pk12util", [
                    "-i", TestIdentity.url("\(name).p12").path, "-d", path,
                    "-W", "\(name)-passphrase", "-K", "",
                ])
            }
        }

        /// `cmsutil -D`: the decoded content and the `-h` report of what NSS saw.
        func decode(_ der: Data, detachedContent: Data? = nil) throws -> ProcessResult {
            var arguments = [
                "-D", "-i", try der.written(to: directory, as: "in.der"), "-d", path,
                "-p", "", "-h", "1",
            ]
            if let detachedContent {
                arguments += ["-c", try detachedContent.written(to: directory, as: "c.txt")]
            }
            return try ProcessRunner.run("cmsutil", arguments)
        }
    }

    /// Whether this NSS can read ECDH KeyAgreeRecipientInfo at all, tried on a message
    /// openssl made. NSS 3.87 (Debian 12) cannot: it answers SEC_ERROR_BAD_DER.
    static let nssReadsECDH: Bool = {
        guard let database = try? Database(),
              let sealed = try? ProcessRunner.run("openssl", [
                  "cms", "-encrypt", "-binary", "-outform", "DER", "-aes-256-cbc",
                  "-recip", TestIdentity.url("bob.crt").path,
              ], input: Data("probe".utf8)),
              let decoded = try? database.decode(sealed.stdout)
        else { return false }
        return decoded.status == 0
    }()

    @Test func whatWeEncryptToAnRSARecipientNSSDecrypts() throws {
        let database = try Database()
        let der = try CMS.encrypt(content, recipients: [TestIdentity.certificate("alice")])

        let result = try database.decode(der)

        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.hasSuffix(String(decoding: content, as: UTF8.self)))
        #expect(result.stdoutText.contains("type=envelopedData"))
    }

    @Test(.enabled(
        if: nssReadsECDH,
        "this NSS has no ECDH key agreement in CMS (RFC 5753), not even for openssl's messages"))
    func whatWeEncryptToAnECRecipientNSSDecrypts() throws {
        let database = try Database()
        let der = try CMS.encrypt(content, recipients: [TestIdentity.certificate("bob")])

        let result = try database.decode(der)

        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.hasSuffix(String(decoding: content, as: UTF8.self)))
    }

    @Test func whatNSSEncryptsWeDecrypt() throws {
        let database = try Database()
        let output = database.directory.file("sealed.der")
        try peer("cmsutil", [
            "-E", "-r", "alice@example.org", "-d", database.path,
            "-i", content.written(to: database.directory, as: "plain.txt"), "-o", output.path,
        ])
        let printed = try peer("openssl", [
            "cms", "-cmsout", "-print", "-inform", "DER", "-in", output.path,
        ]).stdoutText

        let result = try CMS.decrypt(
            Data(contentsOf: output), key: TestIdentity.key("alice"),
            certificate: TestIdentity.certificate("alice"))

        #expect(result.content == content)
        #expect(!result.isAuthenticated)
        #expect(printed.contains("(\(result.algorithm.oid))"))
    }

    @Test(arguments: ["alice", "bob"], [true, false])
    func whatWeSignNSSFindsGood(signer: String, detached: Bool) throws {
        let database = try Database()
        let der = try CMS.sign(
            content, signer: TestIdentity.certificate(signer), key: TestIdentity.key(signer),
            detached: detached)

        let result = try database.decode(der, detachedContent: detached ? content : nil)

        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("signer0.status=GoodSignature"))
    }

    @Test func whatNSSSignsWeVerify() throws {
        let database = try Database()
        let output = database.directory.file("signed.der")
        try peer("cmsutil", [
            "-S", "-G", "-P", "-N", "Alice Example", "-d", database.path, "-p", "",
            "-i", content.written(to: database.directory, as: "plain.txt"),
            "-o", output.path,
        ])

        let result = try CMS.verify(
            Data(contentsOf: output), trustAnchors: [TestIdentity.ca])
        let signer = try #require(result.signers.first)

        #expect(result.content == content)
        #expect(signer.signatureIntact)
        #expect(signer.chainNow == .valid)
        #expect(signer.signingTime != nil)
        #expect(!signer.capabilities.isEmpty)
    }
}
