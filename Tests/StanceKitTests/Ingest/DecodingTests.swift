import Foundation
import Testing
@testable import StanceKit

@Suite struct DecodingTests {
  let body = "<p>Caf\u{E9} \u{201C}quoted\u{201D} na\u{EF}ve text here, long enough to be a paragraph of its own for sure.</p>"

  func ingestText(_ bytes: [UInt8], source: String = "page.html") throws -> String {
    try Ingester.ingest(bytes: bytes, source: source).passages.map(\.text).joined(separator: "\n")
  }

  @Test func utf8WithBOM() throws {
    let text = try ingestText([0xEF, 0xBB, 0xBF] + Array("<html><body>\(body)</body></html>".utf8))
    #expect(text.contains("Caf\u{E9} \u{201C}quoted\u{201D} na\u{EF}ve"))
  }

  @Test func utf16LittleEndianBOM() throws {
    let html = "<html><body>\(body)</body></html>"
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in html.utf16 { bytes += [UInt8(unit & 0xff), UInt8(unit >> 8)] }
    #expect(try ingestText(bytes).contains("Caf\u{E9} \u{201C}quoted\u{201D}"))
  }

  @Test func utf16BigEndianBOM() throws {
    let html = "<html><body>\(body)</body></html>"
    var bytes: [UInt8] = [0xFE, 0xFF]
    for unit in html.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xff)] }
    #expect(try ingestText(bytes).contains("Caf\u{E9} \u{201C}quoted\u{201D}"))
  }

  /// Windows-1252 bytes for the body: é = E9, “ = 93, ” = 94, ï = EF.
  var body1252: [UInt8] {
    Array("<p>Caf".utf8) + [0xE9] + Array(" ".utf8) + [0x93] + Array("quoted".utf8) + [0x94]
      + Array(" na".utf8) + [0xEF]
      + Array("ve text here, long enough to be a paragraph of its own for sure.</p>".utf8)
  }

  /// "Привет" in windows-1251 and in KOI8-R: wrong under Windows-1252 or UTF-8.
  static let privet1251: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]
  static let privetKOI8: [UInt8] = [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]
  static let privet = "\u{41F}\u{440}\u{438}\u{432}\u{435}\u{442}"

  func cyrillicPage(head: String, word: [UInt8]) -> [UInt8] {
    var bytes = Array("<html><head>\(head)</head><body><p>".utf8)
    for _ in 0..<20 { bytes += word + [0x20] }
    return bytes + Array("</p></body></html>".utf8)
  }

  @Test func metaCharsetNamesANonLatinEncoding() throws {
    let bytes = cyrillicPage(head: "<meta charset='windows-1251'>", word: Self.privet1251)
    #expect(Decoding.declaredCharset(bytes) == "windows-1251")
    #expect(try ingestText(bytes).hasPrefix(Self.privet + " " + Self.privet))
  }

  @Test func httpEquivNamesANonLatinEncoding() throws {
    let bytes = cyrillicPage(
      head: "<meta http-equiv=\"content-type\" content=\"text/html;charset=KOI8-R\">", word: Self.privetKOI8)
    #expect(Decoding.declaredCharset(bytes) == "koi8-r")
    #expect(try ingestText(bytes).hasPrefix(Self.privet + " " + Self.privet))
  }

  @Test func metaCharset() throws {
    let bytes = Array("<html><head><meta charset=\"windows-1252\"></head><body>".utf8) + body1252
      + Array("</body></html>".utf8)
    #expect(Decoding.declaredCharset(bytes) == "windows-1252")
    #expect(try ingestText(bytes).contains("Caf\u{E9} \u{201C}quoted\u{201D} na\u{EF}ve"))
  }

  @Test func httpEquivContentType() throws {
    let bytes =
      Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body>".utf8)
      + body1252 + Array("</body></html>".utf8)
    #expect(Decoding.declaredCharset(bytes) == "iso-8859-1")
    #expect(try ingestText(bytes).contains("Caf\u{E9} \u{201C}quoted\u{201D} na\u{EF}ve"))
  }

  @Test func xmlDeclarationEncoding() throws {
    let bytes = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<html><body>".utf8) + body1252
      + Array("</body></html>".utf8)
    #expect(Decoding.declaredCharset(bytes) == "windows-1252")
    #expect(try ingestText(bytes).contains("Caf\u{E9} \u{201C}quoted\u{201D} na\u{EF}ve"))
  }

  @Test func invalidUTF8FallsBackToWindows1252() throws {
    let bytes = Array("<html><body>".utf8) + body1252 + Array("</body></html>".utf8)
    #expect(try ingestText(bytes).contains("Caf\u{E9} \u{201C}quoted\u{201D} na\u{EF}ve"))
  }

  @Test func plainTextInvalidUTF8IsWindows1252() throws {
    let bytes = Array("Smart quotes ".utf8) + [0x93] + Array("here".utf8) + [0x94]
      + Array(" in a sentence that is long enough to be kept as a real paragraph of text.".utf8)
    #expect(try ingestText(bytes, source: "note.txt").contains("\u{201C}here\u{201D}"))
  }

  @Test func validUTF8WinsOverLatin1Label() throws {
    let bytes = Array("<html><head><meta charset=\"iso-8859-1\"></head><body>\(body)</body></html>".utf8)
    #expect(try ingestText(bytes).contains("Caf\u{E9} \u{201C}quoted\u{201D}"))
  }

  /// Chinese paragraph written for the test ("The meeting discussed the water supply of the
  /// new district and agreed to publish the plan next month." in Chinese), as UTF-8.
  static let chinese = "\u{4F1A}\u{8BAE}\u{8BA8}\u{8BBA}\u{4E86}\u{65B0}\u{533A}\u{7684}\u{4F9B}\u{6C34}\u{95EE}\u{9898}\u{FF0C}\u{5E76}\u{540C}\u{610F}\u{4E0B}\u{4E2A}\u{6708}\u{516C}\u{5E03}\u{8BA1}\u{5212}\u{3002}"

  @Test func validUTF8WinsOverAnyLegacyLabel() throws {
    // The declared charset contradicts the bytes: valid UTF-8 with non-ASCII is UTF-8.
    let paragraph = String(repeating: Self.chinese, count: 3)
    let gb = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>\(paragraph)</p></body></html>".utf8)
    #expect(Decoding.declaredCharset(gb) == "gb2312")
    #expect(try ingestText(gb).contains(Self.chinese))
    let cyrillic = String(repeating: Self.privet + " ", count: 20)
    let ru = Array("<html><head><meta charset=\"windows-1251\"></head><body><p>\(cyrillic)</p></body></html>".utf8)
    #expect(try ingestText(ru).hasPrefix(Self.privet + " " + Self.privet))
  }

  @Test func invalidBytesUnderAUTF8LabelAreNotUTF8() throws {
    // Declared UTF-8, mostly UTF-8, with a pasted Windows-1252 snippet: both parts come out right.
    let bytes = Array("<html><head><meta charset=\"utf-8\"></head><body>\(body)<p>Smart quotes ".utf8) + [0x93]
      + Array("pasted".utf8) + [0x94] + Array(" from an older page, long enough to stay as a paragraph of text.</p></body></html>".utf8)
    #expect(!Decoding.isValidUTF8(bytes))
    let text = try ingestText(bytes)
    #expect(text.contains("Caf\u{E9} \u{201C}quoted\u{201D} na\u{EF}ve"))
    #expect(text.contains("\u{201C}pasted\u{201D}"))
    #expect(!text.contains("\u{FFFD}"))
  }

  @Test func mixedDecodingKeepsValidSequencesAndMapsStrayBytes() {
    let bytes: [UInt8] = Array("a".utf8) + [0xC3, 0xA9] + [0xE9] + [0x80] + [0xE2, 0x80, 0x9C] + [0xC3]
    #expect(String(decoding: Decoding.decodeMixed(bytes), as: UTF8.self) == "a\u{E9}\u{E9}\u{20AC}\u{201C}\u{C3}")
  }

  @Test func declaredUTF8IsUsedAsIs() throws {
    let bytes = Array("<html><head><meta charset=utf-8></head><body>\(body)</body></html>".utf8)
    #expect(try ingestText(bytes).contains("na\u{EF}ve"))
  }

  @Test func utf8ValidatorAgreesWithTheStandardLibrary() {
    let cases: [[UInt8]] = [
      Array("plain ascii text that is longer than eight bytes".utf8), Array("Caf\u{E9} \u{1F600} \u{4E2D}".utf8),
      [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98],
      [0x80], [0xC3], Array("abcdefgh".utf8) + [0xE2, 0x80, 0x9C] + Array("ijklmnop".utf8), [0xFF, 0xFE],
    ]
    for bytes in cases {
      #expect(Decoding.isValidUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
    }
  }

  @Test func windows1252TableMapsUndefinedBytesToC1() {
    let out = Decoding.decodeWindows1252([0x80, 0x81, 0x9F, 0xA0])
    #expect(String(decoding: out, as: UTF8.self) == "\u{20AC}\u{81}\u{178}\u{A0}")
  }
}
