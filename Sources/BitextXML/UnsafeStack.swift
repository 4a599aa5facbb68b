/// A growable stack in storage that is reused from tag to tag, without the uniqueness and bounds checks of an
/// array: the current start tag's attributes, and the open elements. The owner calls `deallocate()`.
struct UnsafeStack<Element>: RandomAccessCollection {
    private var base: UnsafeMutablePointer<Element>?
    private var capacity = 0
    private(set) var count = 0

    init() {}

    /// A stack holding copies of `elements`, the first at the bottom.
    init(_ elements: [Element]) {
        for element in elements { append(element) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(index: Int) -> Element {
        @inline(__always) get {
            precondition(index >= 0 && index < count, "stack index out of range")
            return base.unsafelyUnwrapped[index]
        }
        _modify {
            precondition(index >= 0 && index < count, "stack index out of range")
            yield &base.unsafelyUnwrapped[index]
        }
    }

    /// The top element, read in place; the stack must not be empty.
    @inline(__always)
    func withTop<Result>(_ body: (borrowing Element) -> Result) -> Result {
        body(base.unsafelyUnwrapped[count &- 1])
    }

    @inline(__always)
    mutating func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count &+= 1
    }

    /// Removes and returns the top element; the stack must not be empty.
    @inline(__always)
    mutating func pop() -> Element {
        precondition(count > 0, "the stack is empty")
        count &-= 1
        return (base.unsafelyUnwrapped + count).move()
    }

    @inline(__always)
    mutating func removeAll(keepingCapacity: Bool) {
        if count > 0 { base.unsafelyUnwrapped.deinitialize(count: count) }
        count = 0
    }

    mutating func grow() {
        let newCapacity = Swift.max(8, capacity * 2)
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = bigger
        capacity = newCapacity
    }

    /// Releases the elements and the storage; the stack must not be used afterwards.
    func deallocate() {
        guard let base else { return }
        base.deinitialize(count: count)
        base.deallocate()
    }
}

extension UnsafeStack where Element == XMLPullParser.OpenElement {
    /// The innermost open element's name start in the name stack and its length; the stack must not be empty.
    @inline(__always)
    var lastName: (start: Int, length: Int) {
        withTop { ($0.nameStart, $0.nameLength) }
    }
}
