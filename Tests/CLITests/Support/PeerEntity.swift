import Foundation

/// An RFC 5322 message around one MIME entity, as a peer would write it before
/// encrypting or signing: CRLF line ends, 7-bit text.
enum PeerEntity {
    static func text(_ body: String, subject: String) -> Data {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        return Data(("Content-Type: text/plain; charset=us-ascii\r\n"
            + "Content-Transfer-Encoding: 7bit\r\n"
            + "Subject: \(subject)\r\n\r\n" + lines.joined(separator: "\r\n")).utf8)
    }
}
