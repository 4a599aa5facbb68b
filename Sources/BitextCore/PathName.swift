/// File names that come from data (a document name in a manifest, an XLIFF `original`): they may
/// name a file inside a folder, never a way out of it.
public enum PathName {
    /// Whether `name` is one plain path component: not empty, not `.` or `..`, without `/`, `\` or NUL.
    public static func isPlain(_ name: String) -> Bool {
        guard !name.isEmpty, name != ".", name != ".." else { return false }
        return !name.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 }
    }
}
