/// Escaping for the XML the emulated Blob service writes. Blob names are user data (file names):
/// `&`, `<`, `>` and quotes become entities, and the whitespace controls become character
/// references so a parser keeps them as they are (XML would normalise a raw CR). Other control
/// characters cannot appear in XML 1.0 at all and are replaced by U+FFFD.
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#x9;"
            case "\n": out += "&#xA;"
            case "\r": out += "&#xD;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `<name>escaped text</name>`, or `<name />` for empty text, as Storage writes empty markers.
    static func element(_ name: String, _ text: String) -> String {
        text.isEmpty ? "<\(name) />" : "<\(name)>\(escape(text))</\(name)>"
    }
}
