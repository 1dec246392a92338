import Foundation
import MailSealMIME
import Testing

/// Decoding bodies and text, and reading an entity's header as types.
struct EntityContentTests {
    private func entity(_ header: String, _ body: [UInt8]) throws -> MIMEEntity {
        try MIMEParser().parse(Data((header + "\n\n").utf8) + Data(body))
    }

    @Test func charsetsOfTheIANARegistryDecode() throws {
        let cases: [(String, [UInt8], String)] = [
            ("iso-8859-2", [0xB1, 0xE6], "ąć"), ("ISO_8859-15", [0xA4], "€"),
            ("windows-1251", [0xCF, 0xF0, 0xE8], "При"), ("koi8-r", [0xD0, 0xD2, 0xC9], "при"),
            ("shift_jis", [0x82, 0xA0], "あ"), ("gb2312", [0xC4, 0xE3], "你"),
            ("big5", [0xA4, 0x40], "一"), ("euc-kr", [0xB0, 0xA1], "가"),
            ("utf-16le", [0x41, 0x00, 0xE9, 0x00], "Aé"), ("\"UTF-8\"", [0xC3, 0xA9], "é"),
            ("us-ascii", [0xC3, 0xA9], "é"), ("us-ascii", [0xE9], "é"),
        ]
        for (charset, bytes, text) in cases {
            let part = try entity("Content-Type: text/plain; charset=\(charset)", bytes)
            #expect(try part.text() == text, "\(charset)")
        }
    }

    @Test func textWithoutACharsetIsUSASCIIAndUnknownCharsetsFailClearly() throws {
        let plain = try entity("Subject: x", Array("just ascii".utf8))
        let unknownButUTF8 = try entity("Content-Type: text/plain; charset=x-mystery", [0xC3, 0xA9])
        let unknown = try entity("Content-Type: text/plain; charset=x-mystery", [0xA4, 0xA2])
        let invalid = try entity("Content-Type: text/plain; charset=utf-8", [0xC3, 0x28])

        #expect(plain.contentType == .defaultType)
        #expect(try plain.text() == "just ascii")
        #expect(try unknownButUTF8.text() == "é")
        let unsupported = try #require(throws: MIMEError.self) { try unknown.text() }
        #expect(unsupported.code == .unsupportedCharset)
        #expect(unsupported.reason.contains("x-mystery"))
        let bad = try #require(throws: MIMEError.self) { try invalid.text() }
        #expect(bad.code == .badEncoding)
    }

    @Test func multipartHasNoBodyOfItsOwnAndAMessageBodyIsTheEmbeddedMessage() throws {
        let multipart = MIMEEntity.multipart("mixed", parts: [.text("x")])
        var inner = MIMEEntity.text("inside")
        inner.header.set("Subject", "inner")
        let wrapper = MIMEEntity.message(inner)

        let error = try #require(throws: MIMEError.self) { try multipart.decodedBody() }
        #expect(error.code == .notALeaf)
        #expect(try wrapper.decodedBody() == inner.serialized())
        #expect(wrapper.contentType.isEncapsulatedMessage)
    }

    @Test func walkNumbersEveryEntityDepthFirst() throws {
        let message = try MIMEParser().parse(Vectors.mimetoolsMessage("multi-nested"))
        let parts = message.allParts()

        #expect(parts.map(\.number) == [
            "1", "1.1", "1.2", "1.3", "1.3.1", "1.3.2", "1.4", "1.5", "1.5.1",
        ])
        #expect(parts.map(\.depth) == [0, 1, 1, 1, 2, 2, 1, 1, 2])
        #expect(message.entity(at: "1.3.2")?.filename == "3d-eye.gif")
        #expect(message.entity(at: "1.5")?.filename == "/evil/filename")
        #expect(message.entity(at: "1.9") == nil && message.entity(at: "2") == nil)
        var visited: [String] = []
        message.walk { visited.append($0.entity.contentType.mimeType) }
        #expect(visited.first == "multipart/mixed" && visited.last == "text/plain")
    }

    @Test func dispositionAndTransferEncodingAreReadFromTheHeader() throws {
        let part = try entity(
            "Content-Type: image/gif; name=old.gif\nContent-Disposition: ATTACHMENT; "
                + "filename=\"new.gif\"\nContent-Transfer-Encoding: BASE64", Array("R0lG".utf8))

        #expect(part.contentDisposition?.isAttachment == true)
        #expect(part.filename == "new.gif")
        #expect(part.contentTransferEncoding == .base64)
        #expect(try part.decodedBody() == Data("GIF".utf8))
    }
}
