import Foundation

/// The one JSON form every `--json` prints: pretty, keys sorted, ISO 8601 dates.
enum JSONOutput {
    /// `value` as JSON text, ending with a line feed.
    static func text<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
