import Foundation
import MailSealMIME
import Testing

/// The MIME-tools corpus: every leaf decodes to the bytes mime4j's expected files hold.
struct MimeToolsVectorTests {
    @Test func theCorpusHoldsAllTwentyFourMessages() {
        #expect(Vectors.mimetoolsNames.count == 24)
    }

    @Test(arguments: Vectors.mimetoolsNames)
    func everyLeafDecodesToItsExpectedFile(_ name: String) throws {
        let message = try MIMEParser().parse(Vectors.mimetoolsMessage(name))
        let expected = try Vectors.expectedLeaves(name)
        let leaves = message.leaves()

        #expect(leaves.map(\.number) == expected.map(\.number), "part numbers of \(name)")
        for (leaf, want) in zip(leaves, expected) {
            let decoded = try leaf.entity.decodedBody()
            let bytes = try Data(contentsOf: want.file)
            #expect(decoded == bytes, "\(name) part \(leaf.number)")
        }
    }
}

/// The MIME-tools corpus read back after serializing.
struct MimeToolsRoundTripTests {
    /// The vectors with a binary body, which is never made canonical, so their bytes as a
    /// whole are not the canonical form of the input.
    static let binaryNames = ["bluedot-postcard", "re-fwd"]

    @Test func theBinaryVectorsAreExactlyThese() throws {
        let binary = try Vectors.mimetoolsNames.filter { name in
            try MIMEParser().parse(Vectors.mimetoolsMessage(name)).containsBinaryLeaf
        }
        #expect(binary == Self.binaryNames)
    }

    @Test(arguments: Vectors.mimetoolsNames)
    func serializedFormParsesToTheSameLeaves(_ name: String) throws {
        let message = try MIMEParser().parse(Vectors.mimetoolsMessage(name))
        let serialized = message.serialized()
        let reparsed = try MIMEParser().parse(serialized)

        #expect(LineEndings.isCanonical(serialized) || message.containsBinaryLeaf)
        #expect(reparsed.leaves().map(\.number) == message.leaves().map(\.number))
        for (left, right) in zip(message.leaves(), reparsed.leaves()) {
            let original = try left.entity.decodedBody()
            let again = try right.entity.decodedBody()
            // Only bodies that are their own lines (7bit, 8bit) may change: their line breaks.
            if [.sevenBit, .eightBit].contains(left.entity.contentTransferEncoding) {
                #expect(LineEndings.canonical(again) == LineEndings.canonical(original),
                        "\(name) \(left.number)")
            } else {
                #expect(again == original, "\(name) \(left.number)")
            }
        }
    }

    @Test(arguments: Vectors.mimetoolsNames.filter {
        !MimeToolsRoundTripTests.binaryNames.contains($0)
    })
    func unchangedMessageSerializesToItsCanonicalBytes(_ name: String) throws {
        var input = try Vectors.mimetoolsMessage(name)
        if input.starts(with: Data("From ".utf8)), let lf = input.firstIndex(of: 0x0A) {
            input = input.suffix(from: lf + 1)
        }
        let message = try MIMEParser().parse(input)

        #expect(message.serialized() == LineEndings.canonical(input))
    }
}

extension MIMEEntity {
    var containsBinaryLeaf: Bool {
        leaves().contains { $0.entity.contentTransferEncoding == .binary }
    }
}
