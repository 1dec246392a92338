import Foundation
import MailSealMIME
import Testing

/// MimeKit's messages that have tripped up MIME parsers.
struct MimeKitVectorTests {
    private func parse(_ file: String) throws -> MIMEEntity {
        try MIMEParser().parse(Vectors.mimekitMessage(file))
    }

    @Test func emptyMultipartStaysAnEmptySiblingOfTheTextPart() throws {
        let message = try parse("empty-multipart.txt")
        let parts = message.parts

        #expect(message.contentType.mimeType == "multipart/mixed")
        #expect(parts.count == 2)
        #expect(parts[0].contentType.mimeType == "multipart/alternative")
        #expect(parts[0].isMultipart && parts[0].parts.isEmpty)
        #expect(parts[1].contentType.mimeType == "text/plain")
        #expect(try parts[1].text() == "This part should be on the same level as the "
            + "multipart/alternative and not a child.\n")
    }

    @Test func epilogueIsKeptAndAnEmptyBase64PartDecodesToNothing() throws {
        let message = try parse("epilogue.txt")
        guard case .multipart(let multipart) = message.body else {
            Issue.record("not a multipart")
            return
        }

        #expect(multipart.parts.count == 2)
        #expect(multipart.preamble.isEmpty)
        #expect(multipart.boundary == "NutNews,-a-nntpmtsonsguinrcfas,-boundary")
        #expect(try multipart.parts[1].decodedBody().isEmpty)
        #expect(multipart.parts[1].contentType.mimeType == "application/postscript")
        #expect(String(decoding: multipart.epilogue, as: UTF8.self)
            == "Peter Urka <pcu@umich.edu>\nDept. of Chemistry, Univ. of Michigan\n"
            + "Newt-thought is right-thought.  Go Newt!\n\n")
    }

    @Test func missingSubtypeReadsAsOctetStreamKeepingItsParameters() throws {
        let message = try parse("missing-subtype.txt")

        #expect(message.contentType.mimeType == "application/octet-stream")
        #expect(message.contentType[parameter: "name"] == "document.xml.gz")
        #expect(message.filename == "document.xml.gz")
        #expect(try message.decodedBody() == Data("blah blah blah\n".utf8))
    }

    @Test func digestPartsAreEmbeddedMessagesAndTheMboxLineIsSkipped() throws {
        let data = try Vectors.mimekitMessage("multipart-digest.txt")
        let message = try MIMEParser().parse(data)

        #expect(message.header["From"] == "user@domain.org")
        #expect(message.rawBytes?.starts(with: Data("From: user@domain.org".utf8)) == true)
        guard case .message(let inner) = message.body,
              case .multipart(let digest) = inner.body else {
            Issue.record("expected message/rfc822 holding a multipart")
            return
        }
        #expect(inner.header["Subject"] == "submsg")
        #expect(inner.contentType.mimeType == "multipart/digest")
        #expect(String(decoding: digest.preamble, as: UTF8.self) == "prologue\n")
        #expect(String(decoding: digest.epilogue, as: UTF8.self) == "\nepilogue\n\n")
        #expect(digest.parts.count == 2)
        #expect(digest.parts[1].header["X-Mime"] == "m2 header")
        let subjects = digest.parts.compactMap { part -> String? in
            guard case .message(let embedded) = part.body else { return nil }
            return embedded.header["Subject"]
        }
        #expect(subjects == ["m1", "m2"])
        #expect(try message.entity(at: "1.1.2.1")?.text() == "m2 body\n")
    }

    @Test func digestPartWithoutContentTypeDefaultsToMessageRFC822() throws {
        let message = try MIMEParser().parse(Vectors.mimetoolsMessage("multi-digest"))
        let first = try #require(message.parts.first)

        #expect(first.header.isEmpty)
        #expect(first.contentType.mimeType == "message/rfc822")
        guard case .message(let embedded) = first.body else {
            Issue.record("the implicit message/rfc822 part was not parsed as a message")
            return
        }
        #expect(embedded.header["Subject"] == "embedded message 1")
        #expect(message.parts[1].contentType.mimeType == "message/rfc822")
        #expect(message.entity(at: "1.2.1")?.contentType.mimeType == "text/plain")
    }

    @Test func japaneseSubjectAndISO2022JPBodyDecode() throws {
        let message = try parse("japanese.txt")

        #expect(message.header.decoded("Subject")
            == "日本語メールテスト (testing Japanese emails)")
        #expect(message.contentType.charset == "ISO-2022-JP")
        #expect(try message.text() == "Let's see if both subject and body works fine...\n\n"
            + "日本語が\n正常に\n送れているか\nテスト.\n")
    }

    @Test func embeddedMessageIsParsedAsANestedEntity() throws {
        let message = try parse("simple-embedded-message.eml")
        let parts = message.parts

        #expect(parts.count == 2)
        #expect(try parts[0].text() == "This is the message body.\n")
        #expect(parts[1].contentType.mimeType == "message/rfc822")
        guard case .message(let embedded) = parts[1].body else {
            Issue.record("message/rfc822 was not parsed")
            return
        }
        #expect(embedded.header["Subject"] == "embedded message")
        #expect(embedded.header["From"] == "mimekit@example.com")
        #expect(try embedded.text() == "This is the embedded message body.\n")
        #expect(message.leaves().map(\.number) == ["1.1", "1.2.1"])
    }

    @Test func simpleMultipartKeepsPreambleEpilogueAndDecodesTheAttachment() throws {
        let message = try parse("simple-multipart.eml")
        guard case .multipart(let multipart) = message.body else {
            Issue.record("not a multipart")
            return
        }

        #expect(String(decoding: multipart.preamble, as: UTF8.self)
            == "This is the multipart preamble.\n")
        #expect(String(decoding: multipart.epilogue, as: UTF8.self)
            == "\nThis is the multipart epilogue.\n")
        #expect(multipart.parts[1].filename == "attachment.txt")
        #expect(try multipart.parts[1].decodedBody()
            == Data("This is the base64 encoded attachment.".utf8))
    }

    @Test func stackOverflowMessageParsesWithoutExhaustingTheStack() throws {
        let message = try parse("stack-overflow.txt")
        let to = try #require(message.header["To"])

        #expect(message.header["Subject"] == "Message Subject")
        #expect(try message.text() == "\nMessage Body\n")
        let decoded = try #require(message.header.decoded("To"))
        #expect(decoded.hasPrefix("\"test\" <test@test.com>,"))
        #expect(decoded.components(separatedBy: "date>2017-08-20T10:08:28.617</pr").count > 2000)
        #expect(MailAddress.parseList(to) == [MailAddress("test@test.com", displayName: "test")])
    }
}
