import Foundation
import MailSealDelivery
import Testing

/// RFC 8461 s3.1 records, s3.2 policies and s4.1 MX matching, without a server.
@Suite struct MTASTSPolicyTests {
    @Test func enforcePolicyIsParsedWithCRLFAndUnknownFieldsIgnored() throws {
        let text = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.net\r\n"
            + "mx: *.backup.example.net\r\nmax_age: 604800\r\nfuture: 1\r\n"
        let policy = try MTASTSPolicy(parsing: text)

        #expect(policy.version == "STSv1")
        #expect(policy.mode == .enforce)
        #expect(policy.mx == ["mail.example.net", "*.backup.example.net"])
        #expect(policy.maxAge == 604_800)
        #expect(policy.text == text)
    }

    @Test func noneModeNeedsNoMX() throws {
        let policy = try MTASTSPolicy(parsing: "version: STSv1\nmode: none\nmax_age: 0\n")
        #expect(policy.mode == .none)
        #expect(policy.mx.isEmpty)
    }

    @Test(arguments: [
        ("version: STSv1\nmode: enforce\nmx mail.example.net\nmax_age: 1\n", "line 3"),
        ("version: STSv2\nmode: enforce\nmx: a.example.net\nmax_age: 1\n", "line 1"),
        ("version: STSv1\nmode: strict\nmx: a.example.net\nmax_age: 1\n", "line 2"),
        ("version: STSv1\nmode: enforce\nmx: a.example.net\nmax_age: 31557601\n", "line 4"),
        ("version: STSv1\nmode: enforce\nmx: a.example.net\nmax_age: -5\n", "line 4"),
        ("version: STSv1\nmode: enforce\nmx: mail*.example.net\nmax_age: 1\n", "line 3"),
        ("version: STSv1\nmode: enforce\nmode: testing\nmx: a.example.net\nmax_age: 1\n", "line 3"),
        ("version: STSv1\nmode: enforce\nmax_age: 1\n", "no mx"),
        ("version: STSv1\nmode: enforce\nmx: a.example.net\n", "no max_age"),
        ("mode: enforce\nmx: a.example.net\nmax_age: 1\n", "no version"),
    ])
    func badPolicyIsRefusedNamingTheProblem(text: String, problem: String) throws {
        let error = #expect(throws: DeliveryError.self) { try MTASTSPolicy(parsing: text) }
        #expect(error?.code == .mtaSTSBadPolicy)
        #expect(error?.reason.contains(problem) == true)
    }

    @Test func mxPatternsMatchAsRFC8461Says() throws {
        let policy = try MTASTSPolicy(parsing:
            "version: STSv1\nmode: enforce\nmx: Mail.Example.NET\nmx: *.example.org\nmax_age: 1")

        #expect(policy.matches(mxHost: "mail.example.net"))
        #expect(policy.matches(mxHost: "MAIL.example.net."))
        #expect(!policy.matches(mxHost: "other.example.net"))
        #expect(policy.matches(mxHost: "mx1.example.org"))
        // The wildcard stands for exactly one label, and never for none.
        #expect(!policy.matches(mxHost: "a.mx1.example.org"))
        #expect(!policy.matches(mxHost: "example.org"))
        #expect(!policy.matches(mxHost: "badexample.org"))
    }

    // MARK: - The TXT record

    @Test func recordGivesItsIdAndExtensions() throws {
        let record = try MTASTSRecord(text: "v=STSv1; id=20160831085700Z; ext=value;")
        #expect(record.id == "20160831085700Z")
        #expect(record.extensions == ["ext": "value"])
    }

    @Test(arguments: [
        ("v=STSv1;", "no id"),
        ("v=STSv1; id=bad_id;", "letters and digits"),
        ("v=STSv1; id=123456789012345678901234567890123;", "letters and digits"),
        ("v=STSv1; id=a; id=b", "two ids"),
        ("v=STSv2; id=a", "v=STSv1"),
    ])
    func badRecordIsRefused(text: String, problem: String) throws {
        let error = #expect(throws: DeliveryError.self) { try MTASTSRecord(text: text) }
        #expect(error?.code == .mtaSTSBadRecord)
        #expect(error?.reason.contains(problem) == true)
    }
}
