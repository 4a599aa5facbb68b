@_implementationOnly import CICU

/// An error reported by ICU, with the operation that failed.
public struct ICUError: Error, Equatable, Sendable, CustomStringConvertible {
    /// ICU's symbolic error name, such as `U_REGEX_RULE_SYNTAX`.
    public var name: String
    /// ICU's numeric error code.
    public var code: Int32
    /// What Bitext was doing, such as `compiling regular expression`.
    public var operation: String
    /// Extra detail, such as the pattern position of a regex syntax error.
    public var detail: String

    public init(name: String, code: Int32, operation: String, detail: String = "") {
        self.name = name
        self.code = code
        self.operation = operation
        self.detail = detail
    }

    public var description: String {
        detail.isEmpty ? "\(operation): \(name)" : "\(operation): \(name) (\(detail))"
    }
}

extension ICUError {
    init(_ status: UErrorCode, _ operation: String, detail: String = "") {
        self.init(
            name: String(cString: bx_errorName(status)),
            code: Int32(status.rawValue),
            operation: operation,
            detail: detail
        )
    }

    /// Throws when `status` is a failure.
    static func check(_ status: UErrorCode, _ operation: @autoclosure () -> String) throws(ICUError) {
        if bx_failure(status) != 0 { throw ICUError(status, operation()) }
    }
}

/// The ICU library version this build runs against, such as "72.1".
public enum ICUInfo {
    public static var version: String {
        var info: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        withUnsafeMutablePointer(to: &info) {
            $0.withMemoryRebound(to: UInt8.self, capacity: 4) { bx_getVersion($0) }
        }
        return info.2 == 0 ? "\(info.0).\(info.1)" : "\(info.0).\(info.1).\(info.2)"
    }
}
