internal import COpenSSL
import Foundation

/// The names of the Web Key Directory (draft-koch-openpgp-webkey-service s3.1).
public enum WKDHash {
    /// The hashed local part: SHA-1 of the local part with ASCII letters lowercased,
    /// in z-base-32; always 32 characters.
    public static func hash(localPart: String) -> String {
        let lowered = localPart.unicodeScalars.map { scalar in
            ("A"..."Z").contains(scalar) ? Character(scalar).lowercased() : String(scalar)
        }.joined()
        let bytes = Array(lowered.utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        _ = SHA1(bytes, bytes.count, &digest)
        return zBase32(digest)
    }

    /// z-base-32 (draft-koch s3.1 refers to it): 5 bits a character, from an alphabet made
    /// to be easy to read aloud, no padding.
    public static func zBase32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ybndrfg8ejkmcpqxot1uwisza345h769")
        var text = ""
        var buffer = 0, bits = 0
        for byte in bytes {
            buffer = buffer << 8 | Int(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                text.append(alphabet[(buffer >> bits) & 0x1F])
            }
        }
        if bits > 0 { text.append(alphabet[(buffer << (5 - bits)) & 0x1F]) }
        return text
    }

    /// The advanced and direct URLs for `address`, in the order they are tried.
    static func urls(for address: MailAddress) -> [(WKDClient.Method, String)] {
        let hash = hash(localPart: address.localPart)
        let local = address.localPart.addingPercentEncoding(withAllowedCharacters: unreserved)
            ?? address.localPart
        let domain = address.domain
        return [
            (.advanced, "https://openpgpkey.\(domain)/.well-known/openpgpkey/\(domain)"
                + "/hu/\(hash)?l=\(local)"),
            (.direct, "https://\(domain)/.well-known/openpgpkey/hu/\(hash)?l=\(local)"),
        ]
    }

    /// RFC 3986 s2.3 unreserved characters: everything else in `l=` is percent-encoded.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
