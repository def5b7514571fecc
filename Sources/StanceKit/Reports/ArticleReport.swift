import Foundation

/// One self-contained HTML page showing classified articles passage by passage.
///
/// Each article opens with its verdict and the evidence margin, then every passage in reading
/// order, tinted by its label, with its probability, whether it decided the verdict, and the
/// n-grams that pushed it toward its label (in a caption, and on hover). Several articles get an
/// index. Output depends only on the input: no clock, no randomness, sorted dictionaries.
public struct ArticleReport: Sendable {
  /// An article and, per passage, the features that favoured its label.
  public struct Entry: Sendable {
    /// The classified article.
    public var article: ClassifiedArticle
    /// `features[i]`: the strongest contributions toward `article.passages[i].label`, largest first.
    public var features: [[FeatureContribution]]

    /// An entry; `features` may be shorter than the passages (missing ones show no n-grams).
    public init(article: ClassifiedArticle, features: [[FeatureContribution]]) {
      self.article = article
      self.features = features
    }
  }

  /// How many contributing n-grams each passage lists.
  public static let featuresShown = 5

  /// The articles, in the order given.
  public var entries: [Entry] { didSet { classLabels = Self.classLabels(labels, entries) } }
  /// The model's labels, sorted; they fix the legend and the colours.
  public var labels: [String] { didSet { classLabels = Self.classLabels(labels, entries) } }
  /// The page title.
  public var title: String
  /// When the report was made, printed in the footer only when given.
  public var generated: String?

  /// A report of `entries` for a model with `labels`.
  public init(entries: [Entry], labels: [String], title: String = "Stance report", generated: String? = nil) {
    self.entries = entries
    self.labels = labels.sorted()
    self.title = title
    self.generated = generated
    classLabels = Self.classLabels(self.labels, entries)
    classIndex = Self.index(classLabels)  // didSet does not run during init
  }

  /// A report of `articles` classified by `model`, explaining every passage with it.
  public init(
    articles: [ClassifiedArticle], model: NaiveBayesModel, title: String = "Stance report", generated: String? = nil
  ) {
    let entries = articles.map { article in
      Entry(article: article, features: article.passages.map { Self.supporting(model.explain($0.text)) })
    }
    self.init(entries: entries, labels: model.labels, title: title, generated: generated)
  }

  /// The contributions that favoured the predicted label, strongest first, at most `featuresShown`.
  public static func supporting(_ explanation: Explanation) -> [FeatureContribution] {
    Array(
      explanation.contributions
        .filter { $0.value > 0 && $0.feature != Explanation.absentFeatures }
        .prefix(featuresShown))
  }

  /// The page.
  public func html() -> String {
    var body = "<main>\n<header>\n<h1>\(HTMLEscaping.text(title))</h1>\n"
    body += "<p class=\"lede\">\(entries.count) article\(entries.count == 1 ? "" : "s") · "
    body += "every passage tinted by the label the model gave it, with its probability. "
    body += "Under each passage (and on hover): the n-grams that pushed it most toward its label over the "
    body += "runner-up, in nats of log-odds before calibration.</p>\n"
    body += legend()
    body += "</header>\n"
    if entries.count > 1 { body += index() }
    for (number, entry) in entries.enumerated() {
      body += article(entry, number: number + 1)
    }
    body += ReportPage.footer(generated: generated)
    body += "</main>\n"
    return ReportPage.document(title: title, css: css(), body: body)
  }

  // MARK: - Parts

  /// Label `i` here is CSS class `l<i>`: the model's labels, then any other (a verdict such as
  /// `unclear`) in order of appearance. Class names never carry label text.
  private var classLabels: [String] = [] { didSet { classIndex = Self.index(classLabels) } }
  private var classIndex: [String: Int] = [:]

  private static func classLabels(_ labels: [String], _ entries: [Entry]) -> [String] {
    var all = labels
    var seen = Set(labels)
    for entry in entries {
      for label in [entry.article.label] + entry.article.passages.map(\.label) where seen.insert(label).inserted {
        all.append(label)
      }
    }
    return all
  }

  private static func index(_ labels: [String]) -> [String: Int] {
    Dictionary(labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }

  private func labelClass(_ label: String) -> String {
    "l\(classIndex[label] ?? 0)"
  }

  private func css() -> String {
    var css = """
      .legend { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; font-size: 14px;
        background: #FFF; border: 1px solid #E2E2E2; border-radius: 6px; padding: 10px 14px; margin-bottom: 20px; }
      .legend .key { display: inline-flex; align-items: center; gap: 6px; }
      .legend .chip { display: inline-block; width: 28px; height: 16px; border-radius: 3px; border-left-width: 5px; border-left-style: solid; }
      .index table { width: 100%; margin-bottom: 24px; }
      .article { background: #FFF; border: 1px solid #E2E2E2; border-radius: 6px; padding: 20px 24px; margin: 0 0 28px; }
      .article > header { display: grid; grid-template-columns: 1fr auto; gap: 4px 24px; align-items: start; }
      .source { color: #666; font-size: 13px; word-break: break-all; margin: 0; }
      .verdict { grid-row: 1 / span 2; grid-column: 2; text-align: right; min-width: 220px; }
      .verdict .big { display: inline-block; font-size: 18px; font-weight: 700; padding: 3px 12px; border-radius: 4px;
        border-left-width: 6px; border-left-style: solid; }
      .verdict .why { font-size: 13px; color: #444; margin-top: 6px; max-width: 340px; }
      .strip { display: flex; gap: 2px; margin: 14px 0 6px; height: 14px; }
      .strip a { flex: 1 1 0; border-radius: 2px; min-width: 3px; }
      .strip a.deciding { outline: 2px solid #1A1A1A; outline-offset: 0; }
      .strip-caption { font-size: 12px; color: #666; margin: 0 0 12px; }
      .passages { list-style: none; padding: 0; margin: 0; }
      .passage { border-left-width: 6px; border-left-style: solid; border-radius: 3px; padding: 8px 14px 8px 12px; margin: 0 0 8px; max-width: 900px; }
      .passage.heading .text { font-weight: 700; font-size: 16px; }
      .passage.deciding { box-shadow: inset 0 0 0 2px #1A1A1A; }
      .passage-head { display: flex; gap: 10px; align-items: center; font-size: 12.5px; color: #333; margin-bottom: 2px; }
      .badge { font-weight: 700; letter-spacing: 0.02em; }
      .pno { color: #666; font-variant-numeric: tabular-nums; }
      .flag { background: #1A1A1A; color: #FFF; border-radius: 3px; padding: 0 6px; font-weight: 600; }
      .novote { color: #555; font-style: italic; }
      .probs { display: inline-flex; width: 96px; height: 9px; border: 1px solid #999; border-radius: 2px; overflow: hidden; background: #FFF; }
      .probs span { display: block; height: 100%; }
      .text { margin: 0; }
      .ngrams { margin: 4px 0 0; font-size: 12.5px; color: #333; }
      .ngrams .ng { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: rgba(255,255,255,0.7);
        border-radius: 3px; padding: 0 4px; margin-right: 4px; white-space: nowrap; }
      .ngrams .w { color: #555; }

      """
    for (i, label) in classLabels.enumerated() {
      let swatch = ReportPalette.swatch(for: label, among: classLabels)
      css += ".l\(i) { background: \(swatch.tint); border-left-color: \(swatch.strong); }\n"
      css += ".strip a.l\(i), .probs .l\(i), .swatch.l\(i) { background: \(swatch.strong); }\n"
    }
    return css
  }

  private func legend() -> String {
    var html = "<div class=\"legend\" id=\"legend\"><strong>Legend</strong>\n"
    for label in classLabels {
      html += "<span class=\"key\"><span class=\"chip \(labelClass(label))\"></span>\(HTMLEscaping.text(label))</span>\n"
    }
    html += "<span class=\"key\"><span class=\"flag\">deciding</span> a passage that weighed most toward the verdict</span>\n"
    html += "<span class=\"key\"><span class=\"novote\">heading</span> labelled, but does not vote</span>\n"
    html += "</div>\n"
    return html
  }

  private func index() -> String {
    var html = "<nav class=\"index\" id=\"index\" aria-label=\"Articles\"><h3>Articles</h3>\n<table>\n"
    html += "<thead><tr><th class=\"num\">#</th><th>Title</th><th>Verdict</th><th class=\"num\" title=\"summed log-odds of restraint over engagement; positive favours restraint\">Log-odds</th><th class=\"num\">Passages</th></tr></thead>\n<tbody>\n"
    for (i, entry) in entries.enumerated() {
      let article = entry.article
      let name = Self.name(of: article)
      html += "<tr><td class=\"num\">\(i + 1)</td>"
      html += "<td><a href=\"#article-\(i + 1)\">\(HTMLEscaping.text(name))</a><br><span class=\"source\">\(HTMLEscaping.text(article.source))</span></td>"
      html += "<td><span class=\"swatch \(labelClass(article.label))\"></span>\(HTMLEscaping.text(article.label))</td>"
      html += "<td class=\"num\">\(article.stance.map { ReportNumbers.signed($0.score) } ?? ReportNumbers.undefined)</td>"
      html += "<td class=\"num\">\(article.passages.count)</td></tr>\n"
    }
    html += "</tbody>\n</table>\n</nav>\n"
    return html
  }

  private func article(_ entry: Entry, number: Int) -> String {
    let article = entry.article
    let deciding = Dictionary(
      (article.stance?.deciding ?? []).enumerated().map { ($1.index, $0 + 1) }, uniquingKeysWith: { a, _ in a })
    var html = "<article class=\"article\" id=\"article-\(number)\">\n<header>\n"
    html += "<h2>\(HTMLEscaping.text(Self.name(of: article)))</h2>\n"
    html += "<div class=\"verdict\">\(verdict(article))</div>\n"
    html += "<p class=\"source\">\(HTMLEscaping.text(article.source))</p>\n"
    html += "</header>\n"

    // A minimap of the article: one block per passage, in order, linking to it.
    html += "<div class=\"strip\" aria-hidden=\"true\">"
    for passage in article.passages {
      let marked = deciding[passage.index] != nil ? " deciding" : ""
      html += "<a class=\"\(labelClass(passage.label))\(marked)\" href=\"#a\(number)-p\(passage.index)\" title=\"\(HTMLEscaping.attribute("¶\(passage.index) \(passage.label)"))\"></a>"
    }
    html += "</div>\n<p class=\"strip-caption\">The article at a glance: one block per passage in reading order; outlined blocks decided the verdict.</p>\n"

    html += "<ol class=\"passages\">\n"
    for (position, passage) in article.passages.enumerated() {
      let features = position < entry.features.count ? entry.features[position] : []
      html += self.passage(passage, features: features, deciding: deciding[passage.index], articleNumber: number)
    }
    html += "</ol>\n</article>\n"
    return html
  }

  /// The article's title, or its file name when the page declared none.
  static func name(of article: ClassifiedArticle) -> String {
    if let title = article.title, !title.allSatisfy(\.isWhitespace) { return title }
    return article.source.split(separator: "/").last.map(String.init) ?? article.source
  }

  private func verdict(_ article: ClassifiedArticle) -> String {
    var html = "<span class=\"big \(labelClass(article.label))\">\(HTMLEscaping.text(article.label))</span>\n"
    if let stance = article.stance {
      let rule = ArticleStanceRule()
      let leaning = stance.score > 0 ? rule.restraint : rule.engagement
      var why = "Summed log-odds \(ReportNumbers.signed(stance.score)) toward \(leaning)"
      if abs(stance.score) < stance.margin {
        why += ", inside the ±\(ReportNumbers.fixed(stance.margin, 2)) margin"
      } else {
        why += ", clearing the ±\(ReportNumbers.fixed(stance.margin, 2)) margin by \(ReportNumbers.fixed(abs(stance.score) - stance.margin, 2))"
      }
      let voting = article.passages.filter { !$0.heading }.count
      why += "; \(stance.arguing) of \(voting) passages argue, the rest are background."
      html += "<div class=\"why\">\(HTMLEscaping.text(why))</div>\n"
    } else if let vote = article.vote {
      let shares = vote.probabilities.keys.sorted().map { "\($0) \(ReportNumbers.percent(vote.probabilities[$0]))" }
      html += "<div class=\"why\">\(HTMLEscaping.text("Probability vote of the passages: " + shares.joined(separator: ", ")))</div>\n"
    }
    return html
  }

  private func passage(
    _ passage: ClassifiedPassage, features: [FeatureContribution], deciding rank: Int?, articleNumber: Int
  ) -> String {
    let probability = passage.probabilities[passage.label]
    let featureText = features.map { "\($0.feature) (\(ReportNumbers.signed($0.value)))" }.joined(separator: ", ")
    var hover = "\(passage.label) \(ReportNumbers.percent(probability))"
    hover += features.isEmpty ? " · no n-gram favoured it" : " · top n-grams: " + featureText
    var classes = "passage \(labelClass(passage.label))"
    if passage.heading { classes += " heading" }
    if rank != nil { classes += " deciding" }
    var html = "<li id=\"a\(articleNumber)-p\(passage.index)\" class=\"\(classes)\" title=\"\(HTMLEscaping.attribute(hover))\">\n"
    html += "<div class=\"passage-head\"><span class=\"pno\">¶\(passage.index)</span>"
    html += "<span class=\"badge\">\(HTMLEscaping.text(passage.label)) \(ReportNumbers.percent(probability))</span>"
    html += probabilityBar(passage)
    if let rank { html += "<span class=\"flag\">deciding #\(rank)</span>" }
    if passage.heading { html += "<span class=\"novote\">heading · does not vote</span>" }
    html += "</div>\n"
    html += "<p class=\"text\">\(HTMLEscaping.text(passage.text))</p>\n"
    if !features.isEmpty {
      html += "<p class=\"ngrams\"><span class=\"w\">toward \(HTMLEscaping.text(passage.label)):</span> "
      html += features.map {
        "<span class=\"ng\">\(HTMLEscaping.text($0.feature)) \(ReportNumbers.signed($0.value))</span>"
      }.joined(separator: "")
      html += "</p>\n"
    }
    html += "</li>\n"
    return html
  }

  /// The passage's whole distribution as one stacked bar, labels in sorted order.
  private func probabilityBar(_ passage: ClassifiedPassage) -> String {
    let parts = passage.probabilities.keys.sorted()
    let tip = parts.map { "\($0) \(ReportNumbers.percent(passage.probabilities[$0]))" }.joined(separator: " · ")
    var html = "<span class=\"probs\" title=\"\(HTMLEscaping.attribute(tip))\">"
    for label in parts {
      let share = passage.probabilities[label] ?? 0
      guard share.isFinite, share > 0 else { continue }
      html += "<span class=\"\(labelClass(label))\" style=\"width: \(String(format: "%.1f", share * 100))%\"></span>"
    }
    return html + "</span>"
  }
}
