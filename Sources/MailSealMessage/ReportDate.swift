import Foundation

/// Dates as reports and errors show them.
public enum ReportDate {
    /// The calendar day in UTC, `2027-05-01`.
    public static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
