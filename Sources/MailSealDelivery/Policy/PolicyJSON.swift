import Foundation

/// A JSON value with the line and column it starts at, so a policy problem can be
/// pointed at; JSONSerialization keeps no positions.
struct PolicyJSON: Equatable {
    enum Kind: Equatable {
        case object([Member])
        case array([PolicyJSON])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
    }

    struct Member: Equatable {
        var key: String
        var line: Int
        var value: PolicyJSON
    }

    var kind: Kind
    var line: Int
    var column: Int

    /// What the value is, for messages: "a string", "an object".
    var kindName: String {
        switch kind {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "null"
        }
    }
}
