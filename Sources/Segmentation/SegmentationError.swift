import BitextCore

/// Why segmentation could not run: unreadable input, bad UTF-8, or broken locale data.
public enum SegmentationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input file is missing or unreadable.
    case unreadableInput(path: String, reason: String)
    /// The input is not valid UTF-8.
    case invalidUTF8(SourceLocation)
    /// A rule or list file in `Locales/` is malformed.
    case badLocaleData(SourceLocation, String)
    /// The `Locales/` directory was not found.
    case localesNotFound(searched: [String])
    /// The language tag is not well-formed BCP 47.
    case badLanguageTag(String)

    public var description: String {
        switch self {
        case let .unreadableInput(path, reason):
            return "\(path): error: cannot read input: \(reason)"
        case let .invalidUTF8(location):
            return "\(location): error: invalid UTF-8"
        case let .badLocaleData(location, message):
            return "\(location): error: \(message)"
        case let .localesNotFound(searched):
            return "error: cannot find the Locales directory (looked in \(searched.joined(separator: ", "))); pass --locales DIR or set BITEXT_LOCALES"
        case let .badLanguageTag(tag):
            return "error: '\(tag)' is not a well-formed BCP 47 language tag"
        }
    }
}
