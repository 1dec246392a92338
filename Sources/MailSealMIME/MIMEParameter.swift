/// One parameter of a Content-Type or Content-Disposition (RFC 2045 s5.1): its name in
/// lower case, its value decoded from quoting and from RFC 2231.
public struct MIMEParameter: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = ASCII.lowercased(name)
        self.value = value
    }
}

extension Array where Element == MIMEParameter {
    /// The value of the parameter called `name` (any case), or nil.
    func value(named name: String) -> String? {
        first { ASCII.equalsIgnoringCase($0.name, name) }?.value
    }

    /// Sets, replaces in place, or (with nil) removes the parameter called `name`.
    mutating func setValue(_ value: String?, named name: String) {
        guard let value else {
            removeAll { ASCII.equalsIgnoringCase($0.name, name) }
            return
        }
        if let index = firstIndex(where: { ASCII.equalsIgnoringCase($0.name, name) }) {
            self[index].value = value
            self = enumerated().filter {
                $0.offset <= index || !ASCII.equalsIgnoringCase($0.element.name, name)
            }.map(\.element)
        } else {
            append(MIMEParameter(name, value))
        }
    }
}
