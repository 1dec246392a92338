import Foundation
import MailSealTrace
import Testing

/// A Microsoft 365 tenant receiving from the internet: the protection front end, two
/// internal transport hops over IPv6, and delivery to the mailbox over HTTPS.
private let microsoft365Chain = """
    Received: from AM6PR01MB5678.eurprd01.prod.outlook.example.com (2001:db8:20b:ab::12) by
     AM6PR01MB1234.eurprd01.prod.outlook.example.com with HTTPS; Tue, 4 Mar 2025
     09:15:06 +0000
    Received: from DB8PR09CA0012.eurprd09.prod.outlook.example.com (2001:db8:10:a0::25) by
     AM6PR01MB5678.eurprd01.prod.outlook.example.com (2001:db8:20b:ab::12) with Microsoft SMTP
     Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8489.25;
     Tue, 4 Mar 2025 09:15:05 +0000
    Received: from DB1PEPF000509F5.eurprd02.prod.outlook.example.com
     (2001:db8:18:3::6b) by DB8PR09CA0012.office365.example.com
     (2001:db8:10:a0::25) with Microsoft SMTP Server (version=TLS1_3,
     cipher=TLS_AES_256_GCM_SHA384) id 15.20.8489.25 via Frontend Transport; Tue,
     4 Mar 2025 09:15:04 +0000
    Received: from mail.example.net (198.51.100.25) by
     DB1PEPF000509F5.mail.protection.outlook.example.com (192.0.2.151) with Microsoft SMTP
     Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8489.16 via
     Frontend Transport; Tue, 4 Mar 2025 09:15:03 +0000
    """

@Test func microsoft365ChainIsReadHopByHop() throws {
    let report = try trace(microsoft365Chain)
    try #require(report.hops.count == 4)
    let hops = report.hops

    // Hop 1: from the internet into the protection front end.
    #expect(hops[0].fromName == "mail.example.net")
    #expect(hops[0].fromReverseName == nil)
    #expect(hops[0].fromAddress == "198.51.100.25")
    #expect(hops[0].byName == "DB1PEPF000509F5.mail.protection.outlook.example.com")
    #expect(hops[0].byAddress == "192.0.2.151")
    #expect(hops[0].protocol == "Microsoft SMTP Server")
    #expect(hops[0].id == "15.20.8489.16")
    #expect(hops[0].tls == .yes(version: "TLS1_3", cipher: "TLS_AES_256_GCM_SHA384", bits: nil))
    #expect(hops[0].scope == .crossing)
    #expect(hops[0].time == utc("2025-03-04T09:15:03Z"))

    // Hop 2: inside the provider, between names under one registered domain.
    #expect(hops[1].fromAddress == "2001:db8:18:3::6b")
    #expect(hops[1].byName == "DB8PR09CA0012.office365.example.com")
    #expect(hops[1].byAddress == "2001:db8:10:a0::25")
    #expect(hops[1].tls == .yes(version: "TLS1_3", cipher: "TLS_AES_256_GCM_SHA384", bits: nil))
    #expect(hops[1].scope == .internal(.sameRegisteredDomain("example.com")))

    // Hop 3: between two transport servers.
    #expect(hops[2].tls == .yes(
        version: "TLS1_2", cipher: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", bits: nil))
    #expect(hops[2].scope == .internal(.sameRegisteredDomain("example.com")))

    // Hop 4: to the mailbox over HTTPS.
    #expect(hops[3].protocol == "HTTPS")
    #expect(hops[3].tls == .yesByProtocolName)
    #expect(hops[3].time == utc("2025-03-04T09:15:06Z"))
    #expect(hops[3].delay == 1)

    #expect(hops.allSatisfy { $0.problems.isEmpty })
    #expect(report.verdict.outcome == .encrypted)
    #expect(report.verdict.crossingHops == [1])
}

@Test func exchangeWithoutTLSCommentIsNotEncrypted() throws {
    let report = try trace("""
        Received: from EXCH02.corp.example.org (192.0.2.12) by EXCH01.corp.example.org
         (192.0.2.11) with Microsoft SMTP Server (TLS) id 14.3.498.0; Tue, 4 Mar 2025
         10:15:04 +0100
        Received: from mail.example.net (198.51.100.25) by EXCH02.corp.example.org
         (192.0.2.12) with Microsoft SMTP Server id 15.1.2507.39 via Frontend Transport;
         Tue, 4 Mar 2025 10:15:03 +0100
        """)
    try #require(report.hops.count == 2)

    #expect(report.hops[0].fromName == "mail.example.net")
    #expect(report.hops[0].byAddress == "192.0.2.12")
    #expect(report.hops[0].tls == .no)
    #expect(report.hops[0].tlsBasis.contains("Microsoft Exchange"))
    #expect(report.hops[0].scope == .crossing)
    #expect(report.hops[1].tls == .yes(version: nil, cipher: nil, bits: nil))
    #expect(report.hops[1].scope == .internal(.sameRegisteredDomain("example.org")))
    #expect(report.verdict.outcome == .notEncrypted)
    #expect(report.verdict.unencryptedHops == [1])
}

@Test func exchangeMapiSubmissionIsTheSameHost() throws {
    // Outlook submitting to its own mailbox server; the literal carries a zone index.
    let report = try trace("""
        Received: from AM6PR01MB1234.eurprd01.prod.outlook.example.com
         ([fe80::5c3d:2a1b:9e4f:7d6c%5]) by AM6PR01MB1234.eurprd01.prod.outlook.example.com
         ([fe80::5c3d:2a1b:9e4f:7d6c%5]) with mapi id 15.20.8489.025; Tue, 4 Mar 2025
         09:14:58 +0000
        """)
    let hop = try #require(report.hops.first)

    #expect(hop.protocol == "mapi")
    #expect(hop.fromAddress == nil)
    #expect(hop.tls == .notRecorded)
    #expect(hop.scope == .internal(.sameHost))
    #expect(report.verdict.outcome == .internalOnly)
}
