import Foundation

/// Choosing a multipart boundary that cannot occur in what it delimits (RFC 2046 s5.1.1).
enum MultipartBoundary {
    /// "=_" cannot start a line of base64 and is not a quoted-printable escape, so such a
    /// boundary cannot turn up in encoded content by chance; the check below makes sure.
    static func random() -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        let tail = (0..<24).map { _ in letters[Int(generator.next() % UInt64(letters.count))] }
        return "=_MailSeal_" + String(tail)
    }

    /// `preferred` when it is valid and occurs nowhere in `parts`, else a fresh random one
    /// that occurs nowhere either.
    static func choose(preferred: String?, for parts: [MIMEEntity]) -> String {
        var candidate = preferred.flatMap { isValid($0) ? $0 : nil } ?? random()
        while occurs(candidate, in: parts) { candidate = random() }
        return candidate
    }

    /// RFC 2046 s5.1.1: 1 to 70 characters of `bchars`, not ending in a space.
    static func isValid(_ boundary: String) -> Bool {
        let extra = Set("'()+_,-./:=? ".utf8)
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.last != ASCII.space else { return false }
        return bytes.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
                || (0x61...0x7A).contains(byte) || extra.contains(byte)
        }
    }

    /// Whether "--boundary" occurs anywhere in the bytes the parts will serialize to, or
    /// the boundary and a nested one are prefixes of each other.
    static func occurs(_ boundary: String, in parts: [MIMEEntity]) -> Bool {
        let needle = Array("--\(boundary)".utf8)
        var pending = parts
        while let entity = pending.popLast() {
            if let source = entity.source {
                if contains(source, needle) { return true }
                continue
            }
            if contains(entity.header.serialized(), needle) { return true }
            switch entity.body {
            case .leaf(let bytes):
                if contains(bytes, needle) { return true }
            case .message(let message):
                pending.append(message)
            case .multipart(let multipart):
                let nested = multipart.boundary
                if nested.hasPrefix(boundary) || boundary.hasPrefix(nested)
                    || contains(multipart.preamble, needle)
                    || contains(multipart.epilogue, needle) {
                    return true
                }
                pending.append(contentsOf: multipart.parts)
            }
        }
        return false
    }

    /// A linear search for `needle`, jumping between occurrences of its first byte.
    static func contains(_ data: Data, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, data.count >= needle.count else { return false }
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let last = buffer.count - needle.count
            var offset = 0
            while offset <= last {
                guard let hit = memchr(base + offset, Int32(needle[0]), last - offset + 1) else {
                    return false
                }
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index, needle, needle.count) == 0 { return true }
                offset = index + 1
            }
            return false
        }
    }
}
