import Foundation
import MailSealDelivery
import Testing
import TestSupport

/// DANE matching against the chains the world's servers really present, with the
/// TLSA data computed by the `openssl` program as an independent peer.
@Suite(.serialized, .enabled(if: SMTPWorld.started, "the SMTP test world did not start"))
struct SMTPDANETests {
    let probe = SMTPProbe(configuration: SMTPWorld.configuration())

    /// The TLSA data for `certificate` (a PEM file) by `openssl`: selector 0 or 1,
    /// matching 0 (raw), 1 (SHA-256) or 2 (SHA-512).
    func tlsaData(_ certificate: String, selector: Int, matching: Int) throws -> Data {
        let path = SMTPWorld.folder.appendingPathComponent(certificate).path
        let der = try ProcessRunner.run(
            "sh", ["-c", selector == 0
                ? "openssl x509 -in '\(path)' -outform DER"
                : "openssl x509 -in '\(path)' -noout -pubkey | openssl pkey -pubin -outform DER"])
        guard matching != 0 else { return der.stdout }
        let digest = try ProcessRunner.run(
            "openssl", ["dgst", matching == 1 ? "-sha256" : "-sha512", "-binary"],
            input: der.stdout)
        return digest.stdout
    }

    func caData() throws -> Data {
        let path = ProjectPaths.root.appendingPathComponent(".world/ca/world-ca.crt").path
        let der = try ProcessRunner.run("openssl", ["x509", "-in", path, "-outform", "DER"])
        return try ProcessRunner.run(
            "openssl", ["dgst", "-sha256", "-binary"], input: der.stdout).stdout
    }

    func handshake(_ host: String) async throws -> TLSHandshakeResult {
        try #require(await probe.probe(host: host).tls)
    }

    @Test(arguments: [(0, 1), (1, 0), (1, 1), (1, 2)])
    func daneEEMatchesTheServerCertificate(selector: Int, matching: Int) async throws {
        let data = try tlsaData("mx-ok.crt", selector: selector, matching: matching)
        let record = TLSARecord(
            usage: 3, selector: UInt8(selector), matchingType: UInt8(matching), data: data)

        let result = DANEVerifier.verify(
            [record], isSecure: true, host: "mx-ok.example.test",
            handshake: try await handshake("mx-ok.example.test"))

        #expect(result.status == .validated)
        #expect(result.matched == record)
    }

    @Test func daneEEIgnoresTheNameAsRFC7672Says() async throws {
        let data = try tlsaData("mx-badcert.crt", selector: 1, matching: 1)
        let record = TLSARecord(usage: 3, selector: 1, matchingType: 1, data: data)

        let result = DANEVerifier.verify(
            [record], isSecure: true, host: "mx-badcert.example.test",
            handshake: try await handshake("mx-badcert.example.test"))

        #expect(result.status == .validated)
    }

    @Test func daneTAMatchesTheIssuerInTheChain() async throws {
        let record = TLSARecord(usage: 2, selector: 0, matchingType: 1, data: try caData())

        let result = DANEVerifier.verify(
            [record], isSecure: true, host: "mx-ok.example.test",
            handshake: try await handshake("mx-ok.example.test"))

        #expect(result.status == .validated)
    }

    @Test func daneTARequiresTheMXName() async throws {
        let record = TLSARecord(usage: 2, selector: 0, matchingType: 1, data: try caData())

        let result = DANEVerifier.verify(
            [record], isSecure: true, host: "mx-badcert.example.test",
            handshake: try await handshake("mx-badcert.example.test"))

        #expect(result.status == .mismatch)
    }

    @Test func recordForAnotherKeyIsAMismatch() async throws {
        let other = try tlsaData("mx-selfsigned.crt", selector: 1, matching: 1)
        let record = TLSARecord(usage: 3, selector: 1, matchingType: 1, data: other)

        let result = DANEVerifier.verify(
            [record], isSecure: true, host: "mx-ok.example.test",
            handshake: try await handshake("mx-ok.example.test"))

        #expect(result.status == .mismatch)
        #expect(result.detail == "DANE TLSA records do not match the certificate")
    }

    @Test func unvalidatedAnswerNeverCounts() async throws {
        let data = try tlsaData("mx-ok.crt", selector: 1, matching: 1)
        let record = TLSARecord(usage: 3, selector: 1, matchingType: 1, data: data)

        let result = DANEVerifier.verify(
            [record], isSecure: false, host: "mx-ok.example.test",
            handshake: try await handshake("mx-ok.example.test"))

        #expect(result.status == .insecure)
        #expect(result.matched == nil)
    }

    @Test func pkixUsagesAreUnusableForSMTP() async throws {
        let data = try tlsaData("mx-ok.crt", selector: 1, matching: 1)
        let record = TLSARecord(usage: 1, selector: 1, matchingType: 1, data: data)

        let result = DANEVerifier.verify(
            [record], isSecure: true, host: "mx-ok.example.test",
            handshake: try await handshake("mx-ok.example.test"))

        #expect(result.status == .unusable)
    }

    @Test func noTLSIsReportedWhenRecordsExist() throws {
        let record = TLSARecord(usage: 3, selector: 1, matchingType: 1, data: Data([1]))

        let result = DANEVerifier.verify(
            [record], isSecure: true, host: "mx-nostarttls.example.test", handshake: nil)

        #expect(result.status == .noTLS)
    }
}
