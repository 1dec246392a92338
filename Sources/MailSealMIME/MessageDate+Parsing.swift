import Foundation

/// The pieces of a date-time, found by their shape rather than their position.
struct DateTokens {
    private var words: [String]

    init(_ text: String) {
        var scanner = StructuredScanner(text)
        var pieces: [String] = []
        while true {
            scanner.skipCFWS()
            guard let byte = scanner.peek() else { break }
            if byte == 0x2C {
                scanner.index += 1
                continue
            }
            if let word = scanner.readAtom(until: { $0 == 0x2C }) {
                pieces.append(word)
            } else {
                scanner.index += 1
            }
        }
        words = pieces
    }

    /// RFC 5322 s4.3 zone names; "UT" and "GMT" are +0000.
    private static let zones: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -300, "EDT": -240, "CST": -360,
        "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
        "CET": 60, "MET": 60, "CEST": 120, "MEST": 120, "BST": 60, "JST": 540,
    ]

    mutating func date() -> Date? {
        var day: Int?, month: Int?, year: Int?, zone = 0
        var time: (Int, Int, Int)?
        for word in words {
            let upper = word.uppercased()
            if word.contains(":"), time == nil, let parsed = Self.time(word) {
                time = parsed
            } else if let index = MessageDate.monthNames.firstIndex(where: {
                upper.hasPrefix($0.uppercased())
            }), month == nil {
                month = index + 1
            } else if word.hasPrefix("+") || word.hasPrefix("-"), let offset = Self.offset(word) {
                zone = offset
            } else if let number = Int(word) {
                if day == nil, word.count <= 2, number >= 1, number <= 31 {
                    day = number
                } else if year == nil {
                    year = Self.fullYear(number, digits: word.count)
                }
            } else if let named = Self.zones[upper] {
                zone = named
            }
        }
        guard let day, let month, let year else { return nil }
        let (hour, minute, second) = time ?? (0, 0, 0)
        var parts = DateComponents()
        (parts.year, parts.month, parts.day) = (year, month, day)
        (parts.hour, parts.minute, parts.second) = (hour, minute, min(second, 59))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        guard let utc = calendar.date(from: parts) else { return nil }
        return utc.addingTimeInterval(TimeInterval(-zone * 60))
    }

    private static func time(_ word: String) -> (Int, Int, Int)? {
        let pieces = word.split(separator: ":").map { Int($0) }
        let numbers = pieces.compactMap { $0 }
        guard numbers.count == pieces.count, (2...3).contains(numbers.count) else { return nil }
        let hour = numbers[0], minute = numbers[1], second = numbers.count == 3 ? numbers[2] : 0
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else {
            return nil
        }
        return (hour, minute, second)
    }

    /// `+hhmm`, `-hhmm` or `+hh:mm`, in minutes east of UTC.
    private static func offset(_ word: String) -> Int? {
        let digits = word.dropFirst().filter { $0 != ":" }
        guard digits.count == 4, let value = Int(digits) else { return nil }
        let minutes = value / 100 * 60 + value % 100
        return word.hasPrefix("-") ? -minutes : minutes
    }

    /// RFC 5322 s4.3: two digits are 19xx from 50, 20xx below; three digits add 1900.
    private static func fullYear(_ number: Int, digits: Int) -> Int {
        switch digits {
        case 1, 2: return number < 50 ? 2000 + number : 1900 + number
        case 3: return 1900 + number
        default: return number
        }
    }
}
