import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document read back with Foundation's parser (libxml2), independent of the writer under test: element
/// names as written ("cbc:ID"), attributes, text, children. For asserting on e-invoices.
public final class XMLTree: @unchecked Sendable {
    public let name: String
    public let attributes: [String: String]
    public fileprivate(set) var text = ""
    public fileprivate(set) var children: [XMLTree] = []

    init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

    /// The document element of `bytes`; throws the parser's error with its line when it is not well-formed.
    public static func parse(_ bytes: [UInt8]) throws -> XMLTree {
        let parser = XMLParser(data: Data(bytes))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseError(description: "not well-formed XML at line \(parser.lineNumber): "
                             + String(describing: parser.parserError))
        }
        return root
    }

    public struct ParseError: Error, CustomStringConvertible { public var description: String }

    /// The elements at `path` below this one ("cac:TaxTotal/cac:TaxSubtotal"), in document order.
    public func all(_ path: String) -> [XMLTree] {
        path.split(separator: "/").reduce([self]) { nodes, step in
            nodes.flatMap { $0.children.filter { $0.name == step } }
        }
    }

    public func first(_ path: String) -> XMLTree? { all(path).first }

    /// The text of the first element at `path`, nil when there is none.
    public subscript(_ path: String) -> String? { first(path)?.text }

    /// This element and every one below it, in document order.
    public var descendants: [XMLTree] { [self] + children.flatMap(\.descendants) }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var open: [XMLTree] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let node = XMLTree(name: name, attributes: attributes)
            if let parent = open.last { parent.children.append(node) } else { root = node }
            open.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let node = open.removeLast()
            // Elements that hold others keep only their text; the indentation between them is not content.
            if !node.children.isEmpty { node.text = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { open.last?.text += string }
    }
}
