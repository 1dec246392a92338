/// One option a command accepts.
struct OptionSpec {
    enum Kind {
        /// `--json`: present or not.
        case flag
        /// `--from ADDR`: one value; given twice is a usage error.
        case single
        /// `--to ADDR`: may be given again.
        case repeated
    }

    var name: String
    var kind: Kind
    var valueName: String = "VALUE"
    var help: String
}

/// The command line of one command, split into options and operands.
struct ArgumentList {
    private(set) var flags: Set<String> = []
    private(set) var values: [String: [String]] = [:]
    private(set) var operands: [String] = []

    /// Splits `arguments` by `specs`; `--name=value` and `--name value` both work, and
    /// `--` ends the options. A lone `-` is an operand (standard input).
    init(_ arguments: [String], specs: [OptionSpec]) throws {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "-h" {
                flags.insert("help")
                continue
            }
            if argument == "--" {
                operands.append(contentsOf: remaining)
                break
            }
            guard argument.hasPrefix("--") else {
                if argument.hasPrefix("-"), argument != "-", argument != "-o" {
                    throw ToolError(.usage, "unknown option '\(argument)'")
                }
                if argument == "-o" {
                    try take("-o", inline: nil, specs: specs, from: &remaining)
                } else {
                    operands.append(argument)
                }
                continue
            }
            let body = argument.dropFirst(2)
            let parts = body.split(separator: "=", maxSplits: 1)
            let name = "--" + (parts.first.map(String.init) ?? "")
            try take(name, inline: parts.count == 2 ? String(parts[1]) : nil,
                     specs: specs, from: &remaining)
        }
    }

    private mutating func take(
        _ name: String, inline: String?, specs: [OptionSpec],
        from remaining: inout ArraySlice<String>
    ) throws {
        let canonical = name == "-o" ? "--output" : name
        guard let spec = specs.first(where: { "--" + $0.name == canonical }) else {
            throw ToolError(.usage, "unknown option '\(name)'")
        }
        switch spec.kind {
        case .flag:
            guard inline == nil else {
                throw ToolError(.usage, "option '\(name)' takes no value")
            }
            flags.insert(spec.name)
        case .single, .repeated:
            guard let value = inline ?? remaining.popFirst() else {
                throw ToolError(.usage, "option '\(name)' needs a value (\(spec.valueName))")
            }
            if spec.kind == .single, values[spec.name] != nil {
                throw ToolError(.usage, "option '\(name)' is given more than once")
            }
            values[spec.name, default: []].append(value)
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func value(_ name: String) -> String? { values[name]?.last }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The one input operand (a file or `-`), or nil for standard input.
    func singleInput() throws -> String? {
        guard operands.count <= 1 else {
            throw ToolError(.usage, "expected at most one input file, got \(operands.count)")
        }
        return operands.first
    }
}
