import Foundation
import MailSealDelivery
import Testing
import TestSupport

/// The resolver against the world's NSD: DNSSEC status, and the key and TLSA records.
@Suite struct DNSResolverTests {
    let world: DNSTestWorld

    init() throws { world = try DNSTestWorld.require() }

    @Test func answersFromTheSignedZoneAreSecure() async throws {
        let answer = try await world.resolver().query("signed.test", type: .mx)

        #expect(answer.isSecure)
        #expect(!answer.isBogus)
        #expect(answer.rcode == .noError)
        #expect(answer.ttl == 300)
        let records = try answer.mxRecords().sorted { $0.preference < $1.preference }
        #expect(records == [
            MXRecord(preference: 10, exchange: "mx-ok.signed.test"),
            MXRecord(preference: 20, exchange: "mx-nostarttls.signed.test"),
        ])
    }

    @Test func answersFromTheUnsignedZoneAreInsecureButNotBogus() async throws {
        let answer = try await world.resolver().query("ok.example.test", type: .mx)

        #expect(!answer.isSecure)
        #expect(!answer.isBogus)
        #expect(answer.dnssecStatus == "insecure")
        #expect(try answer.mxRecords() == [
            MXRecord(preference: 10, exchange: "mx-ok.example.test"),
        ])
    }

    @Test func nonexistenceInTheSignedZoneIsProven() async throws {
        let answer = try await world.resolver().query("nothing-here.signed.test", type: .a)

        #expect(answer.nxdomain)
        #expect(answer.rcode == .nameError)
        #expect(answer.isSecure)
        #expect(answer.records.isEmpty)
    }

    @Test func tamperedRecordIsBogus() async throws {
        let resolver = try world.resolver()
        let tampered = try await resolver.query("tampered.bogus.test", type: .txt)
        let intact = try await resolver.query("intact.bogus.test", type: .txt)

        #expect(tampered.isBogus)
        #expect(!tampered.isSecure)
        #expect(tampered.whyBogus?.contains("signature") == true)
        let error = try #require(throws: DeliveryError.self) { try tampered.requireUsable() }
        #expect(error.code == .dnsBogus)
        #expect(intact.isSecure)
        #expect(try intact.texts() == ["signed and untouched"])
    }

    @Test func wrongTrustAnchorMakesTheSignedZoneBogus() async throws {
        let resolver = try world.resolver(trustAnchorFile: world.wrongTrustAnchors)
        let answer = try await resolver.query("signed.test", type: .mx)

        #expect(answer.isBogus)
        #expect(!answer.isSecure)
        let error = await #expect(throws: DeliveryError.self) {
            try await resolver.resolveMX(for: "signed.test")
        }
        #expect(error?.code == .dnsBogus)
    }

    @Test func withoutTrustAnchorNothingIsSecure() async throws {
        let answer = try await world.resolver(trustAnchorFile: "").query("signed.test", type: .mx)

        #expect(!answer.isSecure)
        #expect(!answer.isBogus)
        #expect(answer.records.count == 2)
    }

    // MARK: - Other ways to configure the resolver

    @Test func trustAnchorGivenAsARecordValidatesLikeTheFile() async throws {
        let lines = try String(contentsOfFile: world.trustAnchors, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let signed = try #require(lines.first { $0.hasPrefix("signed.test.") })
        let resolver = try DNSResolver(configuration: .init(
            upstream: .forwarders([world.dnsServer]), trustAnchors: [.record(signed)],
            timeout: .seconds(5), resolvedSpecialUseZones: ["test."]))

        #expect(try await resolver.query("signed.test", type: .mx).isSecure)
        // The bogus.test anchor was not given, so that zone is merely insecure now.
        let bogus = try await resolver.query("tampered.bogus.test", type: .txt)
        #expect(!bogus.isSecure)
        #expect(!bogus.isBogus)
    }

    @Test func stubZoneIsResolvedFromItsServer() async throws {
        let resolver = try DNSResolver(configuration: .init(
            upstream: .stub(zone: "test.", servers: [world.dnsServer]),
            trustAnchors: [.file(world.trustAnchors)], timeout: .seconds(5),
            resolvedSpecialUseZones: ["test."]))

        let answer = try await resolver.query("signed.test", type: .mx)
        #expect(answer.isSecure)
        #expect(answer.records.count == 2)
        let resolution = try await resolver.resolveMX(for: "ok.example.test")
        #expect(resolution.hosts.map(\.addresses) == [["127.0.0.2"]])
    }

    @Test func missingTrustAnchorFileIsRefused() throws {
        let error = #expect(throws: DeliveryError.self) {
            try DNSResolver(configuration: .init(
                upstream: .forwarders([world.dnsServer]),
                trustAnchors: [.file("/nonexistent/anchors")]))
        }
        #expect(error?.code == .dnsConfiguration)
    }

    // MARK: - TLSA, OPENPGPKEY, SMIMEA

    @Test func tlsaRecordIsParsedAndSecureInTheSignedZone() async throws {
        let answer = try await world.resolver().tlsa(host: "mta-sts.signed.test", port: 443)

        #expect(answer.name == "_443._tcp.mta-sts.signed.test")
        #expect(answer.isSecure)
        let record = try #require(try answer.tlsaRecords().first)
        #expect(record.usage == .daneEE)
        #expect(record.selector == .subjectPublicKeyInfo)
        #expect(record.matchingType == .sha256)
        #expect(record.data == (try serverKeyDigest()))
    }

    @Test func tlsaRecordIsParsedButInsecureInTheUnsignedZone() async throws {
        let answer = try await world.resolver().tlsa(host: "mta-sts.example.test", port: 443)

        #expect(!answer.isSecure)
        #expect(!answer.isBogus)
        #expect(try answer.tlsaRecords().map(\.data) == [try serverKeyDigest()])
    }

    @Test func tamperedTLSARecordIsBogus() async throws {
        let answer = try await world.resolver().tlsa(host: "mx-ok.bogus.test")

        #expect(answer.isBogus)
        #expect(!answer.isSecure)
        #expect(answer.whyBogus != nil)
    }

    @Test func openPGPKeyRecordHoldsAlicesKey() async throws {
        let resolver = try world.resolver()
        let signed = try await resolver.openPGPKey(for: "alice@signed.test")
        let unsigned = try await resolver.openPGPKey(for: "alice@example.test")
        let alice = try DNSTestWorld.dearmoredKey("alice")

        #expect(signed.isSecure)
        #expect(try signed.openPGPKeys() == [alice])
        #expect(!unsigned.isSecure)
        #expect(try unsigned.openPGPKeys() == [alice])
    }

    @Test func missingOpenPGPKeyIsProvenAbsentInTheSignedZone() async throws {
        let answer = try await world.resolver().openPGPKey(for: "carol@signed.test")

        #expect(answer.nxdomain)
        #expect(answer.isSecure)
        #expect(try answer.openPGPKeys().isEmpty)
    }

    @Test func smimeaRecordHoldsBobsCertificate() async throws {
        let answer = try await world.resolver().smimea(for: "bob@signed.test")
        let bob = try Data(
            contentsOf: ProjectPaths.testKeys.appendingPathComponent("smime/bob.der"))

        #expect(answer.isSecure)
        let record = try #require(try answer.smimeaRecords().first)
        #expect(record.usage == .daneEE)
        #expect(record.selector == .fullCertificate)
        #expect(record.matchingType == .exact)
        #expect(record.data == bob)
    }

    // MARK: - TLS reporting

    @Test func tlsReportingPolicyListsItsReportAddresses() async throws {
        let resolver = try world.resolver()
        let plain = try await resolver.tlsReportingPolicy(for: "example.test")
        let two = try await resolver.tlsReportingPolicy(for: "ok.example.test")
        let none = try await resolver.tlsReportingPolicy(for: "nomx.example.test")
        let signed = try await resolver.tlsReportingPolicy(for: "signed.test")

        #expect(plain?.reportURIs == ["mailto:tls-reports@example.test"])
        #expect(plain?.isSecure == false)
        #expect(two?.reportURIs == [
            "mailto:tls-reports@ok.example.test", "https://reports.example.test/tlsrpt",
        ])
        #expect(none == nil)
        #expect(signed?.isSecure == true)
    }

    /// SHA-256 of the HTTPS server's SubjectPublicKeyInfo, computed by openssl as a peer.
    private func serverKeyDigest() throws -> Data {
        let key = try ProcessRunner.run(
            "openssl", ["x509", "-in", world.httpsServerCertificate, "-noout", "-pubkey"])
        let der = try ProcessRunner.run(
            "openssl", ["pkey", "-pubin", "-outform", "DER"], input: key.stdout)
        let digest = try ProcessRunner.run(
            "openssl", ["dgst", "-sha256", "-binary"], input: der.stdout)
        try #require(digest.status == 0 && digest.stdout.count == 32)
        return digest.stdout
    }
}
