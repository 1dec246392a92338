import Foundation

extension DeliveryPolicy {
    /// Reads the policy file at `url` (format in docs/policy.md).
    ///
    /// - Throws: `DeliveryError` `.policyUnreadable` when the file cannot be read,
    ///   `.policyInvalid` naming the line and the problem otherwise. Nothing of a
    ///   refused file is applied.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path)
                ? "cannot read the policy file" : "no such policy file"
            throw DeliveryError(.policyUnreadable, "\(url.path): \(reason)")
        }
        try self.init(json: data, source: url.path)
    }

    /// Reads a policy from JSON text; `source` names it in errors.
    public init(json data: Data, source: String = "policy") throws {
        let decoder = PolicyDecoder(source: source)
        let root: PolicyJSON
        do {
            root = try PolicyJSONReader.parse(data)
        } catch let failure as PolicyJSONReader.Failure {
            throw decoder.error(
                "not valid JSON: \(failure.reason) (column \(failure.column))", line: failure.line)
        }
        self = try decoder.policy(from: root)
    }
}

/// Turns the JSON tree into a policy, checking every key and value.
private struct PolicyDecoder {
    let source: String

    private static let topKeys = [
        "version", "methods", "tlsMinimum", "allowDiscoveredKeys", "sensitive",
        "domains", "addresses",
    ]
    private static let overrideKeys = ["method", "methods", "tlsMinimum", "allowDiscoveredKeys"]

    func policy(from root: PolicyJSON) throws -> DeliveryPolicy {
        let members = try object(root, "the policy")
        var policy = DeliveryPolicy()
        for member in members {
            let value = member.value
            switch member.key {
            case "version":
                guard case .number(1) = value.kind else {
                    throw error("\"version\" must be 1", line: value.line)
                }
            case "methods": policy.methods = try methods(value, "\"methods\"")
            case "tlsMinimum": policy.tlsMinimum = try level(value, "\"tlsMinimum\"")
            case "allowDiscoveredKeys":
                policy.allowDiscoveredKeys = try bool(value, "\"allowDiscoveredKeys\"")
            case "sensitive": policy.sensitiveTLSMinimum = try sensitive(value)
            case "domains":
                policy.domains = try overrides(value, "\"domains\"", key: domainKey)
            case "addresses":
                policy.addresses = try overrides(value, "\"addresses\"", key: addressKey)
            default:
                throw unknownKey(member, in: "the policy", expected: Self.topKeys)
            }
        }
        return policy
    }

    // MARK: - Sections

    private func sensitive(_ value: PolicyJSON) throws -> TLSLevel {
        var minimum = TLSLevel.enforced
        for member in try object(value, "\"sensitive\"") {
            guard member.key == "tlsMinimum" else {
                throw unknownKey(member, in: "\"sensitive\"", expected: ["tlsMinimum"])
            }
            minimum = try level(member.value, "\"sensitive\".\"tlsMinimum\"")
            guard minimum >= .verified else {
                throw error(
                    "\"sensitive\".\"tlsMinimum\" must be verified or enforced: opportunistic "
                        + "TLS is never enough for a sensitive message", line: member.value.line)
            }
        }
        return minimum
    }

    private func overrides(
        _ value: PolicyJSON, _ name: String, key check: (String, Int) throws -> String
    ) throws -> [String: DeliveryPolicy.Override] {
        var result: [String: DeliveryPolicy.Override] = [:]
        for member in try object(value, name) {
            let key = try check(member.key, member.line)
            guard result[key] == nil else {
                throw error("\(name) names \"\(key)\" twice", line: member.line)
            }
            result[key] = try override(member.value, "\(name) \"\(member.key)\"")
        }
        return result
    }

    private func override(_ value: PolicyJSON, _ name: String) throws -> DeliveryPolicy.Override {
        var override = DeliveryPolicy.Override()
        let members = try object(value, name)
        if members.contains(where: { $0.key == "method" }),
           let both = members.first(where: { $0.key == "methods" }) {
            throw error("\(name) gives both \"method\" and \"methods\"", line: both.line)
        }
        for member in members {
            switch member.key {
            case "method": override.methods = [try method(member.value, "\(name) \"method\"")]
            case "methods": override.methods = try methods(member.value, "\(name) \"methods\"")
            case "tlsMinimum":
                override.tlsMinimum = try level(member.value, "\(name) \"tlsMinimum\"")
            case "allowDiscoveredKeys":
                override.allowDiscoveredKeys = try bool(
                    member.value, "\(name) \"allowDiscoveredKeys\"")
            default:
                throw unknownKey(member, in: name, expected: Self.overrideKeys)
            }
        }
        return override
    }

    // MARK: - Values

    private func methods(_ value: PolicyJSON, _ name: String) throws -> [DeliveryMethod] {
        guard case .array(let elements) = value.kind else {
            throw error(
                "\(name) must be an array of methods, not \(value.kindName)", line: value.line)
        }
        guard !elements.isEmpty else { throw error("\(name) is empty", line: value.line) }
        var result: [DeliveryMethod] = []
        for element in elements {
            let method = try method(element, name)
            guard !result.contains(method) else {
                throw error("\(name) lists \(method.rawValue) twice", line: element.line)
            }
            result.append(method)
        }
        return result
    }

    private func method(_ value: PolicyJSON, _ name: String) throws -> DeliveryMethod {
        let text = try string(value, name)
        guard let method = DeliveryMethod(rawValue: text) else {
            throw error(
                "unknown delivery method \"\(text)\" in \(name); expected smime, pgp, tls "
                    + "or portal", line: value.line)
        }
        return method
    }

    private func level(_ value: PolicyJSON, _ name: String) throws -> TLSLevel {
        let text = try string(value, name)
        guard let level = TLSLevel(rawValue: text), level != .none else {
            throw error(
                "unknown TLS level \"\(text)\" in \(name); expected opportunistic, verified "
                    + "or enforced", line: value.line)
        }
        return level
    }

    private func domainKey(_ key: String, line: Int) throws -> String {
        let name = key.lowercased()
        let bare = name.hasPrefix(".") ? String(name.dropFirst()) : name
        let labels = bare.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !bare.isEmpty && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        guard valid else { throw error("\"\(key)\" is not a domain name", line: line) }
        return name
    }

    private func addressKey(_ key: String, line: Int) throws -> String {
        let parts = key.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !key.contains(" ") else {
            throw error("\"\(key)\" is not an email address", line: line)
        }
        _ = try domainKey(String(parts[1]), line: line)
        return key.lowercased()
    }

    private func object(_ value: PolicyJSON, _ name: String) throws -> [PolicyJSON.Member] {
        guard case .object(let members) = value.kind else {
            throw error("\(name) must be an object, not \(value.kindName)", line: value.line)
        }
        return members
    }

    private func string(_ value: PolicyJSON, _ name: String) throws -> String {
        guard case .string(let text) = value.kind else {
            throw error("\(name) must be a string, not \(value.kindName)", line: value.line)
        }
        return text
    }

    private func bool(_ value: PolicyJSON, _ name: String) throws -> Bool {
        guard case .bool(let flag) = value.kind else {
            throw error("\(name) must be true or false, not \(value.kindName)", line: value.line)
        }
        return flag
    }

    private func unknownKey(
        _ member: PolicyJSON.Member, in name: String, expected: [String]
    ) -> DeliveryError {
        error("unknown key \"\(member.key)\" in \(name); expected one of "
                + expected.joined(separator: ", "), line: member.line)
    }

    func error(_ reason: String, line: Int) -> DeliveryError {
        DeliveryError(.policyInvalid, "\(source):\(line): \(reason)")
    }
}
