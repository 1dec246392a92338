import Foundation
import MailSealMIME
import Testing

/// How the parser reads what real mail sends.
struct ParserTests {
    private let sample = """
        From: Alice <alice@example.org>
        Subject: Lab results
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="XYZ"

        preamble
        --XYZ
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Grüße
        --XYZ
        Content-Type: application/octet-stream
        Content-Transfer-Encoding: base64

        AAEC/w==
        --XYZ--
        epilogue

        """

    private func parse(_ text: String) throws -> MIMEEntity {
        try MIMEParser().parse(Data(text.utf8))
    }

    @Test func lfAndCRLFInputsGiveTheSameParts() throws {
        let lf = try parse(sample)
        let crlf = try parse(sample.replacingOccurrences(of: "\n", with: "\r\n"))

        for message in [lf, crlf] {
            #expect(message.leaves().map(\.number) == ["1.1", "1.2"])
            #expect(try message.parts[0].text() == "Grüße")
            #expect(try message.parts[1].decodedBody() == Data([0, 1, 2, 255]))
            #expect(message.header["subject"] == "Lab results")
        }
        #expect(lf.serialized() == crlf.serialized())
    }

    @Test func mixedLineEndingsAreRead() throws {
        var text = sample.replacingOccurrences(of: "--XYZ\n", with: "--XYZ\r\n")
        text = text.replacingOccurrences(
            of: "Subject: Lab results\n", with: "Subject: Lab results\r\n")
        let message = try parse(text)

        #expect(message.parts.count == 2)
        #expect(try message.parts[0].text() == "Grüße")
        #expect(LineEndings.isCanonical(message.serialized()))
    }

    @Test func oddFieldNamesNoSpaceAfterColonAndContinuationsAreRead() throws {
        let message = try parse("SUBJECT:no space\ncontent-TYPE :  text/plain;\n"
            + "\tcharset=\"utf-8\"\nX-Long: one\n   two\n\tthree\n\nbody")

        #expect(message.header["Subject"] == "no space")
        #expect(message.header.fields[1].name == "content-TYPE")
        #expect(message.contentType.charset == "utf-8")
        #expect(message.header["x-long"] == "one   two\tthree")
        #expect(try message.text() == "body")
    }

    @Test func whitespaceOnlyLineContinuesAFieldAndLinesWithoutColonAreSkipped() throws {
        let data = try Vectors.mimetoolsMessage("hdr-fakeout")
        let message = try MIMEParser().parse(data)

        #expect(message.header["Organization"] == "Quist Consulting")
        #expect(message.skippedHeaderLines == 2)
        #expect(try message.decodedBody().isEmpty)

        var python = MIMEParser()
        python.malformedLineEndsHeader = true
        let other = try python.parse(data)
        #expect(try other.text().hasPrefix("The header is not properly terminated;"))
        #expect(other.skippedHeaderLines == 0)
    }

    @Test func headerWithoutBlankLineOrBodyIsRead() throws {
        let message = try parse("From: a@example.org\nSubject: only a header")

        #expect(message.header.count == 2)
        #expect(message.header["Subject"] == "only a header")
        #expect(try message.decodedBody().isEmpty)
    }

    @Test func partWithoutHeaderOrBlankLineTakesTheTextAsItsBody() throws {
        let message = try parse(
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nJust text\n--b--\n")

        #expect(message.parts.count == 1)
        #expect(message.parts[0].header.isEmpty)
        #expect(try message.parts[0].text() == "Just text")
    }

    @Test func mboxFromLineIsSkipped() throws {
        let message = try parse(
            "From alice@example.org Mon Jan  1 00:00:00 2024\nSubject: hi\n\nbody\n")

        #expect(message.header.fields.map(\.name) == ["Subject"])
        #expect(message.rawBytes == Data("Subject: hi\n\nbody\n".utf8))
    }

    @Test(arguments: [
        Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]),
        Data("Hello, this is just some text\nwith two lines\n".utf8),
        Data("\nSubject: after a blank line\n\nbody".utf8),
        Data(),
        Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }),
    ])
    func inputWithoutAHeaderIsNotMIME(_ data: Data) throws {
        let error = try #require(throws: MIMEError.self) { try MIMEParser().parse(data) }

        #expect(error.code == .notMIME)
        #expect(error.reason.contains("not a message") || error.reason.contains("empty"))
        #expect(!error.reason.contains("Hello"))
    }

    @Test func missingCloseDelimiterEndsTheLastPartAtTheEnd() throws {
        let message = try parse(
            "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n")

        #expect(message.parts.count == 2)
        #expect(try message.parts[1].text() == "two\n")
    }

    @Test func delimitersAllowTrailingWhitespaceButNotOtherText() throws {
        let message = try parse("Content-Type: multipart/mixed; boundary=b\n\n--b \t\n\none\n"
            + "--bx\n--b-- extra\n--b--  \nafter\n")

        #expect(message.parts.count == 1)
        #expect(try message.parts[0].text() == "one\n--bx\n--b-- extra")
        guard case .multipart(let multipart) = message.body else { return }
        #expect(multipart.epilogue == Data("after\n".utf8))
    }

    @Test func outerDelimiterClosesAnUnterminatedInnerMultipart() throws {
        let message = try parse("""
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner

            inner one
            --outer

            outer two
            --outer--
            """)

        #expect(message.leaves().map(\.number) == ["1.1.1", "1.2"])
        #expect(try message.entity(at: "1.1.1")?.text() == "inner one")
        #expect(try message.entity(at: "1.2")?.text() == "outer two")
    }

    @Test func rawBytesAreTheExactBytesBetweenTheDelimiters() throws {
        let signedPart = "Content-Type: text/plain\n\nsigned text\n"
        let message = try parse("Content-Type: multipart/signed; boundary=s; protocol=x\n\n"
            + "--s\n\(signedPart)\n--s\nContent-Type: application/x\n\nsig\n--s--\n")

        #expect(message.parts[0].rawBytes == Data(signedPart.utf8))
        #expect(message.parts[0].serialized() == LineEndings.canonical(Data(signedPart.utf8)))
    }

    @Test func eightBitAndLatin1BodiesDecodeInTheirCharset() throws {
        var data = Data("Content-Type: text/plain; charset=utf-8\n".utf8)
        data.append(Data("Content-Transfer-Encoding: 8bit\n\nK\u{F8}benhavn \u{E6}bler".utf8))
        let utf8 = try MIMEParser().parse(data)
        var latin1Data = Data("Content-Type: text/plain; charset=iso-8859-1\n\n".utf8)
        latin1Data.append(contentsOf: [0x4B, 0xF8, 0x62, 0x65, 0x6E, 0x68, 0x61, 0x76, 0x6E, 0x80])
        let latin1 = try MIMEParser().parse(latin1Data)

        #expect(try utf8.decodedBody() == Data("København æbler".utf8))
        #expect(try utf8.text() == "København æbler")
        #expect(try latin1.text() == "København€")
    }

    @Test func base64EncodedEmbeddedMessageIsParsed() throws {
        let message = try MIMEParser().parse(Vectors.mimetoolsMessage("multi-2gifs-base64"))
        guard case .message(let embedded) = message.body else {
            Issue.record("the encoded message/rfc822 was not parsed")
            return
        }

        #expect(embedded.header["Subject"] == "Two images for you...")
        #expect(embedded.parts.map(\.filename) == [nil, "3d-compress.gif", "3d-eye.gif"])
        #expect(message.serialized() == LineEndings.canonical(try Vectors.mimetoolsMessage(
            "multi-2gifs-base64")))
    }

    @Test func changingAParsedEntityForgetsItsRawBytes() throws {
        var message = try parse(sample)
        #expect(message.rawBytes != nil)

        message.header.set("Subject", "Changed")
        #expect(message.rawBytes == nil)
        let reparsed = try MIMEParser().parse(message.serialized())
        #expect(reparsed.header["Subject"] == "Changed")
        #expect(try reparsed.parts[1].decodedBody() == Data([0, 1, 2, 255]))
        #expect(reparsed.parts[0].rawBytes == LineEndings.canonical(try parse(sample).parts[0]
            .rawBytes!))
    }
}
