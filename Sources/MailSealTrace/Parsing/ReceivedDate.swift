import Foundation

/// Reads the date-time of a Received field: RFC 5322 s3.3 and the obsolete forms of s4.3.
///
/// Accepted: an optional day name, day, month name, two- to four-digit year, `hh:mm` or
/// `hh:mm:ss`, and a zone: `+hhmm`/`-hhmm`, `UT`, `GMT`, the North American names and
/// the military letters. Anything else (asctime order, numeric months, a missing
/// zone) is refused rather than guessed at. `MessageDate.parse` in MailSealMIME reads
/// those too, assuming what is missing, which suits showing a Date field but not a
/// trace, whose times and delays must be what the servers wrote or nothing.
struct ReceivedDate: Equatable {
    var date: Date
    /// Set when the zone was a name RFC 5322 s4.3 says to read as `-0000` (UTC with no
    /// stated offset): the military letters other than `Z`, and names it does not define.
    var zoneTreatedAsUTC: String?

    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    private static let dayNames: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// The obsolete zone names of RFC 5322 s4.3, in minutes east of UTC.
    private static let zoneNames: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
        "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
        "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    ]

    /// Parses `text`, or returns nil when it is not an RFC 5322 date-time.
    init?(_ text: String) {
        var parts = text.replacingOccurrences(of: ",", with: " , ")
            .split(whereSeparator: \.isWhitespace).map(String.init)[...]

        if let first = parts.first, Self.dayNames.contains(first.lowercased()) {
            parts.removeFirst()
            guard parts.popFirst() == "," else { return nil }
        }
        var fields = Array(parts)
        // "+0100 CET": a zone name after the numeric zone repeats it; the number rules.
        if fields.count == 6, fields[5].allSatisfy(\.isLetter),
           fields[4].first == "+" || fields[4].first == "-" {
            fields.removeLast()
        }
        guard fields.count == 5 || fields.count == 4 else { return nil }

        guard let day = Int(fields[0]), fields[0].count <= 2, (1...31).contains(day),
              let monthIndex = Self.monthNames.firstIndex(of: fields[1].lowercased()),
              let year = Self.year(fields[2]),
              let time = Self.time(fields[3])
        else { return nil }
        guard day <= Self.daysIn(month: monthIndex + 1, year: year) else { return nil }

        // A date with no zone at all is not RFC 5322; refuse it rather than assume UTC.
        guard fields.count == 5, let zone = Self.zone(fields[4]) else { return nil }
        zoneTreatedAsUTC = zone.treatedAsUTC ? fields[4] : nil

        let days = Self.daysFromCivil(year: year, month: monthIndex + 1, day: day)
        let local = days * 86_400 + time.hour * 3_600 + time.minute * 60 + time.second
        date = Date(timeIntervalSince1970: TimeInterval(local - zone.minutesEast * 60))
    }

    // MARK: - Fields

    /// RFC 5322 s4.3: a two-digit year below 50 is 20xx, otherwise 19xx; three digits
    /// add 1900.
    private static func year(_ text: String) -> Int? {
        guard text.allSatisfy(\.isASCIIDigit), (2...4).contains(text.count),
              let value = Int(text) else { return nil }
        switch text.count {
        case 2: return value < 50 ? 2000 + value : 1900 + value
        case 3: return 1900 + value
        default: return value
        }
    }

    private static func time(_ text: String) -> (hour: Int, minute: Int, second: Int)? {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count == 2 || pieces.count == 3,
              pieces.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        let numbers = pieces.compactMap { Int($0) }
        let second = numbers.count == 3 ? numbers[2] : 0
        // 60 is a leap second (RFC 5322 s3.3).
        guard numbers[0] < 24, numbers[1] < 60, second <= 60 else { return nil }
        return (numbers[0], numbers[1], second)
    }

    private static func zone(_ text: String) -> (minutesEast: Int, treatedAsUTC: Bool)? {
        if let sign = text.first, sign == "+" || sign == "-" {
            let digits = text.dropFirst()
            guard digits.count == 4, digits.allSatisfy(\.isASCIIDigit),
                  let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)),
                  minutes < 60 else { return nil }
            let east = hours * 60 + minutes
            return (sign == "-" ? -east : east, false)
        }
        guard text.allSatisfy(\.isLetter) else { return nil }
        if let minutes = zoneNames[text.uppercased()] { return (minutes, false) }
        // Military letters and unknown names: RFC 5322 s4.3 says read them as -0000.
        guard (1...5).contains(text.count) else { return nil }
        return (0, true)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
