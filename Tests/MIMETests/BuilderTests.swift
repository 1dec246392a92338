import Foundation
import MailSealMIME
import Testing

/// Building entities, serializing them canonically and reading them back.
struct BuilderTests {
    private var pdf: Data {
        Data("%PDF-1.4\n".utf8) + TransferEncodingTests.bytes(3000) + Data("\n%%EOF\n".utf8)
    }

    private func message() -> MIMEEntity {
        var header = Header()
        let from = MailAddress("alice@example.org", displayName: "Alice Ärztin")
        header.append("From", from.headerValue)
        header.append("Subject", EncodedWord.encode("Befund für Herrn Müller"))
        header.append("MIME-Version", "1.0")
        let alternative = MIMEEntity.multipart("alternative", parts: [
            .text("Guten Tag,\nanbei der Befund.\n"),
            .text("<p>Guten Tag,</p>", subtype: "html"),
        ])
        let disposition = ContentDisposition.attachment(filename: "befund.pdf")
        let attachment = MIMEEntity.leaf(
            ContentType("application", "pdf"), body: pdf,
            header: Header([HeaderField("Content-Disposition", disposition.headerValue)]))
        return .multipart("mixed", parts: [alternative, attachment], header: header)
    }

    @Test func builtMessageRoundTripsThroughTheParser() throws {
        let built = message()
        let data = built.serialized()
        let parsed = try MIMEParser().parse(data)

        #expect(parsed == built)
        #expect(parsed.header.decoded("Subject") == "Befund für Herrn Müller")
        #expect(parsed.leaves().map(\.number) == ["1.1.1", "1.1.2", "1.2"])
        #expect(try parsed.entity(at: "1.1.1")?.text() == "Guten Tag,\r\nanbei der Befund.\r\n")
        #expect(try parsed.entity(at: "1.2")?.decodedBody() == pdf)
        #expect(parsed.entity(at: "1.2")?.filename == "befund.pdf")
        #expect(parsed.serialized() == data)
    }

    @Test func serializationIsCanonicalAndDeterministic() {
        let built = message()
        let data = built.serialized()

        #expect(LineEndings.isCanonical(data))
        #expect(data == built.serialized())
        let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
    }

    @Test func encodingIsChosenFromTheContent() {
        func encoding(_ type: ContentType, _ body: String) -> TransferEncoding {
            MIMEEntity.leaf(type, body: Data(body.utf8)).contentTransferEncoding
        }
        let text = ContentType("text", "plain", parameters: [("charset", "utf-8")])
        let binary = ContentType("application", "octet-stream")

        #expect(encoding(text, "short\nascii lines\n") == .sevenBit)
        #expect(encoding(text, "Grüße") == .quotedPrintable)
        #expect(encoding(text, String(repeating: "x", count: 79)) == .quotedPrintable)
        #expect(encoding(text, "trailing space \n") == .quotedPrintable)
        #expect(encoding(text, "From the start\n") == .quotedPrintable)
        #expect(encoding(binary, "ascii\r\nlines") == .sevenBit)
        #expect(encoding(binary, "bare\nlf") == .base64)
        #expect(encoding(binary, "\u{0}") == .base64)
    }

    @Test func textIsMadeCanonicalButBinaryIsNot() throws {
        let text = MIMEEntity.leaf(ContentType("text", "plain"), body: Data("a\nb\n".utf8))
        let binary = MIMEEntity.leaf(
            ContentType("application", "octet-stream"), body: Data("a\nb\n".utf8))

        #expect(try text.decodedBody() == Data("a\r\nb\r\n".utf8))
        #expect(try binary.decodedBody() == Data("a\nb\n".utf8))
        #expect(try MIMEParser().parse(binary.serialized()).decodedBody() == Data("a\nb\n".utf8))
    }

    @Test func boundaryNeverOccursInsideAPart() throws {
        let trap = "--SameBoundary\r\n--SameBoundary--\r\n"
        let part = MIMEEntity.leaf(
            ContentType("text", "plain"), body: Data(trap.utf8), encoding: .sevenBit)
        let nested = MIMEEntity.multipart("alternative", parts: [part])
        let built = MIMEEntity.multipart("mixed", parts: [part], boundary: "SameBoundary")
        let deeper = MIMEEntity.multipart("mixed", parts: [nested], boundary: "SameBoundary")
        guard case .multipart(let multipart) = built.body else { return }
        let parsed = try MIMEParser().parse(built.serialized())

        #expect(multipart.boundary != "SameBoundary")
        #expect(built.contentType.boundary == multipart.boundary)
        #expect(deeper.contentType.boundary != "SameBoundary")
        #expect(parsed.parts.count == 1)
        #expect(try parsed.parts[0].text() == trap)
        #expect(try MIMEParser().parse(deeper.serialized()).entity(at: "1.1.1")?.text() == trap)
    }

    @Test func preferredBoundaryIsUsedWhenItIsFree() {
        let built = MIMEEntity.multipart(
            "mixed", parts: [.text("hello")], boundary: "free-boundary")

        #expect(built.contentType.boundary == "free-boundary")
        #expect(MIMEEntity.multipart("mixed", parts: [], boundary: "bad boundary ").contentType
            .boundary?.hasPrefix("=_MailSeal_") == true)
    }

    @Test func nestedBoundariesDifferAndRandomBoundariesDiffer() {
        let inner = MIMEEntity.multipart("alternative", parts: [.text("a")])
        let outer = MIMEEntity.multipart(
            "mixed", parts: [inner], boundary: inner.contentType.boundary)
        let boundaries = (0..<50).compactMap { _ in
            MIMEEntity.multipart("mixed", parts: []).contentType.boundary
        }

        #expect(outer.contentType.boundary != inner.contentType.boundary)
        #expect(Set(boundaries).count == 50)
    }

    @Test func unchangedParsedPartsKeepTheirBytesInAChangedMessage() throws {
        let lf = "Content-Type: multipart/signed; boundary=s; protocol=\"x\"\n\n--s\n"
            + "Content-Type: text/plain\nX-Odd:   spacing kept\n\nsigned\n--s\n"
            + "Content-Type: application/x\n\nsig\n--s--\n"
        var message = try MIMEParser().parse(Data(lf.utf8))
        let signedBytes = try #require(message.parts[0].rawBytes)

        message.header.append("X-Added", "yes")
        let reparsed = try MIMEParser().parse(message.serialized())
        #expect(reparsed.header["X-Added"] == "yes")
        #expect(reparsed.parts[0].rawBytes == LineEndings.canonical(signedBytes))
        #expect(String(decoding: reparsed.parts[0].rawBytes!, as: UTF8.self)
            .contains("X-Odd:   spacing kept"))
    }

    @Test func editedMultipartBoundaryIsWrittenIntoTheHeader() throws {
        var built = MIMEEntity.multipart("mixed", parts: [.text("x")], boundary: "one")
        guard case .multipart(var multipart) = built.body else { return }
        multipart.boundary = "two"
        built.body = .multipart(multipart)
        let parsed = try MIMEParser().parse(built.serialized())

        #expect(parsed.contentType.boundary == "two")
        #expect(try parsed.parts.first?.text() == "x")
    }

    @Test func embeddedMessageAndDigestRoundTrip() throws {
        var inner = MIMEEntity.text("inner body\n")
        inner.header.set("Subject", "inner")
        let digest = MIMEEntity.multipart("digest", parts: [inner])
        let wrapped = MIMEEntity.multipart("mixed", parts: [.message(inner), digest])
        let parsed = try MIMEParser().parse(wrapped.serialized())

        #expect(parsed == wrapped)
        #expect(parsed.entity(at: "1.1.1")?.header["Subject"] == "inner")
        #expect(parsed.entity(at: "1.2.1")?.contentType.mimeType == "text/plain")
        #expect(parsed.leaves().map(\.number) == ["1.1.1", "1.2.1"])
    }
}
