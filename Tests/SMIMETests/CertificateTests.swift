import Foundation
import MailSealSMIME
import Testing
import TestSupport

@Suite struct CertificateTests {
    @Test func pemAndDerFormsAreTheSameCertificate() throws {
        let pem = try Certificate(pemEncoded: TestIdentity.data("alice.crt"))
        let der = try Certificate(derEncoded: TestIdentity.data("alice.der"))

        #expect(pem == der)
        #expect(pem.derRepresentation == (try TestIdentity.data("alice.der")))
        #expect(Set([pem, der]).count == 1)
        #expect(try Certificate(pemEncoded: Data(pem.pemRepresentation.utf8)) == pem)
        #expect(pem.pemRepresentation.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
    }

    @Test func fieldsMatchWhatOpenSSLReports() throws {
        let alice = try TestIdentity.certificate("alice")
        let path = TestIdentity.url("alice.crt").path
        let serial = try peer("openssl", ["x509", "-in", path, "-noout", "-serial"])
        let fingerprint = try peer(
            "openssl", ["x509", "-in", path, "-noout", "-fingerprint", "-sha256"])
        let dates = try peer(
            "openssl", ["x509", "-in", path, "-noout", "-dates", "-dateopt", "iso_8601"])

        #expect(alice.subject == "CN = Alice Example, emailAddress = alice@example.org")
        #expect(alice.issuer == "O = MailSeal Test, CN = MailSeal Test CA")
        #expect("serial=\(alice.serialNumber)\n" == serial.stdoutText)
        let expected = fingerprint.stdoutText.split(separator: "=").last
            .map { $0.replacingOccurrences(of: ":", with: "") }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(alice.fingerprintSHA256 == expected)
        let iso = ISO8601DateFormatter()
        let dateLines = dates.stdoutText.split(separator: "\n").map {
            String($0.split(separator: "=", maxSplits: 1)[1]).replacingOccurrences(
                of: " ", with: "T")
        }
        #expect(alice.notBefore == iso.date(from: dateLines[0]))
        #expect(alice.notAfter == iso.date(from: dateLines[1]))
    }

    @Test func emailAddressesComeFromSubjectAltNameAndSubjectOnce() throws {
        let alice = try TestIdentity.certificate("alice")
        let signer = try thunderbirdSignerCertificate()

        #expect(alice.emailAddresses == ["alice@example.org"])
        #expect(signer.emailAddresses == ["fejj@gnome.org"])
        #expect(try TestIdentity.ca.emailAddresses.isEmpty)
    }

    @Test func keyAlgorithmNamesSizeAndCurve() throws {
        #expect(try TestIdentity.certificate("alice").keyAlgorithm == "RSA-2048")
        #expect(try TestIdentity.certificate("bob").keyAlgorithm == "EC P-256")
        #expect(try TestIdentity.key("bob").algorithm == "EC P-256")
    }

    @Test func usageFlagsFollowTheExtensions() throws {
        let alice = try TestIdentity.certificate("alice")
        let bob = try TestIdentity.certificate("bob")
        let ca = try TestIdentity.ca

        #expect(alice.canEncrypt && alice.canSign && alice.allowsEmailProtection)
        #expect(!alice.isCA && !alice.isSelfSigned)
        #expect(bob.canEncrypt && bob.canSign)
        #expect(ca.isCA && ca.isSelfSigned)
        #expect(!ca.canEncrypt && !ca.canSign)
        // No extended key usage at all means any use is allowed (RFC 8550 s4.4.4).
        #expect(ca.allowsEmailProtection)
    }

    @Test func serverOnlyCertificateIsNotForEmailProtection() throws {
        let directory = TemporaryDirectory()
        let server = try ThrowawayIdentity(
            subject: "/CN=Server Only", extensions: "extendedKeyUsage=serverAuth\n",
            in: directory)

        #expect(!server.certificate.allowsEmailProtection)
        #expect(server.certificate.canEncrypt)
    }

    @Test func allCertificatesOfAPEMBundleAreReadInOrder() throws {
        let bundle = try TestIdentity.data("alice.crt") + TestIdentity.data("ca.crt")
            + TestIdentity.data("bob.crt")

        let certificates = try Certificate.all(fromPEM: bundle)

        #expect(certificates.map(\.subject) == [
            "CN = Alice Example, emailAddress = alice@example.org",
            "O = MailSeal Test, CN = MailSeal Test CA",
            "CN = Bob Example, emailAddress = bob@example.org",
        ])
        #expect(try Certificate.load(bundle) == certificates)
        #expect(try Certificate.load(TestIdentity.data("bob.der")) == [certificates[2]])
    }

    @Test func unreadableInputGivesInvalidCertificate() throws {
        let der = try TestIdentity.data("alice.der")
        let cases: [(String, () throws -> Any)] = [
            ("garbage DER", { try Certificate(derEncoded: Data("not a cert".utf8)) }),
            ("truncated DER", { try Certificate(derEncoded: der.prefix(der.count / 2)) }),
            ("trailing bytes", { try Certificate(derEncoded: der + Data([0, 0])) }),
            ("empty", { try Certificate(derEncoded: Data()) }),
            ("PEM without certificate", {
                try Certificate.all(fromPEM: Data("hello\n".utf8))
            }),
            ("broken PEM block", {
                try Certificate(pemEncoded: Data(
                    "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".utf8))
            }),
        ]
        for (name, make) in cases {
            let error = #expect(throws: SMIMEError.self, "\(name)") { _ = try make() }
            #expect(error?.code == .invalidCertificate, "\(name)")
            #expect(error?.function.hasPrefix("Certificate.") == true, "\(name)")
        }
    }
}

/// The signer certificate inside the Thunderbird vector's signature.
func thunderbirdSignerCertificate() throws -> Certificate {
    let message = try ThunderbirdMessage()
    let result = try CMS.verify(
        message.signature, detachedContent: message.signedContent, trustAnchors: [])
    return try #require(result.signers.first?.certificate)
}
