import Foundation
import MailSealMIME
import Testing
import TestSupport

/// Messages travel both ways between our MIME code and Python's `email` package.
@Suite(.enabled(if: ProcessRunner.isAvailable("python3"), "needs python3"))
struct PythonInteropTests {
    /// Reads the message file named by argv[1] with policy=default and prints what it saw.
    private static let reader = """
        import sys, json, email
        from email import policy
        with open(sys.argv[1], 'rb') as f:
            m = email.message_from_binary_file(f, policy=policy.default)
        attachment = next(p for p in m.walk() if p.get_filename())
        print(json.dumps({
            'types': [p.get_content_type() for p in m.walk()],
            'subject': str(m['Subject']),
            'from': [a.display_name + ' / ' + a.addr_spec for a in m['From'].addresses],
            'text': m.get_body(('plain',)).get_content(),
            'filename': attachment.get_filename(),
            'attachment': attachment.get_content().hex(),
            'defects': [type(d).__name__ for p in m.walk() for d in p.defects],
        }))
        """

    /// Builds a message with attachments and writes it, as bytes, to stdout.
    private static let writer = """
        import sys
        from email.message import EmailMessage
        m = EmailMessage()
        m['Subject'] = ('Grüße aus Köln – Befund für Herrn Müller, '
                        'bitte vertraulich behandeln')
        m['From'] = 'Dr. Ärztin <aerztin@example.org>'
        m['To'] = 'Bob <bob@example.org>, carol@example.org'
        m.set_content('Hallo Herr Müller,\\nanbei der Befund.\\n')
        m.add_alternative('<p>Hallo Herr M&uuml;ller</p>\\n', subtype='html')
        m.add_attachment(bytes(range(256)) * 10, maintype='application',
                         subtype='octet-stream', filename='daten ä.bin')
        m.add_attachment(b'%PDF-1.4\\n' + bytes(range(200)) + b'\\n%%EOF\\n',
                         maintype='application', subtype='pdf', filename='report.pdf')
        sys.stdout.buffer.write(m.as_bytes())
        """

    private var pdf: Data { Data("%PDF-1.4\n".utf8) + Data(0..<200) + Data("\n%%EOF\n".utf8) }

    @Test func pythonReadsTheMessageWeBuild() throws {
        var header = Header()
        let from = MailAddress("alice@example.org", displayName: "Alice Ärztin")
        header.append("From", from.headerValue)
        header.append("To", "bob@example.org")
        header.append("Subject", EncodedWord.encode("Befund für Herrn Müller – vertraulich"))
        header.append("MIME-Version", "1.0")
        let text = "Guten Tag Herr Müller,\nanbei der Befund vom Labor.\n"
        let alternative = MIMEEntity.multipart("alternative", parts: [
            .text(text), .text("<p>Guten Tag Herr M&uuml;ller</p>\n", subtype: "html"),
        ])
        let disposition = ContentDisposition.attachment(filename: "Befund für Müller.pdf")
        let attachment = MIMEEntity.leaf(
            ContentType("application", "pdf"), body: pdf,
            header: Header([HeaderField("Content-Disposition", disposition.headerValue)]))
        let message = MIMEEntity.multipart(
            "mixed", parts: [alternative, attachment], header: header)
        #expect(alternative.parts[0].contentTransferEncoding == .quotedPrintable)
        #expect(attachment.contentTransferEncoding == .base64)

        let folder = TemporaryDirectory()
        let file = folder.file("message.eml")
        try message.serialized().write(to: file)
        let result = try ProcessRunner.run("python3", ["-c", Self.reader, file.path])
        #expect(result.status == 0, "\(result.stderrText)")
        let seen = try #require(
            JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])

        #expect(seen["types"] as? [String] == [
            "multipart/mixed", "multipart/alternative", "text/plain", "text/html",
            "application/pdf",
        ])
        #expect(seen["subject"] as? String == "Befund für Herrn Müller – vertraulich")
        #expect(seen["from"] as? [String] == ["Alice Ärztin / alice@example.org"])
        #expect(seen["text"] as? String == text)
        #expect(seen["filename"] as? String == "Befund für Müller.pdf")
        #expect(seen["attachment"] as? String == pdf.map { String(format: "%02x", $0) }.joined())
        #expect(seen["defects"] as? [String] == [])
    }

    @Test func weReadTheMessagePythonBuilds() throws {
        let result = try ProcessRunner.run("python3", ["-c", Self.writer])
        #expect(result.status == 0, "\(result.stderrText)")
        let message = try MIMEParser().parse(result.stdout)
        let types = message.allParts().map { $0.number + " " + $0.entity.contentType.mimeType }

        #expect(types == [
            "1 multipart/mixed", "1.1 multipart/alternative", "1.1.1 text/plain",
            "1.1.2 text/html", "1.2 application/octet-stream", "1.3 application/pdf",
        ])
        #expect(message.header.decoded("Subject")
            == "Grüße aus Köln – Befund für Herrn Müller, bitte vertraulich behandeln")
        #expect(MailAddress.parseList(message.header["From"]!)
            == [MailAddress("aerztin@example.org", displayName: "Dr. Ärztin")])
        #expect(MailAddress.parseList(message.header["To"]!).map(\.address)
            == ["bob@example.org", "carol@example.org"])
        #expect(try message.entity(at: "1.1.1")?.text()
            == "Hallo Herr Müller,\nanbei der Befund.\n")
        #expect(try message.entity(at: "1.1.2")?.text() == "<p>Hallo Herr M&uuml;ller</p>\n")
        let data = try #require(message.entity(at: "1.2"))
        #expect(data.filename == "daten ä.bin")
        let everyByte = Data((0..<10).flatMap { _ in 0...255 as ClosedRange<UInt8> })
        #expect(try data.decodedBody() == everyByte)
        #expect(message.entity(at: "1.3")?.filename == "report.pdf")
        #expect(try message.entity(at: "1.3")?.decodedBody() == pdf)
    }
}
