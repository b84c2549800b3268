import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree read from an XML document: enough for Blob Storage's answers (List Blobs,
/// the `<Error>` body), which are elements with text and no mixed content that matters.
///
/// Built on Foundation's `XMLParser` (libxml2), so entities (`&amp;`, `&#x41;`) are decoded as XML
/// defines them. External entities are never resolved: a listing cannot make the client read files
/// or fetch URLs. A document that does not parse completely is nil, never a partial tree.
struct XMLElementTree: Sendable, Hashable {
    var name: String
    /// The element's own character data (CDATA included), concatenated, untrimmed.
    var text: String
    var attributes: [String: String]
    var children: [XMLElementTree]

    /// The first child element called `name`.
    func child(_ name: String) -> XMLElementTree? {
        children.first { $0.name == name }
    }

    /// Every child element called `name`, in document order.
    func children(named name: String) -> [XMLElementTree] {
        children.filter { $0.name == name }
    }

    /// The root element of `data`, or nil when `data` is not a complete, well-formed XML document.
    static func parse(_ data: Data) -> XMLElementTree? {
        guard !data.isEmpty else { return nil }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let builder = TreeBuilder()
        parser.delegate = builder
        // libxml2 recovers from some errors and still reports success; the error and an unclosed
        // element are checked as well.
        guard parser.parse(), parser.parserError == nil, !builder.failed, builder.stack.isEmpty else { return nil }
        return builder.root
    }
}

/// Collects `XMLParser` events into an `XMLElementTree`. Used by one synchronous parse only.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLElementTree] = []
    var root: XMLElementTree?
    var failed = false

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        // A second root element is not a document.
        if root != nil && stack.isEmpty { failed = true }
        stack.append(XMLElementTree(name: elementName, text: "", attributes: attributes, children: []))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let element = stack.popLast(), element.name == elementName else {
            failed = true
            return
        }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        failed = true
    }
}
