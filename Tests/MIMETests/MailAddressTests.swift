import Foundation
import MailSealMIME
import Testing

/// RFC 5322 address lists.
struct MailAddressTests {
    @Test func addressListFormsAreRead() {
        let list = MailAddress.parseList("""
            "Doe, John" <John.Doe@EXAMPLE.org>, plain@example.com (Plain Person),
             Team: a@example.net, "B" <b@example.net>;, <@route.example:route@Example.COM>,
             =?ISO-8859-1?Q?Andr=E9_?= Pirard <PIRARD@vm1.ulg.ac.be>, undisclosed-recipients:;,
             Mary Q. Public <mary@example.org>, bare-name, <>
            """)

        #expect(list == [
            MailAddress("John.Doe@example.org", displayName: "Doe, John"),
            MailAddress("plain@example.com", displayName: "Plain Person"),
            MailAddress("a@example.net"),
            MailAddress("b@example.net", displayName: "B"),
            MailAddress("route@example.com"),
            MailAddress("PIRARD@vm1.ulg.ac.be", displayName: "André Pirard"),
            MailAddress("mary@example.org", displayName: "Mary Q. Public"),
        ])
        #expect(list[0].localPart == "John.Doe" && list[0].domain == "example.org")
    }

    @Test func encodedWordNamesAndCommentsAreDecoded() throws {
        let message = try MIMEParser().parse(Vectors.mimetoolsMessage("intl"))

        #expect(MailAddress.parseList(message.header["To"]!)
            == [MailAddress("keld@dkuug.dk", displayName: "Keld Jørn Simonsen")])
        #expect(MailAddress(parsing: "=?utf-8?B?5pel5pys?= =?utf-8?B?6Kqe?= <jp@example.jp>")?
            .displayName == "日本語")
        #expect(MailAddress(parsing: "(comment) user (more) @ (x) example.org")?.address
            == "user@example.org")
        #expect(MailAddress(parsing: "\"quoted local\"@example.org")?.address
            == "\"quoted local\"@example.org")
    }

    @Test func headerValueQuotesAndEncodesTheNameWhenNeeded() {
        #expect(MailAddress("a@example.org").headerValue == "a@example.org")
        #expect(MailAddress("a@example.org", displayName: "Alice Smith").headerValue
            == "Alice Smith <a@example.org>")
        #expect(MailAddress("a@example.org", displayName: "Smith, Alice").headerValue
            == "\"Smith, Alice\" <a@example.org>")
        #expect(MailAddress("a@example.org", displayName: "Dr. \"Al\" Smith").headerValue
            == "\"Dr. \\\"Al\\\" Smith\" <a@example.org>")
        #expect(MailAddress("a@example.org", displayName: "Zoë").headerValue
            == "=?utf-8?Q?Zo=C3=AB?= <a@example.org>")
    }

    @Test(arguments: [
        "Alice Smith", "Smith, Alice", "Dr. \"Al\" Smith", "Zoë Ærø", "日本語 名前",
        "=?not?Q?encoded?=",
    ])
    func headerValueParsesBack(_ name: String) {
        let address = MailAddress("someone@example.org", displayName: name)
        let list = [address, MailAddress("other@example.org", displayName: name)]

        #expect(MailAddress.parseList(MailAddress.headerValue(list)) == list)
    }
}
