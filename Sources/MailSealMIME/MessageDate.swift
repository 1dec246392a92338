import Foundation

/// The date-time of RFC 5322 s3.3, as in the Date field.
public enum MessageDate {
    static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` as `Tue, 12 Nov 2013 09:12:42 -0500`, in `timeZone`.
    public static func rfc5322(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents(
            [.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date) / 60
        let sign = offset < 0 ? "-" : "+"
        func two(_ value: Int?) -> String {
            let number = value ?? 0
            return number < 10 ? "0\(number)" : "\(number)"
        }
        let zone = sign + two(abs(offset) / 60) + two(abs(offset) % 60)
        let day = dayNames[(parts.weekday ?? 1) - 1]
        let month = monthNames[(parts.month ?? 1) - 1]
        return "\(day), \(parts.day ?? 1) \(month) \(parts.year ?? 1970) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) \(zone)"
    }

    /// Reads a date-time, tolerant of the obsolete forms of RFC 5322 s4.3 and of what
    /// mailers send: no day name, two-digit years, no seconds, named and military zones
    /// (unknown ones read as +0000), comments, missing commas, and asctime's order.
    public static func parse(_ text: String) -> Date? {
        var tokens = DateTokens(text)
        return tokens.date()
    }
}
