import Foundation
import MailSealDelivery
import Testing

/// MTA-STS discovery against the world: TXT records from NSD, policies from nginx.
@Suite struct MTASTSClientTests {
    let world: DNSTestWorld
    let client: MTASTSClient

    init() throws {
        world = try DNSTestWorld.require()
        client = MTASTSClient(resolver: try world.resolver(), https: world.https())
    }

    @Test func enforcePolicyIsFoundAndMatchesItsMX() async throws {
        let found = try await client.discover("ok.example.test")

        #expect(found.record.id == "ok1")
        #expect(!found.record.isSecure)
        #expect(found.url == "https://mta-sts.ok.example.test/.well-known/mta-sts.txt")
        #expect(found.policy.mode == .enforce)
        #expect(found.policy.mx == ["mx-ok.example.test"])
        #expect(found.policy.maxAge == 86400)
        #expect(found.policy.matches(mxHost: "mx-ok.example.test"))
        #expect(!found.policy.matches(mxHost: "mx-silent.example.test"))
    }

    @Test func testingPolicyWithWildcardIsFound() async throws {
        let policy = try await client.discover("testing.example.test").policy

        #expect(policy.mode == .testing)
        #expect(policy.maxAge == 3600)
        #expect(policy.matches(mxHost: "mx-ok.example.test"))
        #expect(!policy.matches(mxHost: "deeper.mx-ok.example.test"))
    }

    @Test func nonePolicyIsFound() async throws {
        let policy = try await client.discover("none.example.test").policy
        #expect(policy.mode == .none)
        #expect(policy.mx.isEmpty)
    }

    @Test func policyThatNamesOtherHostsDoesNotMatchTheMX() async throws {
        let policy = try await client.discover("mismatch.example.test").policy
        #expect(policy.mode == .enforce)
        #expect(!policy.matches(mxHost: "mx-ok.example.test"))
    }

    @Test func splitRecordAndCRLFPolicyAreRead() async throws {
        let found = try await client.discover("split.example.test")
        #expect(found.record.id == "split1")
        #expect(found.policy.matches(mxHost: "mx-ok.example.test"))
    }

    @Test func recordInTheSignedZoneIsSecure() async throws {
        let found = try await client.discover("signed.test")
        #expect(found.record.isSecure)
        #expect(found.policy.mx == ["mx-ok.signed.test", "mx-nostarttls.signed.test"])
    }

    // MARK: - Failures, each named

    @Test func domainWithoutRecordHasNoPolicy() async throws {
        let error = await #expect(throws: DeliveryError.self) {
            try await client.discover("nostarttls.example.test")
        }
        #expect(error?.code == .mtaSTSNoRecord)
    }

    @Test(arguments: ["twice.example.test", "badrecord.example.test"])
    func duplicateOrInvalidRecordIsRefused(domain: String) async throws {
        let error = await #expect(throws: DeliveryError.self) { try await client.discover(domain) }
        #expect(error?.code == .mtaSTSBadRecord)
    }

    @Test func malformedPolicyNamesItsLine() async throws {
        let error = await #expect(throws: DeliveryError.self) {
            try await client.discover("badpolicy.example.test")
        }
        #expect(error?.code == .mtaSTSBadPolicy)
        #expect(error?.reason.contains("line 3") == true)
        #expect(error?.reason.contains("mta-sts.badpolicy.example.test") == true)
    }

    @Test(arguments: [
        ("nopolicy.example.test", "HTTP 404"),
        ("redirect.example.test", "HTTP 301"),
        ("big.example.test", "65536 bytes"),
        ("wrongname.example.test", "curl error 60"),
    ])
    func policyThatCannotBeFetchedSaysWhy(domain: String, why: String) async throws {
        let error = await #expect(throws: DeliveryError.self) { try await client.discover(domain) }
        #expect(error?.code == .mtaSTSFetchFailed)
        #expect(error?.reason.contains(why) == true, "\(error?.reason ?? "")")
    }

    @Test func serverWithAnUntrustedCertificateIsRefused() async throws {
        // Without the world's CA only the system's roots are trusted.
        let strict = MTASTSClient(resolver: try world.resolver(), https: HTTPSClient())
        let error = await #expect(throws: DeliveryError.self) {
            try await strict.discover("ok.example.test")
        }
        #expect(error?.code == .mtaSTSFetchFailed)
        #expect(error?.reason.contains("curl error 60") == true, "\(error?.reason ?? "")")
    }
}
