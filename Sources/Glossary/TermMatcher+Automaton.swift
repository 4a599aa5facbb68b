extension TermMatcher {
    /// An Aho-Corasick automaton over word symbols, read-only once built.
    struct Automaton {
        /// Transitions keyed by `node << 32 | symbol`.
        private let transitions: IntTable
        /// Transitions from the root, by symbol; 0 where there is none.
        private let rootChildren: [Int32]
        private let fail: [Int32]
        /// The patterns that end at node `n` (its own, then those of its failure links):
        /// `outputs[outputStart[n]..<outputStart[n + 1]]`.
        let outputStart: [Int32]
        let outputs: [Int32]

        /// Builds the automaton for `patterns`, each a sequence of symbols below `symbolCount`;
        /// outputs name patterns by their index.
        init(_ patterns: [[Int]], symbolCount: Int) {
            var transitions = IntTable()
            var nodeCount = 1
            var children: [[(symbol: Int, node: Int)]] = [[]]
            var nodeOutputs: [[Int32]] = [[]]
            func step(_ node: Int, _ symbol: Int) -> Int? {
                transitions.find(UInt64(node) << 32 | UInt64(symbol)).map(Int.init)
            }
            for (p, keys) in patterns.enumerated() {
                var node = 0
                for k in keys {
                    if let n = step(node, k) { node = n; continue }
                    let child = nodeCount
                    nodeCount += 1
                    nodeOutputs.append([]); children.append([])
                    transitions.insert(UInt64(node) << 32 | UInt64(k), Int32(child))
                    children[node].append((k, child))
                    node = child
                }
                nodeOutputs[node].append(Int32(p))
            }
            var fail = [Int32](repeating: 0, count: nodeCount)
            var queue = children[0].map(\.node)
            var head = 0
            while head < queue.count {
                let node = queue[head]; head += 1
                for (symbol, child) in children[node] {
                    queue.append(child)
                    var f = Int(fail[node])
                    while f != 0 && step(f, symbol) == nil { f = Int(fail[f]) }
                    let target = step(f, symbol) ?? 0
                    fail[child] = Int32(target == child ? 0 : target)
                    nodeOutputs[child] += nodeOutputs[Int(fail[child])]
                }
            }
            var rootChildren = [Int32](repeating: 0, count: symbolCount)
            for (symbol, child) in children[0] { rootChildren[symbol] = Int32(child) }
            var outputStart: [Int32] = [0]
            outputStart.reserveCapacity(nodeCount + 1)
            for o in nodeOutputs { outputStart.append(outputStart[outputStart.count - 1] + Int32(o.count)) }
            self.transitions = transitions
            self.rootChildren = rootChildren
            self.fail = fail
            self.outputStart = outputStart
            outputs = nodeOutputs.flatMap { $0 }
        }

        /// The node after reading `symbol` in `node`, following failure links.
        @inline(__always)
        func next(_ node: Int, _ symbol: Int) -> Int {
            var n = node
            while n != 0 {
                if let t = transitions.find(UInt64(n) << 32 | UInt64(symbol)) { return Int(t) }
                n = Int(fail[n])
            }
            return Int(rootChildren[symbol])
        }
    }
}
