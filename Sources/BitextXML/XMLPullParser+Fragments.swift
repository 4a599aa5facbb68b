/// What a parser needs to read a stretch of element content of a mapped file on its own: the mapping, and the open
/// elements and namespace bindings in effect where the stretch starts.
package struct XMLFragmentContext: @unchecked Sendable {
    let mapping: MappedFile
    package let sourceName: String
    let openElements: [XMLPullParser.OpenElement]
    let nameStack: [UInt8]
    let prefixes: [String: String]
    let defaultNamespace: String?
    let namespaceUndo: [XMLPullParser.NamespaceUndo]
    let namespaceGeneration: Int
    let rootName: String?

    /// The mapped file.
    package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: mapping.bytes, count: mapping.count) }

    /// The local name of the innermost element open where the stretch starts.
    package var innermostLocalName: String? { openElements.last?.name.localName }

    /// Hands the mapped pages in `start..<offset` back to the kernel; they are read again if touched.
    package func releasePages(from start: Int, upTo offset: Int) { mapping.release(from: start, upTo: offset) }

    /// The number of elements open where the stretch starts.
    package var depth: Int { openElements.count }
}

extension XMLPullParser {
    /// The byte offset just after the last token read.
    package var inputOffset: Int { mutating get { base + pos } }

    /// Whether every byte of the input has been read (a fragment parser is done when this holds).
    package var isAtEndOfInput: Bool { mutating get { pos >= end && atEOF && !pendingEnd } }

    /// The context for parsing fragments that start at `inputOffset`, when the input is a mapped file and the parser
    /// is between tokens inside the root element; nil otherwise.
    package mutating func fragmentContext() -> XMLFragmentContext? {
        guard let mapped, !failed, !pendingEnd, state == .inRoot, !openElements.isEmpty else { return nil }
        return XMLFragmentContext(
            mapping: mapped, sourceName: sourceName, openElements: Array(openElements),
            nameStack: Array(UnsafeBufferPointer(start: nameStack, count: nameStackCount)), prefixes: prefixes,
            defaultNamespace: defaultNamespace, namespaceUndo: namespaceUndo, namespaceGeneration: namespaceGeneration,
            rootName: rootName)
    }

    /// A parser for the bytes `range` of a mapped file, read as element content inside the context's open elements.
    /// The caller checks `isAtEndOfInput` before asking for a token: at the end of the range the parser reports the
    /// context's elements as unclosed, like a truncated document.
    /// - Parameters:
    ///   - context: The mapping and the state where `range` starts.
    ///   - range: Byte offsets in the file; its start must be between two tokens.
    package init(fragment context: XMLFragmentContext, range: Range<Int>) {
        sourceName = context.sourceName
        fileDescriptor = -1
        chunkSize = 0
        mapped = context.mapping
        buffer = context.mapping.bytes
        capacity = context.mapping.count
        pos = range.lowerBound
        end = min(range.upperBound, context.mapping.count)
        atEOF = true
        state = .inRoot
        nameStackCapacity = max(256, context.nameStack.count)
        nameStack = .allocate(capacity: nameStackCapacity)
        nameStack.initialize(from: context.nameStack, count: context.nameStack.count)
        nameStackCount = context.nameStack.count
        openElements = UnsafeStack(context.openElements)
        firstUnresolvedOpen = openElements.count
        prefixes = context.prefixes
        defaultNamespace = context.defaultNamespace
        namespaceUndo = context.namespaceUndo
        namespaceGeneration = context.namespaceGeneration
        rootName = context.rootName
        releaseAt = Int.max
        // Lines count from the stretch's start (line 1): the caller knows the line there and adds it, where
        // counting from the top of the file in every stretch would cost time in the square of the stretches.
        tracker = Tracker(offset: range.lowerBound)
    }

    /// The 1-based line at a byte offset at or after the last token's start, within the bytes read (for a fragment
    /// parser, counted from the stretch's start).
    package mutating func line(at offset: Int) -> Int {
        advanceTracker(to: min(offset, base + end))
        return tracker.line
    }

    /// Continues reading at `offset` of a mapped file, which the caller knows to be between two tokens at the
    /// current depth (a fragment parser read everything before it, from here, without error).
    /// - Parameter offset: A byte offset at or after `inputOffset`.
    package mutating func resume(at offset: Int) {
        precondition(mapped != nil && offset >= base + pos && offset <= end && !pendingEnd, "cannot resume there")
        pos = offset - base
    }
}
