import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import ResellerCore

/// An element as a reader sees it, to compare `XMLReader` with Foundation's parser (libxml2), an independent
/// implementation: local name, namespace URI, attributes by qualified name, the text directly inside (CDATA
/// included), children.
struct SeenElement: Equatable, CustomStringConvertible {
    var name: String
    var namespace: String?
    var attributes: [String: String] = [:]
    var text = ""
    var children: [SeenElement] = []

    init(name: String, namespace: String?, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    init(_ element: XMLReader.Element) {
        name = element.name
        namespace = element.namespace
        attributes = Dictionary(uniqueKeysWithValues: element.attributes.map { ($0.qualifiedName, $0.value) })
        text = element.text
        children = element.children.map(SeenElement.init)
    }

    var description: String {
        let ns = namespace.map { "{\($0)}" } ?? ""
        let attrs = attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value.debugDescription)" }.joined()
        return "<\(ns)\(name)\(attrs)>\(text.debugDescription)" + children.map(\.description).joined() + "</\(name)>"
    }

    /// Whether FoundationXML can be asked about `bytes` at all: on Linux it crashes on some processing
    /// instructions (a forced unwrap in its callback) and on names that are not UTF-8 (libxml2 reads on as
    /// Latin-1), so a document holding either is not given to it. The standard library checks the UTF-8.
    static func foundationCanRead(_ bytes: [UInt8]) -> Bool {
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        var rest = bytes[...]
        if rest.starts(with: Array("<?xml ".utf8)), let end = rest.firstRange(of: Array("?>".utf8)) {
            rest = rest[end.upperBound...]
        }
        return rest.firstRange(of: Array("<?".utf8)) == nil
    }

    /// The document element as FoundationXML reads `bytes`, namespaces processed; nil when it refuses them.
    static func foundation(_ bytes: [UInt8]) -> SeenElement? {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), builder.open.isEmpty else { return nil }
        return builder.root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: SeenElement?
        var open: [SeenElement] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            // Foundation names a prefixed attribute by its qualified name and reports no declarations here.
            let plain = attributes.filter { $0.key != "xmlns" && !$0.key.hasPrefix("xmlns:") }
            let namespace = namespaceURI.flatMap { $0.isEmpty ? nil : $0 }
            open.append(SeenElement(name: name, namespace: namespace, attributes: plain))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let node = open.removeLast()
            if open.isEmpty { root = node } else { open[open.count - 1].children.append(node) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !open.isEmpty { open[open.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
            if !open.isEmpty { open[open.count - 1].text += whitespaceString }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if !open.isEmpty { open[open.count - 1].text += String(decoding: CDATABlock, as: UTF8.self) }
        }
    }
}
