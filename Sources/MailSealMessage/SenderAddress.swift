import MailSealMIME

/// The one address a message claims to be from, or why there is none to trust.
///
/// A signature is compared with this address, so anything ambiguous counts as no
/// sender: several From fields, several addresses, or a value that smuggles control
/// characters or a second angle address (`Alice <alice@example.org> <mallory@...>`).
enum SenderAddress {
    static func of(_ header: Header) -> (address: String?, problem: String?) {
        let values = header.values("From")
        guard values.count == 1, let value = values.first else {
            return (nil, values.isEmpty ? nil
                : "the message has \(values.count) From fields; none is taken as the sender")
        }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) {
            return (nil, "the From field holds control characters; it is not trusted")
        }
        if angleAddressCount(value) > 1 {
            return (nil, "the From field holds more than one angle address; it is not trusted")
        }
        let addresses = MailAddress.parseList(value)
        guard addresses.count == 1, let address = addresses.first else {
            return (nil, "the From field names \(addresses.count) addresses, not one sender")
        }
        return (address.address.lowercased(), nil)
    }

    /// How many `<` open an angle address outside quoted strings and comments.
    private static func angleAddressCount(_ value: String) -> Int {
        var count = 0, inQuotes = false, commentDepth = 0, escaped = false
        for character in value {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"" where commentDepth == 0: inQuotes.toggle()
            case "(" where !inQuotes: commentDepth += 1
            case ")" where !inQuotes && commentDepth > 0: commentDepth -= 1
            case "<" where !inQuotes && commentDepth == 0: count += 1
            default: break
            }
        }
        return count
    }
}
