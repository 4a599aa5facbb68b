/// `job.json`: what a prepared job holds, so that `merge` can rebuild documents and anyone can
/// see how the job was made.
public struct JobManifest: Codable, Sendable, Equatable {
    public struct Tool: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
    }

    public struct Document: Codable, Sendable, Equatable {
        /// The document's name inside the job (unique), also its file name under `source/`.
        public var name: String
        /// The path it was prepared from.
        public var path: String
        public var sha256: String
        public var bytes: Int
        public var segments: Int
        public var translatableSegments: Int
        public var words: Int
        public var characters: Int
        /// Nil when the document was prepared; otherwise why it failed.
        public var error: String?
    }

    public struct Fingerprint: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var concepts: Int?
        public var terms: Int?
    }

    public struct Settings: Codable, Sendable, Equatable {
        public var formats: [String]
        public var prefillTarget: Bool
        public var reviewPage: Bool
        public var localesSHA256: String
    }

    public var job: String
    public var created: String
    public var tool: Tool
    public var sourceLanguage: String
    public var targetLanguages: [String]
    public var documents: [Document]
    public var glossaries: [Fingerprint]
    /// The translation memory; nil until one is used.
    public var translationMemory: Fingerprint?
    public var settings: Settings
}
