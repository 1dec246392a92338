import Foundation
import MailSealMIME
import Testing

/// RFC 5322 s3.3 date-times.
struct MessageDateTests {
    private let moment = Date(timeIntervalSince1970: 1_384_265_562)  // 2013-11-12 14:12:42 UTC

    @Test func formatsInTheGivenZone() throws {
        let newYork = try #require(TimeZone(secondsFromGMT: -5 * 3600))
        let india = try #require(TimeZone(secondsFromGMT: 5 * 3600 + 1800))

        #expect(MessageDate.rfc5322(moment, timeZone: newYork)
            == "Tue, 12 Nov 2013 09:12:42 -0500")
        #expect(MessageDate.rfc5322(moment, timeZone: india) == "Tue, 12 Nov 2013 19:42:42 +0530")
        #expect(MessageDate.parse(MessageDate.rfc5322(moment)) == moment)
    }

    @Test(arguments: [
        "Tue, 12 Nov 2013 09:12:42 -0500",
        "12 Nov 2013 09:12:42 -0500",
        "Tue, 12 Nov 13 09:12:42 EST",
        "tue,12 nov 2013 14:12:42 GMT (comment)",
        "Tuesday, 12 November 2013 15:12:42 +0100",
        "Tue Nov 12 14:12:42 2013",
        "Tue, 12 Nov 2013 14:12:42 +00:00",
        "Tue, 12 Nov 2013 15:12:42 MET",
        "Tue, 12 Nov 113 14:12:42 UT",
    ])
    func readsCurrentAndObsoleteForms(_ text: String) {
        #expect(MessageDate.parse(text) == moment, "\(text)")
    }

    @Test func missingSecondsUnknownZoneAndGarbage() {
        #expect(MessageDate.parse("Mon, 23 Dec 96 00:08 XYZ")
            == Date(timeIntervalSince1970: 851_299_680))
        #expect(MessageDate.parse("not a date") == nil)
        #expect(MessageDate.parse("") == nil)
    }
}
