import Foundation
import TestSupport

/// The shared public vectors the MIME tests read in place.
enum Vectors {
    static let mimetools = ProjectPaths.vectors.appendingPathComponent("mime/mimetools")
    static let mimekit = ProjectPaths.vectors.appendingPathComponent("mime/mimekit")

    /// The names of the MIME-tools messages (`NAME.msg`), sorted.
    static let mimetoolsNames: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: mimetools.path)) ?? []
        return files.filter { $0.hasSuffix(".msg") }.map { String($0.dropLast(4)) }.sorted()
    }()

    static func mimetoolsMessage(_ name: String) throws -> Data {
        try Data(contentsOf: mimetools.appendingPathComponent("\(name).msg"))
    }

    static func mimekitMessage(_ file: String) throws -> Data {
        try Data(contentsOf: mimekit.appendingPathComponent(file))
    }

    /// The expected leaves of `name`, from `NAME_decoded.xml`: part number ("1.2.1") and
    /// the file holding its decoded body, in document order.
    static func expectedLeaves(_ name: String) throws -> [(number: String, file: URL)] {
        let xml = try String(
            contentsOf: mimetools.appendingPathComponent("\(name)_decoded.xml"), encoding: .utf8)
        let escaped = NSRegularExpression.escapedPattern(for: name)
        let pattern = try NSRegularExpression(
            pattern: "<(?:text|binary)-body name=\"\(escaped)_decoded_([0-9_]+)\\.(txt|bin)\"")
        let range = NSRange(xml.startIndex..., in: xml)
        return pattern.matches(in: xml, range: range).map { match in
            let number = String(xml[Range(match.range(at: 1), in: xml)!])
            let suffix = String(xml[Range(match.range(at: 2), in: xml)!])
            let file = mimetools.appendingPathComponent("\(name)_decoded_\(number).\(suffix)")
            return (number.replacingOccurrences(of: "_", with: "."), file)
        }
    }
}
