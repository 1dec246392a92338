import Foundation
import MailSealMIME
import Testing

/// Base64, quoted-printable and canonical line endings.
struct TransferEncodingTests {
    /// Deterministic bytes covering every value, `count` long.
    static func bytes(_ count: Int, seed: UInt64 = 42) -> Data {
        var state = seed
        var data = Data(count: count)
        data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            for index in 0..<count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                buffer[index] = UInt8(truncatingIfNeeded: state >> 33)
            }
        }
        return data
    }

    @Test(arguments: [0, 1, 2, 3, 4, 56, 57, 58, 255, 1000])
    func base64RoundTripsBinaryInLinesOfSeventySix(_ count: Int) throws {
        let data = Self.bytes(count)
        let encoded = Base64.encode(data)
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")

        #expect(try Base64.decode(encoded) == data)
        #expect(try Base64.decode(encoded, strict: true) == data)
        #expect(lines.dropLast().allSatisfy { $0.count <= 76 && $0.count > 0 })
        #expect(lines.last == "")
        #expect(encoded == Data(data.base64EncodedString(options: [.lineLength76Characters,
            .endLineWithCarriageReturn, .endLineWithLineFeed]).utf8) + (count > 0 ? crlf : Data()))
    }

    private var crlf: Data { Data("\r\n".utf8) }

    @Test func base64KnownValuesAndLineLength() throws {
        #expect(Base64.encode(Data("Man".utf8), lineLength: 0) == Data("TWFu".utf8))
        #expect(Base64.encode(Data("Ma".utf8)) == Data("TWE=\r\n".utf8))
        #expect(Base64.encode(Self.bytes(30), lineLength: 10).split(separator: 0x0A).count == 5)
        #expect(try Base64.decode(Data("TQ".utf8)) == Data("M".utf8))
    }

    @Test func lenientBase64SkipsJunkAndReadsConcatenatedPieces() throws {
        #expect(try Base64.decode(Data("TW\r\n Fu!*".utf8)) == Data("Man".utf8))
        #expect(try Base64.decode(Data("TQ==TWE=".utf8)) == Data("MMa".utf8))
    }

    @Test(arguments: ["TWFu!", "TWE", "T===", "TQ==TWE="])
    func strictBase64RefusesWhatIsNotBase64(_ text: String) throws {
        let error = try #require(throws: MIMEError.self) {
            try Base64.decode(Data(text.utf8), strict: true)
        }
        #expect(error.code == .badBase64)
    }

    @Test func quotedPrintableKeepsTrailingSpacesAndSoftBreaksLongLines() {
        let text = "Trailing spaces   \r\nand a tab\t\r\n"
            + String(repeating: "long ", count: 40) + "end"
        let encoded = QuotedPrintable.encode(Data(text.utf8))
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")

        #expect(lines[0] == "Trailing spaces  =20")
        #expect(lines[1] == "and a tab=09")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropFirst(2).dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(QuotedPrintable.decode(encoded) == Data(text.utf8))
    }

    @Test func quotedPrintableEscapesEqualsNonASCIIAndFromLines() {
        let encoded = QuotedPrintable.encode(Data("a=b\nFrom here\nGrüße\n".utf8))

        #expect(encoded == Data("a=3Db\r\n=46rom here\r\nGr=C3=BC=C3=9Fe\r\n".utf8))
        #expect(QuotedPrintable.decode(encoded) == Data("a=b\r\nFrom here\r\nGrüße\r\n".utf8))
    }

    @Test func fromAfterASoftBreakIsEscapedToo() {
        let text = String(repeating: "x", count: 75) + "From the soft break on"
        let lines = String(decoding: QuotedPrintable.encode(Data(text.utf8)), as: UTF8.self)
            .components(separatedBy: "\r\n")

        #expect(lines == [String(repeating: "x", count: 75) + "=", "=46rom the soft break on"])
    }

    @Test(arguments: [0, 1, 77, 500, 4096])
    func binaryQuotedPrintableRoundTripsEveryByte(_ count: Int) {
        let data = Self.bytes(count, seed: 7)
        let encoded = QuotedPrintable.encode(data, binary: true)
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")

        #expect(QuotedPrintable.decode(encoded) == data)
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(encoded.allSatisfy { $0 >= 0x20 && $0 < 0x7F || [0x09, 0x0D, 0x0A].contains($0) })
    }

    @Test func quotedPrintableDecodingIsLenient() {
        let decoded = QuotedPrintable.decode(Data("caf=c3=a9 = 100% =\nsoft  \n=ZZ end  ".utf8))

        #expect(decoded == Data("café = 100% soft\r\n=ZZ end".utf8))
    }

    @Test func canonicalLineEndingsTurnBareLFAndCRIntoCRLF() {
        #expect(LineEndings.canonical(Data("a\nb\rc\r\nd\n\r".utf8))
            == Data("a\r\nb\r\nc\r\nd\r\n\r\n".utf8))
        #expect(LineEndings.isCanonical(Data("a\r\nb".utf8)))
        #expect(!LineEndings.isCanonical(Data("a\r".utf8)))
    }

    @Test func transferEncodingNamesAreReadWithoutCase() {
        #expect(TransferEncoding(headerValue: " BASE64 ") == .base64)
        #expect(TransferEncoding(headerValue: "Quoted-Printable (comment)") == .quotedPrintable)
        #expect(TransferEncoding(headerValue: "x-uuencode") == nil)
    }

    @Test func unknownTransferEncodingIsRefusedWhenDecoding() throws {
        let message = try MIMEParser().parse(Data(("Content-Type: application/octet-stream\n"
            + "Content-Transfer-Encoding: x-uuencode\n\nbegin").utf8))
        let error = try #require(throws: MIMEError.self) { try message.decodedBody() }

        #expect(message.contentTransferEncoding == .binary)
        #expect(error.code == .unsupportedTransferEncoding)
        #expect(error.reason.contains("x-uuencode"))
    }
}
