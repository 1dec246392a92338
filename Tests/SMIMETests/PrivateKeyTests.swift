import Foundation
import MailSealSMIME
import Testing
import TestSupport

@Suite struct PrivateKeyTests {
    @Test func keyMatchesOnlyItsOwnCertificate() throws {
        let key = try TestIdentity.key("alice")

        #expect(key.matches(try TestIdentity.certificate("alice")))
        #expect(!key.matches(try TestIdentity.certificate("carol")))
        #expect(!key.matches(try TestIdentity.certificate("bob")))
        #expect(try TestIdentity.key("bob").matches(TestIdentity.certificate("bob")))
    }

    @Test func descriptionsNameOnlyTheAlgorithm() throws {
        let key = try TestIdentity.key("alice")

        #expect(key.description == "PrivateKey(RSA-2048)")
        #expect(String(reflecting: key) == "PrivateKey(RSA-2048)")
        #expect("\(key)" == "PrivateKey(RSA-2048)")
    }

    @Test func pemRepresentationIsUnencryptedPKCS8ThatReadsBack() throws {
        let key = try TestIdentity.key("bob")

        let pem = key.pemRepresentation
        let text = String(decoding: pem, as: UTF8.self)

        #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try PrivateKey(pemEncoded: pem).matches(TestIdentity.certificate("bob")))
    }

    @Test func encryptedPEMNeedsTheRightPassphrase() throws {
        let encrypted = try peer("openssl", [
            "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", TestIdentity.url("carol.key").path,
            "-passout", "pass:carol-secret",
        ]).stdout

        let key = try PrivateKey(pemEncoded: encrypted, passphrase: "carol-secret")
        #expect(key.matches(try TestIdentity.certificate("carol")))

        let wrong = #expect(throws: SMIMEError.self) {
            try PrivateKey(pemEncoded: encrypted, passphrase: "not-it")
        }
        #expect(wrong?.code == .wrongPassphrase)
        #expect(wrong?.reason == "the passphrase does not decrypt the key")

        let missing = #expect(throws: SMIMEError.self) {
            try PrivateKey(pemEncoded: encrypted)
        }
        #expect(missing?.code == .wrongPassphrase)
        #expect(missing?.reason.contains("no passphrase was given") == true)
    }

    @Test func encryptedPEMRepresentationIsPBES2WithAES256AndNeedsItsPassphrase() throws {
        let key = try TestIdentity.key("alice")
        let directory = TemporaryDirectory("smime-pkcs8")

        let pem = try key.pemRepresentation(passphrase: "stored-secret")
        let text = String(decoding: pem, as: UTF8.self)
        let parsed = try peer("openssl", ["asn1parse", "-in", pem.written(to: directory,
            as: "key.pem")]).stdoutText

        #expect(text.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        for algorithm in [":PBES2", ":PBKDF2", ":hmacWithSHA256", ":aes-256-cbc"] {
            #expect(parsed.contains(algorithm), "\(algorithm) missing")
        }
        #expect(try PrivateKey(pemEncoded: pem, passphrase: "stored-secret")
            .matches(TestIdentity.certificate("alice")))
        let wrong = #expect(throws: SMIMEError.self) {
            try PrivateKey(pemEncoded: pem, passphrase: "stored-secreT")
        }
        #expect(wrong?.code == .wrongPassphrase)
        let missing = #expect(throws: SMIMEError.self) { try PrivateKey(pemEncoded: pem) }
        #expect(missing?.code == .wrongPassphrase)
    }

    @Test func opensslReadsTheEncryptedPEMWithThePassphrase() throws {
        let key = try TestIdentity.key("bob")
        let directory = TemporaryDirectory("smime-pkcs8")
        let path = try key.pemRepresentation(passphrase: "bob-stored")
            .written(to: directory, as: "key.pem")

        let opened = try peer("openssl", [
            "pkey", "-in", path, "-passin", "pass:bob-stored", "-pubout",
        ])
        let refused = try ProcessRunner.run(
            "openssl", ["pkey", "-in", path, "-passin", "pass:other", "-noout"])
        let certificateKey = try peer("openssl", [
            "x509", "-in", TestIdentity.url("bob.crt").path, "-noout", "-pubkey",
        ])

        #expect(opened.stdoutText == certificateKey.stdoutText)
        #expect(refused.status != 0)
    }

    @Test func eachEncryptionUsesAFreshSaltAndTheEmptyPassphraseIsRefused() throws {
        let key = try TestIdentity.key("carol")

        let first = try key.pemRepresentation(passphrase: "carol-stored")
        let second = try key.pemRepresentation(passphrase: "carol-stored")
        let empty = #expect(throws: SMIMEError.self) { try key.pemRepresentation(passphrase: "") }

        #expect(first != second)
        #expect(empty?.code == .invalidArgument)
    }

    @Test func derKeysReadPlainAndEncrypted() throws {
        let path = TestIdentity.url("alice.key").path
        let plain = try peer("openssl", ["pkcs8", "-topk8", "-nocrypt", "-in", path,
            "-outform", "DER"]).stdout
        let encrypted = try peer("openssl", ["pkcs8", "-topk8", "-v2", "aes-128-cbc",
            "-in", path, "-outform", "DER", "-passout", "pass:alice-secret"]).stdout
        let alice = try TestIdentity.certificate("alice")

        #expect(try PrivateKey(derEncoded: plain).matches(alice))
        #expect(try PrivateKey(derEncoded: encrypted, passphrase: "alice-secret").matches(alice))
        let error = #expect(throws: SMIMEError.self) {
            try PrivateKey(derEncoded: encrypted, passphrase: "wrong")
        }
        #expect(error?.code == .wrongPassphrase)
    }

    @Test func errorsNeverCarryKeyMaterial() throws {
        let pem = try TestIdentity.data("alice.key")
        let text = String(decoding: pem, as: UTF8.self)
        let damaged = Data(text.replacingOccurrences(of: "\n", with: "\n#").utf8)
        let keyLines = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }

        let error = #expect(throws: SMIMEError.self) { try PrivateKey(pemEncoded: damaged) }

        #expect(error?.code == .invalidKey)
        let description = error?.description ?? ""
        for line in keyLines { #expect(!description.contains(line.prefix(16))) }
    }

    @Test func garbageIsNotAKey() throws {
        for input in [Data(), Data("hello".utf8), Data(repeating: 0x30, count: 40)] {
            let error = #expect(throws: SMIMEError.self) { try PrivateKey(derEncoded: input) }
            #expect(error?.code == .invalidKey)
            let pemError = #expect(throws: SMIMEError.self) {
                try PrivateKey(pemEncoded: input)
            }
            #expect(pemError?.code == .invalidKey)
        }
    }
}

@Suite struct PKCS12BundleTests {
    @Test func bundleHoldsKeyCertificateAndCA() throws {
        let bundle = try PKCS12Bundle(
            derEncoded: TestIdentity.data("alice.p12"), passphrase: "alice-passphrase")

        #expect(bundle.certificate == (try TestIdentity.certificate("alice")))
        #expect(bundle.key.matches(bundle.certificate))
        #expect(bundle.chain == [try TestIdentity.ca])
    }

    @Test func ecBundleOpens() throws {
        let bundle = try PKCS12Bundle(
            derEncoded: TestIdentity.data("bob.p12"), passphrase: "bob-passphrase")

        #expect(bundle.certificate.keyAlgorithm == "EC P-256")
        #expect(bundle.key.matches(bundle.certificate))
    }

    @Test func wrongPasswordIsReportedAsSuch() throws {
        let error = #expect(throws: SMIMEError.self) {
            try PKCS12Bundle(derEncoded: TestIdentity.data("alice.p12"), passphrase: "nope")
        }

        #expect(error?.code == .wrongPassphrase)
        #expect(error?.function == "PKCS12Bundle.init(derEncoded:passphrase:)")
        #expect(error?.reason == "the password does not open the PKCS#12 file")
    }

    @Test func truncatedBundleIsMalformed() throws {
        let bytes = try TestIdentity.data("alice.p12")

        let error = #expect(throws: SMIMEError.self) {
            try PKCS12Bundle(derEncoded: bytes.prefix(100), passphrase: "alice-passphrase")
        }

        #expect(error?.code == .malformedInput)
    }
}
