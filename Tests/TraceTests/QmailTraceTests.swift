import Foundation
import MailSealTrace
import Testing

/// qmail at both ends: local injection at the sender, qmail-smtpd with the TLS patch and
/// qmail-queue's own stamp at the recipient.
private let qmailChain = """
    Received: (qmail 24680 invoked from network); 4 Mar 2025 09:15:03 -0000
    Received: from mail.example.net (HELO mta.example.net) (198.51.100.25)
      by mx.example.org with (ECDHE-RSA-AES256-GCM-SHA384 encrypted) SMTP;
      4 Mar 2025 09:15:03 -0000
    Received: (qmail 13579 invoked by uid 1000); 4 Mar 2025 09:15:01 -0000
    """

@Test func qmailChainIsReadHopByHop() throws {
    let report = try trace(qmailChain)
    try #require(report.hops.count == 3)
    let hops = report.hops

    // Hop 1: injected by a local user; no sending or receiving host named.
    #expect(hops[0].fromName == nil)
    #expect(hops[0].byName == nil)
    #expect(hops[0].scope == .internal(.localSubmission))
    #expect(hops[0].time == utc("2025-03-04T09:15:01Z"))

    // Hop 2: qmail writes the looked-up name first and the HELO name in a comment.
    #expect(hops[1].fromName == "mta.example.net")
    #expect(hops[1].fromReverseName == "mail.example.net")
    #expect(hops[1].fromAddress == "198.51.100.25")
    #expect(hops[1].byName == "mx.example.org")
    #expect(hops[1].protocol == "SMTP")
    #expect(hops[1].tls == .yes(version: nil, cipher: "ECDHE-RSA-AES256-GCM-SHA384", bits: nil))
    #expect(hops[1].scope == .crossing)
    #expect(hops[1].delay == 2)

    // Hop 3: qmail-queue's stamp on the same host.
    #expect(hops[2].scope == .internal(.sameHost))
    #expect(hops[2].delay == 0)

    #expect(hops.allSatisfy { $0.problems.isEmpty })
    #expect(report.verdict.outcome == .encrypted)
    #expect(report.verdict.crossingHops == [2])
}

@Test func qmailWithoutTheTLSPatchRecordsNothing() throws {
    let report = try trace("""
        Received: from unknown (HELO mail.example.net) (bob@198.51.100.25)
          by mx.example.org with SMTP; 4 Mar 2025 09:15:03 -0000
        """)
    let hop = try #require(report.hops.first)

    #expect(hop.fromName == "mail.example.net")
    #expect(hop.fromReverseName == nil)
    #expect(hop.fromNameUnconfirmed)
    #expect(hop.fromAddress == "198.51.100.25")
    #expect(hop.tls == .notRecorded)
    #expect(report.verdict.outcome == .unknown)
}

@Test func courierTLSCommentIsRead() throws {
    let report = try trace("""
        Received: from mail.example.net (mail.example.net [::ffff:198.51.100.25])
          (AUTH: LOGIN bob, TLS: TLSv1.3,256bits,TLS_AES_256_GCM_SHA384)
          by mx.example.org with ESMTPSA; Tue, 04 Mar 2025 10:15:02 +0100
          id 000000000007A1B2.0000000067C6C1E6.00003F2A
        """)
    let hop = try #require(report.hops.first)

    #expect(hop.fromAddress == "::ffff:198.51.100.25")
    #expect(hop.tls == .yes(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", bits: 256))
}
