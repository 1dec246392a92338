import Foundation
@testable import MailSealTrace
import Testing

@Test(arguments: [
    ("mx.example.org", "example.org"),
    ("MX.Example.ORG.", "example.org"),
    ("a.b.c.example.net", "example.net"),
    ("mail.example.co.uk", "example.co.uk"),
    ("smtp.example.com.au", "example.com.au"),
    ("mx.example.ac.jp", "example.ac.jp"),
    ("relay.trust.nhs.uk", "trust.nhs.uk"),
    ("mx.example.de", "example.de"),
    ("mail.co.example", "co.example"),
    ("example.org", "example.org"),
])
func registeredDomainIsApproximatedFromTheLastLabels(_ name: String, _ expected: String) {
    #expect(DomainName(name)?.registeredDomain == expected)
}

@Test func registeredDomainIsUnknownForOneLabelAndForABareSuffix() {
    #expect(DomainName("localhost")?.registeredDomain == nil)
    #expect(DomainName("EXCH01")?.registeredDomain == nil)
    #expect(DomainName("co.uk")?.registeredDomain == nil)
}

@Test(arguments: ["", "198.51.100.7", "2001:db8::1", "a..b", "-a.example.org", "a b", "[x]"])
func nonNamesAreNotDomainNames(_ text: String) {
    #expect(DomainName(text) == nil)
}

@Test(arguments: [
    ("198.51.100.7", "198.51.100.7"),
    ("[198.51.100.7]", "198.51.100.7"),
    ("[198.51.100.7]:4242", "198.51.100.7"),
    ("IPv6:2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
    ("[IPv6:2001:db8::1]", "2001:db8::1"),
    ("[IPv6:::1]", "::1"),
    ("2001:db8:4a:1e0::7", "2001:db8:4a:1e0::7"),
    ("::ffff:198.51.100.25", "::ffff:198.51.100.25"),
])
func addressesAreReadInTheFormsServersWrite(_ written: String, _ canonical: String) {
    #expect(IPAddressText(written)?.text == canonical)
}

@Test(arguments: [
    "", "1.2.3", "256.1.1.1", "2001:db8::1::2", "unknown", "[198.51.100.7", "fe80::1%5",
])
func nonAddressesAreRefused(_ written: String) {
    #expect(IPAddressText(written) == nil)
}

@Test func loopbackAddressesAreRecognised() {
    #expect(IPAddressText("127.0.0.1")?.isLoopback == true)
    #expect(IPAddressText("127.8.9.10")?.isLoopback == true)
    #expect(IPAddressText("[IPv6:::1]")?.isLoopback == true)
    #expect(IPAddressText("::ffff:127.0.0.1")?.isLoopback == true)
    #expect(IPAddressText("192.0.2.1")?.isLoopback == false)
    #expect(IPAddressText("2001:db8::1")?.isLoopback == false)
}

@Test(arguments: [
    ("Tue, 04 Mar 2025 10:15:02 +0100", "2025-03-04T09:15:02Z"),
    ("Tue,  4 Mar 2025 10:15:02 +0100", "2025-03-04T09:15:02Z"),
    ("4 Mar 2025 09:15:02 -0000", "2025-03-04T09:15:02Z"),
    ("Tue, 4 Mar 2025 01:15:02 -0800", "2025-03-04T09:15:02Z"),
    ("tue, 4 mar 2025 09:15 UT", "2025-03-04T09:15:00Z"),
    ("4 Mar 2025 04:15:02 EST", "2025-03-04T09:15:02Z"),
    ("4 Mar 2025 04:15:02 -0500 EST", "2025-03-04T09:15:02Z"),
    ("4 Mar 99 09:15:02 +0000", "1999-03-04T09:15:02Z"),
    ("4 Mar 125 09:15:02 +0000", "2025-03-04T09:15:02Z"),
    ("29 Feb 2024 23:59:59 +0000", "2024-02-29T23:59:59Z"),
    ("1 Jan 2025 00:30:00 +0100", "2024-12-31T23:30:00Z"),
    ("Wed, 31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z"),
])
func dateTimesAreReadPerRFC5322(_ text: String, _ expected: String) throws {
    let date = try #require(ReceivedDate(text))

    #expect(date.date == utc(expected))
    #expect(date.zoneTreatedAsUTC == nil)
}

@Test func militaryAndUnknownZoneNamesAreReadAsUTCAndSaidToBe() throws {
    let military = try #require(ReceivedDate("4 Mar 2025 09:15:02 A"))
    let unknown = try #require(ReceivedDate("4 Mar 2025 09:15:02 CET"))

    #expect(military.date == utc("2025-03-04T09:15:02Z"))
    #expect(military.zoneTreatedAsUTC == "A")
    #expect(unknown.zoneTreatedAsUTC == "CET")
    #expect(ReceivedDate("4 Mar 2025 09:15:02 Z")?.zoneTreatedAsUTC == nil)
}

@Test func tokenizerKeepsNestedCommentsWholeAndReportsUnclosedOnes() {
    let tokenizer = ReceivedTokenizer(#"a (b (c) d) "q\"x" [1.2.3.4] <u@v> ; (open"#)

    #expect(tokenizer.tokens == [
        .word("a"), .comment("b (c) d"), .quoted("q\"x"), .literal("1.2.3.4"),
        .angle("u@v"), .semicolon, .comment("open"),
    ])
    #expect(tokenizer.problems == [.unterminatedComment])
}
