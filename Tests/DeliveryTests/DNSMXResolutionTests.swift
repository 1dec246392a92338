import Foundation
import MailSealDelivery
import Testing

/// MX lookup with the RFC 5321 s5.1 fallback and the RFC 7505 null MX, against the world.
@Suite struct DNSMXResolutionTests {
    let world: DNSTestWorld

    init() throws { world = try DNSTestWorld.require() }

    @Test func hostsComeInPreferenceOrderWithTheirAddresses() async throws {
        let resolution = try await world.resolver().resolveMX(for: "multi.example.test")

        #expect(resolution.source == .mxRecords)
        #expect(resolution.hosts.map(\.name) == [
            "mx-silent.example.test", "mx-ok.example.test", "mx-nostarttls.example.test",
        ])
        #expect(resolution.hosts.map(\.preference) == [10, 20, 30])
        #expect(resolution.hosts.map(\.addresses) == [["127.0.0.6"], ["127.0.0.2"], ["127.0.0.3"]])
        #expect(!resolution.isSecure)
        #expect(resolution.ttl == 300)
    }

    @Test func signedDomainResolutionIsSecure() async throws {
        let resolution = try await world.resolver().resolveMX(for: "signed.test.")

        #expect(resolution.domain == "signed.test")
        #expect(resolution.isSecure)
        #expect(resolution.hosts.map(\.name) == ["mx-ok.signed.test", "mx-nostarttls.signed.test"])
        #expect(resolution.hosts.allSatisfy { $0.addressesAreSecure })
    }

    @Test func domainWithoutMXFallsBackToItsOwnAddress() async throws {
        let resolver = try world.resolver()
        let v4 = try await resolver.resolveMX(for: "nomx.example.test")
        let v6 = try await resolver.resolveMX(for: "nomx6.example.test")
        let signed = try await resolver.resolveMX(for: "nomx.signed.test")

        #expect(v4.source == .implicitMX)
        #expect(v4.hosts.count == 1)
        #expect(v4.hosts.first?.name == "nomx.example.test")
        #expect(v4.hosts.first?.preference == 0)
        #expect(v4.hosts.first?.addresses == ["127.0.0.2"])
        #expect(v6.hosts.first?.addresses == ["::1"])
        #expect(!v4.isSecure)
        #expect(signed.source == .implicitMX)
        #expect(signed.isSecure)
    }

    @Test func nullMXIsReportedAndNotFollowed() async throws {
        let resolver = try world.resolver()
        let unsigned = try await resolver.resolveMX(for: "nullmx.example.test")
        let signed = try await resolver.resolveMX(for: "nullmx.signed.test")

        #expect(unsigned.isNullMX)
        #expect(unsigned.source == .nullMX)
        #expect(unsigned.hosts.isEmpty)
        #expect(signed.isNullMX)
        #expect(signed.isSecure)
    }

    @Test func domainWithNeitherMXNorAddressHasNoMailHost() async throws {
        let resolution = try await world.resolver().resolveMX(for: "nothing.example.test")

        #expect(resolution.source == .noMailHost)
        #expect(resolution.hosts.isEmpty)
        #expect(!resolution.isNullMX)
    }

    @Test func resolutionIsCarriedThroughJSONUnchanged() async throws {
        let resolution = try await world.resolver().resolveMX(for: "multi.example.test")
        let json = try JSONEncoder().encode(resolution)

        #expect(try JSONDecoder().decode(MXResolution.self, from: json) == resolution)
        #expect(String(decoding: json, as: UTF8.self).contains("\"source\":\"mx\""))
    }

    @Test func missingDomainIsNamedInTheError() async throws {
        let error = await #expect(throws: DeliveryError.self) {
            try await world.resolver().resolveMX(for: "no-such-domain.example.test")
        }
        #expect(error?.code == .dnsNameNotFound)
        #expect(error?.reason.contains("no-such-domain.example.test") == true)
    }
}
