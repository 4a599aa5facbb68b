/// The open elements, innermost last, in storage that is reused from tag to tag without the checks of an array.
struct ElementStack {
    private var base: UnsafeMutablePointer<XMLPullParser.OpenElement>?
    private var capacity = 0
    private(set) var count = 0

    init() {}

    /// A stack holding copies of `elements`, outermost first.
    init(_ elements: [XMLPullParser.OpenElement]) {
        for element in elements { push(element) }
    }

    /// Copies of the open elements, outermost first.
    var elements: [XMLPullParser.OpenElement] { (0..<count).map { base.unsafelyUnwrapped[$0] } }

    var isEmpty: Bool { count == 0 }

    /// The innermost open element, if any (a copy).
    var last: XMLPullParser.OpenElement? { count == 0 ? nil : base.unsafelyUnwrapped[count &- 1] }

    /// The innermost open element's name length and start in the name stack; the stack must not be empty.
    @inline(__always)
    var lastName: (start: Int, length: Int) {
        let element = base.unsafelyUnwrapped + (count &- 1)
        return (element.pointee.nameStart, element.pointee.nameLength)
    }

    subscript(index: Int) -> XMLPullParser.OpenElement {
        get {
            precondition(index >= 0 && index < count, "element index out of range")
            return base.unsafelyUnwrapped[index]
        }
        _modify {
            precondition(index >= 0 && index < count, "element index out of range")
            yield &base.unsafelyUnwrapped[index]
        }
    }

    @inline(__always)
    mutating func push(_ element: consuming XMLPullParser.OpenElement) {
        if count == capacity { grow() }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count &+= 1
    }

    /// Removes and returns the innermost element; the stack must not be empty.
    @inline(__always)
    mutating func pop() -> XMLPullParser.OpenElement {
        precondition(count > 0, "no open element")
        count &-= 1
        return (base.unsafelyUnwrapped + count).move()
    }

    mutating func grow() {
        let newCapacity = Swift.max(16, capacity * 2)
        let bigger = UnsafeMutablePointer<XMLPullParser.OpenElement>.allocate(capacity: newCapacity)
        if let base {
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = bigger
        capacity = newCapacity
    }

    /// Releases the elements still open and the storage; the stack must not be used afterwards.
    func deallocate() {
        guard let base else { return }
        base.deinitialize(count: count)
        base.deallocate()
    }
}
