import Foundation

/// How the outer packets of a message protect it, as far as MailSeal checks it itself.
enum OpenPGPEncryptionFormat: Equatable {
    /// A SEIPD version 1 packet (RFC 4880 s5.13): encrypted with an MDC.
    case integrityProtected
    /// A Symmetrically Encrypted Data packet (RFC 4880 s5.7): no integrity protection.
    case noIntegrityProtection
    /// The packets could not be read here; GnuPG alone decides.
    case unknown
}

extension OpenPGPContext {
    /// Looks at the packet headers before GnuPG does, to name what GnuPG 2.2 cannot read.
    /// - Throws: `.unsupportedMessageFormat` naming the packets and versions;
    ///   `.notEncrypted` when the data starts with a packet no encrypted message starts with.
    static func encryptionFormat(of message: Data) throws -> OpenPGPEncryptionFormat {
        let dataPackets = OpenPGPPacketScan.dataPackets
        guard let scan = OpenPGPPacketScan(message) else { return .unknown }
        let packets = scan.packets.filter { $0.tag != 10 }  // Marker packets carry nothing.

        // The encrypted data packet first: its version decides the format.
        let unsupported = (packets.filter { dataPackets.contains($0.tag) }
            + packets.filter { !dataPackets.contains($0.tag) }).compactMap(unsupportedPacket)
        if !unsupported.isEmpty {
            throw OpenPGPError(
                .unsupportedMessageFormat,
                "unsupported message format: " + unsupported.joined(separator: ", with ")
                    + "; GnuPG 2.2 reads only SEIPD version 1 messages, so nothing was"
                    + " decrypted",
                function: "decrypt")
        }

        if let tag = scan.truncatedTag {
            throw OpenPGPError(
                .malformedData,
                "the message is truncated: its \(packetName(tag)) ends before its declared"
                    + " length, so nothing was decrypted",
                function: "decrypt")
        }
        if let first = packets.first, ![1, 3, 9, 18].contains(first.tag) {
            throw OpenPGPError(
                .notEncrypted,
                "the data is not an encrypted OpenPGP message: it starts with a "
                    + packetName(first.tag),
                function: "decrypt")
        }
        if packets.contains(where: { $0.tag == 9 }) { return .noIntegrityProtection }
        return packets.contains(where: { $0.tag == 18 }) ? .integrityProtected : .unknown
    }

    /// The description of a packet GnuPG 2.2 cannot process, or nil.
    private static func unsupportedPacket(_ packet: OpenPGPPacketScan.Packet) -> String? {
        let version = packet.version.map(String.init) ?? "unknown"
        switch (packet.tag, packet.version) {
        case (18, 2):
            return "SEIPD version 2 (RFC 9580 s5.13.2, AEAD)"
        case (18, let found) where found != 1:
            return "SEIPD version \(version)"
        case (20, _):
            return "OCB Encrypted Data packet (tag 20, LibrePGP AEAD)"
        case (1, let found) where found != 3:
            return "PKESK version \(version) (RFC 9580 s5.1)"
        case (3, let found) where found != 4:
            return "SKESK version \(version) (RFC 9580 s5.3)"
        default:
            return nil
        }
    }

    /// Packet names from RFC 9580 s5, for messages about unexpected input.
    private static func packetName(_ tag: Int) -> String {
        let names = [
            1: "Public-Key Encrypted Session Key", 3: "Symmetric-Key Encrypted Session Key",
            9: "Symmetrically Encrypted Data",
            18: "Symmetrically Encrypted Integrity Protected Data",
            2: "Signature", 4: "One-Pass Signature", 5: "Secret-Key", 6: "Public-Key",
            7: "Secret-Subkey", 8: "Compressed Data", 11: "Literal Data", 13: "User ID",
            14: "Public-Subkey",
        ]
        return "\(names[tag] ?? "tag \(tag)") packet"
    }
}
