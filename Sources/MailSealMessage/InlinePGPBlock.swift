import Foundation

/// An ASCII-armored OpenPGP block inside a text body (RFC 9580 s6.2 and s7).
struct InlinePGPBlock {
    enum Kind {
        /// `-----BEGIN PGP MESSAGE-----`: encrypted or signed data.
        case message
        /// `-----BEGIN PGP SIGNED MESSAGE-----`: a cleartext signature.
        case signedMessage
    }

    var kind: Kind
    /// The block, from its first armor line through its last.
    var bytes: Data
    var range: Range<Data.Index>
    /// Whether only whitespace surrounds the block in the body.
    var isWholeBody: Bool

    private static let markers: [(Kind, begin: String, end: String)] = [
        (.signedMessage, "-----BEGIN PGP SIGNED MESSAGE-----", "-----END PGP SIGNATURE-----"),
        (.message, "-----BEGIN PGP MESSAGE-----", "-----END PGP MESSAGE-----"),
    ]

    /// The first armored block in `body` whose begin line starts a line, if any.
    static func find(in body: Data) -> InlinePGPBlock? {
        for (kind, begin, end) in markers {
            guard let start = lineStart(of: Data(begin.utf8), in: body),
                  let endMarker = body.range(of: Data(end.utf8), in: start..<body.endIndex)
            else { continue }
            var stop = endMarker.upperBound
            while stop < body.endIndex, body[stop] == 0x0D || body[stop] == 0x0A {
                stop += 1
                if body[stop - 1] == 0x0A { break }
            }
            let range = start..<stop
            let outside = body[body.startIndex..<start] + body[stop..<body.endIndex]
            let isWhole = outside.allSatisfy { [0x20, 0x09, 0x0D, 0x0A].contains($0) }
            return InlinePGPBlock(
                kind: kind, bytes: Data(body[range]), range: range, isWholeBody: isWhole)
        }
        return nil
    }

    /// `body` with the block replaced by `plaintext`.
    func replacing(in body: Data, with plaintext: Data) -> Data {
        var result = Data(body[body.startIndex..<range.lowerBound])
        result.append(plaintext)
        result.append(body[range.upperBound..<body.endIndex])
        return result
    }

    private static func lineStart(of marker: Data, in body: Data) -> Data.Index? {
        var searchFrom = body.startIndex
        while let found = body.range(of: marker, in: searchFrom..<body.endIndex) {
            if found.lowerBound == body.startIndex || body[found.lowerBound - 1] == 0x0A {
                return found.lowerBound
            }
            searchFrom = found.upperBound
        }
        return nil
    }
}
