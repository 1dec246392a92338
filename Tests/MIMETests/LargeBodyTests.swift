import Foundation
import MailSealMIME
import Testing

/// A large attachment is built, serialized, parsed and decoded correctly.
struct LargeBodyTests {
    @Test func twentyMegabyteAttachmentRoundTrips() throws {
        let payload = TransferEncodingTests.bytes(20 * 1024 * 1024, seed: 2024)
        let attachment = MIMEEntity.leaf(ContentType("application", "octet-stream"), body: payload)
        let built = MIMEEntity.multipart("mixed", parts: [.text("see attachment\n"), attachment],
                                         header: Header([HeaderField("Subject", "big")]))

        let data = built.serialized()
        let parsed = try MIMEParser().parse(data)
        let decoded = try parsed.parts[1].decodedBody()

        #expect(parsed.parts[1].contentTransferEncoding == .base64)
        #expect(decoded.count == payload.count)
        #expect(decoded == payload)
        #expect(parsed.parts[1].rawBytes?.count == attachment.serialized().count)
        #expect(parsed.serialized() == data)
    }

    @Test func largeLFMessageSerializesInCanonicalForm() throws {
        let lines = String(repeating: String(repeating: "x", count: 70) + "\n", count: 100_000)
        let message = try MIMEParser().parse(Data(("Subject: lines\n\n" + lines).utf8))
        let canonical = message.serialized()

        #expect(canonical.count == 16 + 2 + lines.utf8.count + 100_000)
        #expect(LineEndings.isCanonical(canonical))
    }
}
