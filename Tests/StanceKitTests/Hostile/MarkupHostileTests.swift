import Foundation
import Testing

@testable import StanceKit

/// Entities, XInclude, scripts and URLs never pull outside content into the output; Unicode survives.
@Suite struct MarkupHostileTests {
  /// A secret file the hostile documents point at; its content must never be printed.
  static func secretFile() throws -> (url: URL, secret: String) {
    let directory = try temporaryDirectory()
    let secret = "SECRET-\(UUID().uuidString)"
    let url = directory.appendingPathComponent("secret.txt")
    try Data("\(secret)\n".utf8).write(to: url)
    return (url, secret)
  }

  /// A line of /etc/passwd that could only come from reading it.
  static let passwdMarker = "root:x:0:0"

  static func documents(pointingAt url: URL) -> [(String, String)] {
    let file = url.absoluteString  // file:///tmp/.../secret.txt
    let path = url.path
    return [
      ("internal-entity", """
        <!DOCTYPE html [<!ENTITY inner "INTERNAL-ENTITY-EXPANDED">]>
        <html><body><p>Before &inner; after, a paragraph with enough words to be kept.</p></body></html>
        """),
      ("external-entity", """
        <!DOCTYPE html [<!ENTITY ext SYSTEM "\(file)"><!ENTITY pw SYSTEM "file:///etc/passwd">]>
        <html><body><p>Entity: &ext; and &pw; in a paragraph with enough words to be kept.</p></body></html>
        """),
      ("external-entity-path", """
        <!DOCTYPE html [<!ENTITY ext SYSTEM "\(path)">]>
        <html><body><p>Entity: &ext; in a paragraph with enough words to be kept here.</p></body></html>
        """),
      ("external-dtd", """
        <!DOCTYPE html SYSTEM "\(file)">
        <html><body><p>A paragraph with enough words to be kept by the extractor.</p></body></html>
        """),
      ("parameter-entity", """
        <!DOCTYPE html [<!ENTITY % p SYSTEM "\(file)"> %p;]>
        <html><body><p>A paragraph with enough words to be kept by the extractor.</p></body></html>
        """),
      ("billion-laughs", """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
        <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
        <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
        <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
        <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
        <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
        <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
        <html><body><p>Laughs: &lol9; in a paragraph with enough words to be kept.</p></body></html>
        """),
      ("xinclude", """
        <html xmlns:xi="http://www.w3.org/2001/XInclude"><body>
        <p>Included: <xi:include href="\(file)" parse="text"/> and
        <xi:include href="file:///etc/passwd" parse="text"/> in a paragraph with enough words.</p>
        </body></html>
        """),
      ("xhtml-external-entity", """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html [<!ENTITY ext SYSTEM "\(file)">]>
        <html xmlns="http://www.w3.org/1999/xhtml"><body><p>Entity: &ext; in a paragraph with words.</p></body></html>
        """),
    ]
  }

  @Test func entitiesAndXIncludeNeverReadFiles() throws {
    let (url, secret) = try Self.secretFile()
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    for (name, document) in Self.documents(pointingAt: url) {
      for source in ["\(name).html", "\(name).xhtml", "\(name).txt"] {
        let outcome = IngestHostileTests.ingest(Array(document.utf8), source: source)
        let printed = outcome.printed
        #expect(!printed.contains(secret), "\(source) printed the secret file")
        #expect(!printed.contains(Self.passwdMarker), "\(source) printed /etc/passwd")
        #expect(!printed.contains("lollollollollol"), "\(source) expanded the billion laughs")
        if source.hasSuffix(".html") && name == "internal-entity" {
          #expect(!printed.contains("INTERNAL-ENTITY-EXPANDED"), "DTD entities must not be substituted")
        }
      }
    }
  }

  @Test func scriptAndDataURLsHaveNoEffect() {
    let page = IngestHostileTests.html(
      body: """
        <p>A paragraph with <a href="javascript:document.write('JS-URL-MARK')">a javascript link</a> and
        <a href="data:text/html;base64,REFUQS1VUkwtTUFSSw==">a data link</a> inside ordinary words.</p>
        <img src="data:text/html,<p>DATA-IMG-MARK</p>" onerror="document.write('ONERROR-MARK')">
        <iframe src="data:text/html,<p>DATA-IFRAME-MARK</p>"></iframe>
        <object data="data:text/html,<p>DATA-OBJECT-MARK</p>"></object>
        <script>document.write('<p>SCRIPT-MARK</p>')</script>
        <noscript><p>NOSCRIPT-MARK</p></noscript>
        <style>p::after { content: "STYLE-MARK" }</style>
        <p onclick="alert('HANDLER-MARK')">The second paragraph of ordinary words closes the page.</p>
        """,
      head: "<base href=\"javascript:alert('BASE-MARK')//\"><meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('REFRESH-MARK')\">")
    let outcome = IngestHostileTests.ingest(page, source: "urls.html")
    let printed = outcome.printed
    for mark in ["JS-URL-MARK", "DATA-IMG-MARK", "DATA-IFRAME-MARK", "DATA-OBJECT-MARK", "SCRIPT-MARK",
                 "STYLE-MARK", "HANDLER-MARK", "BASE-MARK", "ONERROR-MARK", "document.write", "javascript:"] {
      #expect(!printed.contains(mark), "\(mark) reached the output")
    }
    #expect(IngestHostileTests.text(outcome).contains("The second paragraph of ordinary words closes the page."))
  }

  /// Sentences (so the text path keeps them as prose, not as stray headings) in hard scripts.
  static let unicodeSamples = [
    "السياسة الخارجية تتطلب ضبط النفس وعدم التدخل في شؤون الآخرين، كما يقول الكاتب في مقاله الطويل عن الحلفاء.",
    "מדיניות החוץ צריכה להתבסס על ריסון ולא על התערבות, כך טוען הכותב במאמר הארוך שלו על בעלי הברית.",
    "Cafe\u{0301} na\u{0308}ive Zo\u{0308}e\u{0301} a\u{0300}\u{0316}\u{0317} combining marks stay where they are in this sentence.",
    "Family 👩‍👩‍👧‍👦 flag 🇺🇦 skin 👍🏽 keycap 1️⃣ rainbow 🏳️‍🌈 and the zero width joiners stay intact in this sentence.",
    "Mixed \u{202B}embedded RTL\u{202C} and \u{2067}isolate\u{2069} controls sit with ordinary text around them here.",
  ]

  @Test func complexScriptsAndEmojiArePreservedByteForByte() {
    let body = Self.unicodeSamples.map { "<p>\($0)</p>" }.joined()
    for (source, bytes) in [
      ("unicode.html", IngestHostileTests.html(body: body, head: "<meta charset=\"utf-8\">")),
      ("unicode.txt", Array(("Title\n\n" + Self.unicodeSamples.joined(separator: "\n\n") + "\n").utf8)),
    ] {
      let outcome = IngestHostileTests.ingest(bytes, source: source)
      let passages = outcome.article?.passages.map(\.text) ?? []
      for sample in Self.unicodeSamples {
        // Compare UTF-8 bytes: String == would accept a normalised (changed) copy.
        let found = passages.contains { Array($0.utf8) == Array(sample.utf8) }
        #expect(found, "\(source): \(sample) not preserved; got \(passages)")
      }
    }
  }
}
