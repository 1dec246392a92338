import Foundation
import MailSealDelivery
import Testing

/// Web Key Directory lookups: the names, and the methods against the world's nginx.
@Suite struct WKDClientTests {
    @Test func hashFollowsTheDraftExample() {
        // draft-koch-openpgp-webkey-service s3.1 works "Joe.Doe@Example.ORG" through.
        #expect(WKDHash.hash(localPart: "Joe.Doe") == "iy9q119eutrkn8s1mk4r39qejnbu3n5q")
        #expect(WKDHash.hash(localPart: "joe.doe") == "iy9q119eutrkn8s1mk4r39qejnbu3n5q")
    }

    @Test func zBase32SpendsFiveBitsACharacter() {
        #expect(WKDHash.zBase32([]) == "")
        #expect(WKDHash.zBase32([0x00]) == "yy")
        // 11111 111(00): the last character is padded with zero bits.
        #expect(WKDHash.zBase32([0xFF]) == "9h")
        #expect(WKDHash.zBase32([0x00, 0x44, 0x32, 0x14, 0xC7]) == "ybndrfg8")
    }

    @Test func urlsFollowTheDraftExample() throws {
        #expect(try WKDClient.url(for: "Joe.Doe@Example.ORG", method: .advanced)
            == "https://openpgpkey.example.org/.well-known/openpgpkey/example.org/hu/"
                + "iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe")
        #expect(try WKDClient.url(for: "Joe.Doe@Example.ORG", method: .direct)
            == "https://example.org/.well-known/openpgpkey/hu/"
                + "iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe")
    }

    @Test func localPartIsPercentEncodedInTheQuery() throws {
        let url = try WKDClient.url(for: "a+b c@example.org", method: .direct)
        #expect(url.hasSuffix("?l=a%2Bb%20c"))
    }

    // MARK: - Against the world

    private func client() throws -> WKDClient {
        let world = try DNSTestWorld.require()
        return WKDClient(resolver: try world.resolver(), https: world.https())
    }

    @Test func advancedMethodFindsAlicesKey() async throws {
        let lookup = try await client().lookup("alice@example.test")

        #expect(lookup.method == .advanced)
        #expect(lookup.key == (try DNSTestWorld.dearmoredKey("alice")))
        #expect(lookup.attempts.map(\.outcome) == [.found])
        #expect(lookup.url == (try WKDClient.url(for: "alice@example.test", method: .advanced)))
    }

    @Test func directMethodIsUsedWhenThereIsNoOpenPGPKeySubdomain() async throws {
        let lookup = try await client().lookup("bob@wkd-direct.example.test")

        #expect(lookup.method == .direct)
        #expect(lookup.key == (try DNSTestWorld.dearmoredKey("bob")))
        #expect(lookup.attempts.map(\.method) == [.advanced, .direct])
        #expect(lookup.attempts.map(\.outcome) == [.noSuchHost, .found])
    }

    @Test func missingKeyAtTheAdvancedHostIsNotSoughtElsewhere() async throws {
        let lookup = try await client().lookup("carol@example.test")

        #expect(!lookup.isFound)
        #expect(lookup.key == nil)
        #expect(lookup.attempts.map(\.outcome) == [.notFound])
    }

    @Test func domainWithoutAnyDirectoryReportsBothAttempts() async throws {
        let lookup = try await client().lookup("dave@nowkd.example.test")

        #expect(!lookup.isFound)
        #expect(lookup.attempts.map(\.method) == [.advanced, .direct])
        #expect(lookup.attempts.map(\.outcome) == [.noSuchHost, .noSuchHost])
    }

    @Test func untrustedServerIsReportedAsAFailedAttempt() async throws {
        let world = try DNSTestWorld.require()
        let strict = WKDClient(resolver: try world.resolver(), https: HTTPSClient())
        let lookup = try await strict.lookup("alice@example.test")

        #expect(!lookup.isFound)
        let attempt = try #require(lookup.attempts.first)
        guard case .failed(let reason) = attempt.outcome else {
            Issue.record("expected a failed attempt, got \(attempt.outcome)")
            return
        }
        #expect(reason.contains("curl error 60"))
    }
}
