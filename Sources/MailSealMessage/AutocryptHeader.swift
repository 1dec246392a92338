import Foundation
import MailSealMIME

/// The `Autocrypt` header field of a received message (Autocrypt Level 1, section 2.1):
/// the sender's address, its encryption preference and its OpenPGP key.
public struct AutocryptHeader: Sendable, Equatable {
    /// The `prefer-encrypt` attribute; anything but `mutual` means no preference.
    public enum Preference: String, Sendable {
        case mutual
        case noPreference = "nopreference"
    }

    /// The `addr` attribute, lower-cased.
    public var address: String
    public var preference: Preference
    /// The `keydata` attribute decoded: a transferable public key, binary.
    public var keyData: Data

    /// Parses one field value; nil when it is not a valid Autocrypt header.
    ///
    /// Attributes are `name=value` separated by `;`. `addr` and `keydata` are required;
    /// a name starting with `_` is optional and ignored; any other unknown name, a
    /// repeated name, or keydata that is not base64 makes the whole header invalid.
    public init?(value: String) {
        var attributes: [String: String] = [:]
        for item in value.split(separator: ";", omittingEmptySubsequences: true) {
            let text = item.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            guard let equals = text.firstIndex(of: "=") else { return nil }
            let name = text[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let content = text[text.index(after: equals)...]
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard attributes[name] == nil else { return nil }
            attributes[name] = content
        }

        for name in attributes.keys where !name.hasPrefix("_") {
            guard Self.knownAttributes.contains(name) else { return nil }
        }
        guard let address = attributes["addr"], Self.isAddress(address),
              let keyText = attributes["keydata"],
              let keyData = Self.decodeKeyData(keyText) else { return nil }
        self.address = address.lowercased()
        preference = attributes["prefer-encrypt"]?.lowercased() == "mutual"
            ? .mutual : .noPreference
        self.keyData = keyData
    }

    /// The one valid Autocrypt header of `header` for `fromAddress`, if there is exactly
    /// one: several, or none, count as none (Autocrypt Level 1, section 2.1).
    public static func select(from header: Header, fromAddress: String?) -> AutocryptHeader? {
        guard let from = fromAddress?.lowercased() else { return nil }
        let valid = header.values("Autocrypt")
            .compactMap(AutocryptHeader.init(value:))
            .filter { $0.address == from }
        return valid.count == 1 ? valid.first : nil
    }

    // MARK: - Attributes

    private static let knownAttributes: Set<String> = ["addr", "prefer-encrypt", "keydata"]

    /// A bare addr-spec: one `@`, something on each side, no spaces or angle brackets.
    private static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }

    /// Base64 with any folding whitespace removed; strict, so garbage is refused.
    private static func decodeKeyData(_ text: String) -> Data? {
        let compact = text.filter { !$0.isWhitespace }
        guard !compact.isEmpty,
              let data = try? Base64.decode(Data(compact.utf8), strict: true),
              !data.isEmpty else { return nil }
        return data
    }
}
