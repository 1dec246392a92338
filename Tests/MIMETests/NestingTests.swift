import Foundation
import MailSealMIME
import Testing

/// Pathological nesting is refused or read without recursion.
struct NestingTests {
    /// `depth` multiparts, each holding the next, with a text part at the bottom.
    private func nestedMultiparts(_ depth: Int) -> Data {
        var text = ""
        for level in 0..<depth {
            text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n"
        }
        text += "Content-Type: text/plain\n\nbottom\n"
        for level in (0..<depth).reversed() { text += "--b\(level)--\n" }
        return Data(("MIME-Version: 1.0\n" + text).utf8)
    }

    @Test func tenThousandNestedMultipartsAreRefused() throws {
        let error = try #require(throws: MIMEError.self) {
            try MIMEParser().parse(nestedMultiparts(10_000))
        }

        #expect(error.code == .nestingTooDeep)
        #expect(error.reason.contains("64"))
    }

    @Test func deepNestingWithinTheLimitIsParsed() throws {
        var parser = MIMEParser()
        parser.maximumDepth = 600
        let message = try parser.parse(nestedMultiparts(500))
        let leaves = message.leaves()

        #expect(leaves.count == 1)
        #expect(leaves[0].depth == 500)
        #expect(try leaves[0].entity.text() == "bottom")
        #expect(message.serialized() == LineEndings.canonical(nestedMultiparts(500)))
    }

    @Test func exactlyTheMaximumDepthIsAllowed() throws {
        var parser = MIMEParser()
        parser.maximumDepth = 11
        #expect(try parser.parse(nestedMultiparts(10)).leaves().count == 1)

        parser.maximumDepth = 10
        #expect(throws: MIMEError.self) { try parser.parse(nestedMultiparts(10)) }
    }

    @Test func deeplyNestedMessagesAreRefused() throws {
        let text = String(repeating: "Content-Type: message/rfc822\n\n", count: 5_000) + "x"
        let error = try #require(throws: MIMEError.self) {
            try MIMEParser().parse(Data(text.utf8))
        }

        #expect(error.code == .nestingTooDeep)
    }

    @Test func deeplyNestedCommentsInStructuredFieldsDoNotRecurse() {
        let deep = String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000)

        #expect(MailAddress.parseList("\(deep) Alice <alice@example.org>").map(\.address)
            == ["alice@example.org"])
        #expect(ContentType(parsing: "text/plain \(deep); charset=utf-8")?.charset == "utf-8")
    }
}

/// Header values built to make a careless parser quadratic are read in linear time.
struct PathologicalValueTests {
    @Test func longAddressAndParameterListsAreReadQuickly() {
        let colons = String(repeating: "a@b:", count: 50_000)
        let parameters = (0..<20_000).map { "; p\($0)=v" }.joined()
        let words = String(repeating: "=?utf-8?Q?x", count: 50_000)
        let start = Date()

        #expect(MailAddress.parseList(colons + ", c@example.org").last?.address == "c@example.org")
        #expect(ContentType(parsing: "text/plain" + parameters)?.parameters.count == 20_000)
        #expect(EncodedWord.decode(words) == words)
        #expect(Date().timeIntervalSince(start) < 20)
    }
}

/// Wide inputs (many parts, many header lines) are read in linear time.
struct WideInputTests {
    @Test func fiftyThousandPartsAndHeaderLinesAreReadQuickly() throws {
        var text = "Content-Type: multipart/mixed; boundary=b\n"
        text += String(repeating: "X-Line: value\n", count: 50_000) + "\n"
        text += String(repeating: "--b\n\npart\n", count: 50_000) + "--b--\n"
        let start = Date()
        let message = try MIMEParser().parse(Data(text.utf8))

        #expect(message.header.count == 50_001)
        #expect(message.parts.count == 50_000)
        #expect(try message.parts.last?.text() == "part")
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
