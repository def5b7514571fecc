import Foundation

/// Article metadata read from meta tags, Open Graph and JSON-LD.
struct PageMetadata: Equatable {
  var title: String?
  var authors: [String] = []
  var date: String?
  var siteName: String?
  var language: String?
  var url: String?
  var isOpinion = false
  /// JSON-LD `articleBody`, kept only as a hint for extraction.
  var articleBody: String?
}

enum Metadata {
  /// Section names and types by which a page declares itself opinion.
  static let opinionSections: [String] = [
    "opinion", "op-ed", "oped", "op ed", "commentary", "editorial", "column", "perspective",
    "viewpoint", "analysis and opinion", "comment is free", "letters",
  ]

  /// Meta keys in priority order for each field.
  static let titleKeys = ["og:title", "twitter:title", "dc.title", "headline", "title"]
  static let authorKeys = [
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl",
    "twitter:creator",
  ]
  static let dateKeys = [
    "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "pubdate",
    "publishdate", "parsely-pub-date", "sailthru.date", "og:published_time", "article.published",
  ]
  static let siteKeys = ["og:site_name", "application-name", "publisher", "dc.publisher"]
  static let languageKeys = ["language", "content-language", "dc.language", "og:locale"]
  static let sectionKeys = ["article:section", "parsely-section", "section", "article.section", "category"]

  /// Longest section label considered, in words.
  static let maxSectionWords = 3
  /// How deep the JSON-LD walk goes; real pages nest a few levels.
  static let maxJSONDepth = 12

  static func read(_ raw: RawMetadata) -> PageMetadata {
    var meta = PageMetadata()
    func first(_ keys: [String]) -> String? {
      for key in keys {
        for (k, v) in raw.metas where k == key {
          let t = clean(v)
          if !t.isEmpty { return t }
        }
      }
      return nil
    }
    let ld = JSONLDSummary(scripts: raw.jsonLD)

    meta.title = first(titleKeys) ?? ld.headline ?? raw.titleText.map(clean).flatMap(nonEmpty)
    var authors: [String] = []
    for name in ld.authors + raw.metas.filter({ authorKeys.contains($0.key) }).map(\.value) {
      var t = clean(name)
      // Meta tags often carry the byline as printed ("By Jane Roe").
      if t.lowercased().hasPrefix("by ") { t = String(t.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
      // Profile URLs and handles are not names.
      guard !t.isEmpty, !t.hasPrefix("http"), !t.hasPrefix("@"), !authors.contains(t) else { continue }
      authors.append(t)
    }
    meta.authors = authors
    meta.date = ld.datePublished ?? first(dateKeys)
    meta.siteName = first(["og:site_name"]) ?? ld.publisher ?? first(siteKeys)
    let locale = first(languageKeys).map { $0.replacingOccurrences(of: "_", with: "-") }
    meta.language = raw.htmlLang.map(clean).flatMap(nonEmpty) ?? ld.language ?? locale
    meta.url = raw.canonical.map(clean).flatMap(nonEmpty) ?? first(["og:url", "twitter:url"]) ?? ld.url
    let sections = raw.metas.filter { sectionKeys.contains($0.key) }.map(\.value) + ld.sections
    let urls = [meta.url, first(["og:url"]), ld.url].compactMap { $0 }
    meta.isOpinion =
      ld.types.contains { $0.lowercased().contains("opinion") }
      || sections.contains(where: isOpinionSection)
      || ld.genres.contains(where: isOpinionSection)
      || urls.contains(where: hasOpinionPath)
    meta.articleBody = ld.articleBody
    return meta
  }

  static func isOpinionSection(_ s: String) -> Bool {
    let t = s.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
    // Section names are short; a sentence that merely starts with "Opinion" is not one.
    guard t.split(separator: " ").count <= maxSectionWords else { return false }
    return opinionSections.contains { t == $0 || t == $0 + "s" || t.hasPrefix($0 + " ") || t.hasSuffix(" " + $0) || t.hasSuffix(" " + $0 + "s") || t.hasPrefix($0 + "/") }
  }

  /// URL path segments that name an opinion section ("/opinion/2024/…", "/op-ed/…").
  static let opinionPathSegments: Set<String> = [
    "opinion", "opinions", "op-ed", "op-eds", "oped", "opeds", "commentary", "editorial",
    "editorials", "column", "columns", "columnists", "perspective", "perspectives", "viewpoint",
    "viewpoints",
  ]

  /// True when a path segment of `url` (not the host or query) names an opinion section.
  static func hasOpinionPath(_ url: String) -> Bool {
    var rest = Substring(url)
    if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
    guard let slash = rest.firstIndex(of: "/") else { return false }
    let path = rest[slash...].prefix { $0 != "?" && $0 != "#" }
    return path.split(separator: "/").contains { opinionPathSegments.contains($0.lowercased()) }
  }

  static func clean(_ s: String) -> String {
    s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}

/// The fields we use from a page's JSON-LD blocks; garbage is ignored, never fatal.
struct JSONLDSummary {
  var types: [String] = []
  var headline: String?
  var authors: [String] = []
  var datePublished: String?
  var publisher: String?
  var language: String?
  var url: String?
  var sections: [String] = []
  var genres: [String] = []
  var articleBody: String?

  init(scripts: [String]) {
    for script in scripts {
      // Only article-like objects matter; breadcrumbs, site and organisation blocks are skipped
      // without paying for a JSON parse.
      guard script.utf8.count <= Self.maxScriptBytes,
        Self.articleMarkers.contains(where: { LineRules.containsBytes(script, $0) })
      else { continue }
      var text = script.trimmingCharacters(in: .whitespacesAndNewlines)
      if LineRules.containsBytes(text, "<!") || LineRules.containsBytes(text, "]]>") || LineRules.containsBytes(text, "-->") {
        text = Self.removingWrappers(text)
      }
      while text.hasSuffix(";") { text.removeLast() }
      guard let data = text.data(using: .utf8),
        let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      else { continue }
      visit(object, depth: 0)
    }
  }

  /// Comment and CDATA wrappers around a script's JSON, longest first so "//<![CDATA[" goes whole.
  static let scriptWrappers: [[UInt8]] = ["//<![CDATA[", "//]]>", "<![CDATA[", "]]>", "<!--", "-->"].map { Array($0.utf8) }

  /// `text` without the wrappers, in one pass over its bytes (Foundation's replacingOccurrences
  /// cost more than the JSON parse on large scripts).
  static func removingWrappers(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    scan: while i < bytes.count {
      let b = bytes[i]
      if b == 0x2F || b == 0x3C || b == 0x5D || b == 0x2D {  // / < ] -
        for w in scriptWrappers where i + w.count <= bytes.count && bytes[i..<i + w.count].elementsEqual(w) {
          i += w.count
          continue scan
        }
      }
      out.append(b)
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Substrings of the @type values we read; a script without any is not parsed.
  static let articleMarkers = ["Article", "article", "Posting", "posting", "Opinion", "Report", "Review"]
  /// JSON-LD blocks above this size are skipped (real article blocks are far smaller).
  static let maxScriptBytes = 4 << 20

  private static let articleTypes = ["article", "posting", "report", "opinion", "review", "newsarticle"]

  private mutating func visit(_ value: Any, depth: Int) {
    guard depth < Metadata.maxJSONDepth else { return }
    if let array = value as? [Any] {
      for item in array { visit(item, depth: depth + 1) }
      return
    }
    guard let object = value as? [String: Any] else { return }
    if let graph = object["@graph"] { visit(graph, depth: depth + 1) }
    let typeNames = Self.strings(object["@type"])
    let isArticle = typeNames.contains { t in Self.articleTypes.contains { t.lowercased().contains($0) } }
    guard isArticle else {
      if let main = object["mainEntity"] { visit(main, depth: depth + 1) }
      return
    }
    types += typeNames
    if headline == nil { headline = (object["headline"] as? String).map(Metadata.clean) }
    authors += Self.names(object["author"], depth: 0) + Self.names(object["creator"], depth: 0)
    if datePublished == nil { datePublished = object["datePublished"] as? String }
    if publisher == nil { publisher = Self.names(object["publisher"], depth: 0).first }
    if language == nil { language = object["inLanguage"] as? String }
    if url == nil {
      url = (object["url"] as? String)
        ?? (object["mainEntityOfPage"] as? String)
        ?? ((object["mainEntityOfPage"] as? [String: Any])?["@id"] as? String)
    }
    sections += Self.strings(object["articleSection"])
    genres += Self.strings(object["genre"])
    if let body = object["articleBody"] as? String, body.count > (articleBody?.count ?? 0) {
      articleBody = body
    }
  }

  private static func strings(_ value: Any?) -> [String] {
    if let s = value as? String { return [s] }
    if let a = value as? [Any] { return a.compactMap { $0 as? String } }
    return []
  }

  private static func names(_ value: Any?, depth: Int) -> [String] {
    guard depth < 4, let value else { return [] }
    if let s = value as? String { return [s] }
    if let o = value as? [String: Any] { return (o["name"] as? String).map { [$0] } ?? [] }
    if let a = value as? [Any] { return a.flatMap { names($0, depth: depth + 1) } }
    return []
  }
}
