import Foundation
import MailSealDelivery
import Testing
import TestSupport

struct PolicyTests {
    func policy(_ text: String) throws -> DeliveryPolicy {
        try DeliveryPolicy(json: Data(text.utf8), source: "test.json")
    }

    /// The error a policy text is refused with.
    func refusal(_ text: String) -> DeliveryError? {
        do {
            _ = try policy(text)
            return nil
        } catch {
            return error as? DeliveryError
        }
    }

    @Test func builtInPolicyPrefersEncryptionThenVerifiedTLSThenPortal() {
        let rules = DeliveryPolicy.builtIn.rules(for: "a@example.org", sensitive: false)

        #expect(rules.methods == [.smime, .pgp, .tls, .portal])
        #expect(rules.tlsMinimum == .verified)
        #expect(rules.allowDiscoveredKeys)
        #expect(rules.overrides.isEmpty)
    }

    @Test func exampleFileReadsAsDocumented() throws {
        let url = ProjectPaths.examples.appendingPathComponent("policy.json")
        let example = try DeliveryPolicy(contentsOf: url)

        #expect(example.methods == [.smime, .pgp, .tls, .portal])
        #expect(example.sensitiveTLSMinimum == .enforced)
        #expect(example.domains["partner.example"]?.tlsMinimum == .enforced)
        #expect(example.addresses["board@partner.example"]?.methods == [.portal])
        #expect(example.addresses["lab@clinic.example"]?.allowDiscoveredKeys == false)
    }

    @Test func addressOverrideWinsOverDomainOverride() throws {
        let example = try DeliveryPolicy(
            contentsOf: ProjectPaths.examples.appendingPathComponent("policy.json"))

        let board = example.rules(for: "Board@Partner.Example", sensitive: false)
        let other = example.rules(for: "someone@partner.example", sensitive: false)

        #expect(board.methods == [.portal])
        #expect(board.tlsMinimum == .enforced)
        #expect(board.overrides == ["domain partner.example", "address board@partner.example"])
        #expect(other.methods == [.smime, .pgp, .tls, .portal])
        #expect(other.tlsMinimum == .enforced)
    }

    @Test func dotDomainCoversSubdomainsButNotItself() throws {
        let example = try DeliveryPolicy(
            contentsOf: ProjectPaths.examples.appendingPathComponent("policy.json"))

        #expect(example.rules(for: "x@east.health-plan.example", sensitive: false).methods
            == [.smime, .tls, .portal])
        #expect(example.rules(for: "x@health-plan.example", sensitive: false).overrides.isEmpty)
    }

    @Test func sensitiveRaisesTheTLSMinimumOverAnOverride() throws {
        let example = try DeliveryPolicy(
            contentsOf: ProjectPaths.examples.appendingPathComponent("policy.json"))

        let rules = example.rules(for: "x@mail-tls.example.test", sensitive: true)

        #expect(rules.methods == [.tls])
        #expect(rules.tlsMinimum == .enforced)
        #expect(example.rules(for: "x@mail-tls.example.test", sensitive: false).tlsMinimum
            == .opportunistic)
    }

    @Test func unknownMethodIsRefusedWithItsLine() {
        let error = refusal("""
            {
              "version": 1,
              "methods": ["smime",
                          "fax"]
            }
            """)

        #expect(error?.code == .policyInvalid)
        #expect(error?.reason
            == "test.json:4: unknown delivery method \"fax\" in \"methods\"; expected smime, "
            + "pgp, tls or portal")
    }

    @Test func unknownKeyIsRefusedWithItsLine() {
        let error = refusal("{\n  \"methods\": [\"tls\"],\n  \"tlsMinimun\": \"verified\"\n}")

        #expect(error?.reason.hasPrefix(
            "test.json:3: unknown key \"tlsMinimun\" in the policy") == true)
    }

    @Test func trailingCommaIsASyntaxErrorOnItsLine() {
        let error = refusal("{\n  \"methods\": [\"tls\",\n  ]\n}")

        #expect(error?.reason == "test.json:3: not valid JSON: unexpected character ']' (column 3)")
    }

    @Test func duplicateKeyIsRefused() {
        let error = refusal("{\n\"tlsMinimum\": \"verified\",\n\"tlsMinimum\": \"enforced\"\n}")

        #expect(error?.reason.hasPrefix("test.json:3: ") == true)
        #expect(error?.reason.contains("the key \"tlsMinimum\" is given twice") == true)
    }

    @Test func opportunisticIsRefusedForSensitiveMessages() {
        let error = refusal("{\n \"sensitive\": {\n  \"tlsMinimum\": \"opportunistic\" }\n}")

        #expect(error?.reason.hasPrefix("test.json:3: ") == true)
        #expect(error?.reason.contains("opportunistic TLS is never enough") == true)
    }

    @Test func badDomainAndAddressKeysAreRefused() {
        let domain = refusal("{\"domains\": {\n\"not a domain\": {}}}")
        let address = refusal("{\"addresses\": {\n\n\"nobody\": {\"method\": \"portal\"}}}")

        #expect(domain?.reason == "test.json:2: \"not a domain\" is not a domain name")
        #expect(address?.reason == "test.json:3: \"nobody\" is not an email address")
    }

    @Test func methodAndMethodsTogetherAreRefused() {
        let error = refusal("""
            {"domains": {"a.example": {
              "method": "tls",
              "methods": ["tls"]}}}
            """)

        #expect(error?.reason
            == "test.json:3: \"domains\" \"a.example\" gives both \"method\" and \"methods\"")
    }

    @Test func wrongTypesNameWhatWasFound() {
        #expect(refusal("{\"allowDiscoveredKeys\": \"yes\"}")?.reason
            == "test.json:1: \"allowDiscoveredKeys\" must be true or false, not a string")
        #expect(refusal("{\"methods\": \"tls\"}")?.reason
            == "test.json:1: \"methods\" must be an array of methods, not a string")
        #expect(refusal("[1]")?.reason == "test.json:1: the policy must be an object, not an array")
        #expect(refusal("{\"version\": 2}")?.reason == "test.json:1: \"version\" must be 1")
    }

    @Test func missingFileIsUnreadable() {
        let directory = TemporaryDirectory()
        let missing = directory.file("absent.json")

        let error = #expect(throws: DeliveryError.self) {
            try DeliveryPolicy(contentsOf: missing)
        }
        #expect(error?.code == .policyUnreadable)
        #expect(error?.reason == "\(missing.path): no such policy file")
    }

    @Test func stringsWithEscapesReadCorrectly() throws {
        let read = try policy(#"{"addresses": {"a\u00e9\u0040b.example": {"method": "portal"}}}"#)

        #expect(read.addresses["aé@b.example"]?.methods == [.portal])
    }
}
