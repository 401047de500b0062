extension XMLReader {
    /// One element of a document `XMLReader` read: its name resolved against the namespaces in scope, so a
    /// reader matches `Ntry` of the camt namespace however the file spells its prefix.
    public struct Element: Sendable, Hashable {
        /// The local name: "Ntry" for `<Ntry>` and for `<camt:Ntry>`.
        public let name: String
        /// The namespace URI the name's prefix (or the default namespace) stands for; nil in no namespace.
        public let namespace: String?
        /// The name as written, prefix included: what a message about the element shows.
        public let qualifiedName: String
        /// The attributes in document order; namespace declarations (`xmlns`, `xmlns:p`) are not among them.
        public let attributes: [Attribute]
        /// The character data directly inside the element (CDATA and references resolved), in document order;
        /// the text of child elements is theirs, not this one's.
        public let text: String
        public let children: [Element]
        /// The line the start tag opens on.
        public let line: Int

        public init(name: String, namespace: String?, qualifiedName: String, attributes: [Attribute],
                    text: String, children: [Element], line: Int) {
            self.name = name
            self.namespace = namespace
            self.qualifiedName = qualifiedName
            self.attributes = attributes
            self.text = text
            self.children = children
            self.line = line
        }

        /// The children named `name` in this element's own namespace: a document in one vocabulary (camt)
        /// never has a foreign element match.
        public func children(_ name: String) -> [Element] {
            children.filter { $0.name == name && $0.namespace == namespace }
        }

        /// The elements at `path` below this one ("NtryDtls/TxDtls"), each step in this element's namespace,
        /// in document order.
        public func all(_ path: String) -> [Element] {
            path.split(separator: "/").reduce([self]) { nodes, step in
                nodes.flatMap { $0.children(String(step)) }
            }
        }

        /// The first element at `path`, nil when there is none.
        public func first(_ path: String) -> Element? { all(path).first }

        /// The text of the first element at `path`, nil when there is none.
        public subscript(_ path: String) -> String? { first(path)?.text }

        /// The value of the attribute `name` in no namespace (as `Ccy` in `<Amt Ccy="EUR">`).
        public func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name && $0.namespace == nil }?.value
        }
    }

    /// One attribute, its name resolved as an element's is; an attribute without a prefix is in no namespace.
    public struct Attribute: Sendable, Hashable {
        public let name: String
        public let namespace: String?
        public let qualifiedName: String
        /// The value with references resolved and white space normalised as XML says (each tab and line break
        /// written as such becomes a space; one written as a character reference stays).
        public let value: String

        public init(name: String, namespace: String?, qualifiedName: String, value: String) {
            self.name = name
            self.namespace = namespace
            self.qualifiedName = qualifiedName
            self.value = value
        }
    }
}
