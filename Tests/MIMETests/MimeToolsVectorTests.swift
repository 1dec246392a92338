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
