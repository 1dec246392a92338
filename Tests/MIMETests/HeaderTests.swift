import Foundation
import MailSealMIME
import Testing

/// Header fields: lookup, editing, folding and unfolding.
struct HeaderTests {
    private var header: Header {
        var header = Header()
        header.append("Received", "from a")
        header.append("Subject", "Hello")
        header.append("received", "from b")
        return header
    }

    @Test func lookupIgnoresCaseAndKeepsDuplicatesInOrder() {
        #expect(header["SUBJECT"] == "Hello")
        #expect(header["RECEIVED"] == "from a")
        #expect(header.values("Received") == ["from a", "from b"])
        #expect(header["X-Missing"] == nil)
        #expect(header.map(\.name) == ["Received", "Subject", "received"])
    }

    @Test func setReplacesEveryFieldWhereTheFirstStoodAndAppendsWhenAbsent() {
        var edited = header
        edited.set("RECEIVED", "only")
        edited.set("To", "bob@example.org")

        #expect(edited.fields == [
            HeaderField("Received", "only"), HeaderField("Subject", "Hello"),
            HeaderField("To", "bob@example.org"),
        ])
        edited.remove("received")
        #expect(edited.fields.map(\.name) == ["Subject", "To"])
    }

    @Test func longValuesFoldAtWhitespaceWithinSeventyEightColumns() throws {
        let words = (1...40).map { "word\($0)" }.joined(separator: " ")
        var header = Header()
        header.append("Subject", words)
        let references = (1...12).map { "<id\($0)@example.org>" }
        header.append("References", references.joined(separator: " "))
        let text = String(decoding: header.serialized(), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").dropLast()

        #expect(lines.count > 4)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        let firstLines = lines.filter { !$0.hasPrefix(" ") }.map { $0.prefix(8) }
        #expect(firstLines == ["Subject:", "Referenc"])
        #expect(text.hasSuffix("\r\n") && !text.hasSuffix("\r\n\r\n"))
        let parsed = try MIMEParser().parse(header.serialized())
        #expect(parsed.header == header)
    }

    @Test func aWordLongerThanALineStaysWholeOnItsOwnLine() {
        let long = String(repeating: "x", count: 120)
        var header = Header()
        header.append("X-Token", "short \(long) tail")
        let lines = String(decoding: header.serialized(), as: UTF8.self)
            .components(separatedBy: "\r\n").dropLast()

        #expect(Array(lines) == ["X-Token: short", " \(long)", " tail"])
    }

    @Test func firstEncodedWordMayMoveToAContinuationLine() throws {
        var header = Header()
        let text = String(repeating: "é", count: 40)
        header.append("Content-Description", EncodedWord.encode(text))
        let lines = String(decoding: header.serialized(), as: UTF8.self)
            .components(separatedBy: "\r\n").dropLast()

        #expect(lines.first == "Content-Description:")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        let parsed = try MIMEParser().parse(header.serialized())
        #expect(parsed.header.decoded("content-description") == text)
    }

    @Test func lineBreaksInAValueCannotInjectAField() throws {
        var header = Header()
        header.append("Subject", "hi\r\nBcc: eve@example.org")
        header.append("X-Folded", "one\r\n two")
        let parsed = try MIMEParser().parse(header.serialized())

        #expect(parsed.header.count == 2)
        #expect(parsed.header["Subject"] == "hi Bcc: eve@example.org")
        #expect(parsed.header["X-Folded"] == "one two")
        #expect(parsed.header["Bcc"] == nil)
    }

    @Test func invalidNameBytesAreReplaced() {
        var header = Header()
        header.append("Bad Name:", "v")

        #expect(header.serialized() == Data("Bad-Name-: v\r\n".utf8))
        #expect(!HeaderField.isValidName("Bad Name") && HeaderField.isValidName("X-Ok"))
    }

    @Test func decodedReturnsTheFirstValueWithEncodedWordsDecoded() {
        var header = Header()
        header.append("Subject", "=?utf-8?Q?Gr=C3=BC=C3=9Fe?= aus =?ISO-8859-1?Q?K=F6ln?=")

        #expect(header.decoded("subject") == "Grüße aus Köln")
    }
}
