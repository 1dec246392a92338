import Foundation
import MailSealTrace
import Testing

private func hop(with protocolName: String) throws -> ReceivedHop {
    let report = try TraceReport(receivedFields: [
        "from mail.example.net (mail.example.net [198.51.100.25]) by mx.example.org"
            + " with \(protocolName) id 4Z6b1X0Q; Tue, 4 Mar 2025 10:15:02 +0100",
    ])
    return try #require(report.hops.first)
}

@Test(arguments: [
    "ESMTPS", "ESMTPSA", "esmtps", "LMTPS", "LMTPSA", "UTF8SMTPS", "UTF8SMTPSA",
    "UTF8LMTPS", "UTF8LMTPSA", "SMTPS", "HTTPS",
])
func protocolNamesWithTLSSayYesByName(_ name: String) throws {
    let hop = try hop(with: name)

    #expect(hop.protocol == name)
    #expect(hop.tls == .yesByProtocolName)
    #expect(hop.tlsBasis == "protocol name \(name) means TLS (RFC 3848)")
}

@Test(arguments: [
    "SMTP", "ESMTP", "ESMTPA", "LMTP", "LMTPA", "UTF8SMTP", "UTF8SMTPA", "HTTP", "mapi",
    "Microsoft SMTPSVC",
])
func protocolNamesWithoutTLSAreOnlyNotRecorded(_ name: String) throws {
    let hop = try hop(with: name)

    #expect(hop.protocol == name)
    #expect(hop.tls == .notRecorded)
}
