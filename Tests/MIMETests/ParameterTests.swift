import Foundation
import MailSealMIME
import Testing

/// Content-Type and Content-Disposition values, RFC 2045 s5.1 and RFC 2231.
struct ParameterTests {
    @Test func contentTypeIsReadLeniently() throws {
        let folded = try #require(ContentType(parsing:
            "Multipart/Alternative ; ; ; ;; ;;;;;;;; (a comment) BOUNDARY=\"foo; bar\" ;x=y"))

        #expect(folded.mimeType == "multipart/alternative")
        #expect(folded.isMultipart)
        #expect(folded.boundary == "foo; bar")
        #expect(folded[parameter: "X"] == "y")
        #expect(folded.parameters.map(\.name) == ["boundary", "x"])
        #expect(ContentType(parsing: "text/plain (comment); charset=\"utf-8\" (x)")?.charset
            == "utf-8")
        #expect(ContentType(parsing: "text; charset=us-ascii")?.mimeType == "text/plain")
        #expect(ContentType(parsing: "image/gif; name=foo bar.gif")?[parameter: "name"]
            == "foo bar.gif")
        #expect(ContentType(parsing: "  ") == nil)
        let quoted = ContentType(parsing: "text/plain; name=\"a \\\"quoted\\\" word\"")
        #expect(quoted?[parameter: "name"] == "a \"quoted\" word")
    }

    @Test func rfc2231ContinuationsAndCharsetsAreDecoded() throws {
        let type = try #require(ContentType(parsing: """
            message/external-body; access-type=URL;
             URL*0="ftp://";
             URL*1="cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"
            """))
        let mixed = try #require(ContentType(parsing: """
            application/x-stuff;
             title*0*=us-ascii'en'This%20is%20even%20more%20;
             title*1*=%2A%2A%2Afun%2A%2A%2A%20;
             title*2="isn't it!"
            """))
        let single = try #require(ContentDisposition(parsing:
            "attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf; filename=\"fallback.pdf\""))

        #expect(type[parameter: "url"] == "ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar")
        #expect(mixed[parameter: "title"] == "This is even more ***fun*** isn't it!")
        #expect(single.filename == "€ rates.pdf")
        #expect(single.parameters.count == 1)
    }

    @Test func outOfOrderSectionsAreJoinedInNumberOrder() {
        let type = ContentType(parsing: "text/plain; name*1*=%C3%A9.txt; name*0*=utf-8''caf")

        #expect(type?[parameter: "name"] == "café.txt")
    }

    @Test func latin1AttachmentNameComesFromRFC2231AndTheTypeNameFromRFC2047() throws {
        let message = try MIMEParser().parse(
            Vectors.mimetoolsMessage("attachment-filename-encoding-Latin1"))
        let attachment = message.parts[1]

        #expect(attachment.contentDisposition?.filename == "attachment.äöü")
        #expect(attachment.filename == "attachment.äöü")
        #expect(attachment.contentType[parameter: "name"]
            == "=?ISO-8859-1?B?YXR0YWNobWVudC7k9vw=?=")
        var withoutDisposition = attachment
        withoutDisposition.header.remove("Content-Disposition")
        #expect(withoutDisposition.filename == "attachment.äöü")
    }

    @Test func headerValueQuotesWhereNeededAndRoundTrips() throws {
        let type = ContentType("Text", "Plain", parameters: [
            ("charset", "utf-8"), ("name", "my file (1).txt"), ("x-empty", ""), ("q", "a\"b\\c"),
        ])

        #expect(type.headerValue == "text/plain; charset=utf-8; name=\"my file (1).txt\"; "
            + "x-empty=\"\"; q=\"a\\\"b\\\\c\"")
        #expect(ContentType(parsing: type.headerValue) == type)
    }

    @Test func nonASCIIValuesUseRFC2231AndLongOnesContinue() throws {
        let short = ContentDisposition.attachment(filename: "Befund für Müller.pdf")
        let longName = String(repeating: "Überweisung-", count: 12) + "€.pdf"
        let long = ContentDisposition.attachment(filename: longName)

        #expect(short.headerValue
            == "attachment; filename*=utf-8''Befund%20f%C3%BCr%20M%C3%BCller.pdf")
        #expect(ContentDisposition(parsing: short.headerValue)?.filename
            == "Befund für Müller.pdf")
        #expect(long.headerValue.contains("filename*0*=utf-8''"))
        #expect(long.headerValue.contains("filename*1*="))
        #expect(ContentDisposition(parsing: long.headerValue)?.filename == longName)
        var header = Header()
        header.append("Content-Disposition", long.headerValue)
        let lines = String(decoding: header.serialized(), as: UTF8.self)
            .components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func dispositionDefaultsAndSubscriptEditing() {
        var disposition = ContentDisposition(parsing: "INLINE; filename=a.txt; size=10")

        #expect(disposition?.isInline == true)
        disposition?[parameter: "SIZE"] = nil
        disposition?[parameter: "filename"] = "b.txt"
        #expect(disposition?.headerValue == "inline; filename=b.txt")
        #expect(ContentDisposition(parsing: "; filename=x")?.isAttachment == true)
    }
}
