import Testing

@testable import StanceKit

@Suite struct ArticleReportTests {
  static let evil = InjectionPayloads.combined

  static func hostileArticle(probabilityOrder reversed: Bool = false) -> ArticleReport.Entry {
    func probabilities(_ pairs: [(String, Double)]) -> [String: Double] {
      var result: [String: Double] = [:]
      for (label, p) in reversed ? pairs.reversed() : pairs { result[label] = p }
      return result
    }
    let passages = [
      ClassifiedPassage(
        index: 0, heading: true, text: "Heading " + evil, label: "neutral",
        probabilities: probabilities([("engagement", 0.1), ("neutral", 0.8), ("restraint", 0.1)])),
      ClassifiedPassage(
        index: 1, heading: false, text: evil, label: "restraint",
        probabilities: probabilities([("engagement", 0.05), ("neutral", 0.05), ("restraint", 0.9)])),
      ClassifiedPassage(
        index: 2, heading: false, text: "Plain & simple <b>not bold</b>", label: "engagement",
        probabilities: probabilities([("engagement", 0.7), ("neutral", 0.2), ("restraint", 0.1)])),
    ]
    let stance = ArticleStance(
      label: "restraint", score: 2.5, margin: 1, arguing: 2,
      deciding: [PassageEvidence(index: 1, label: "restraint", logOdds: 2.9)])
    let article = ClassifiedArticle(
      source: "/tmp/" + evil + ".html", title: evil, label: "restraint", stance: stance, vote: nil, passages: passages)
    let features: [[FeatureContribution]] = [
      [],
      [FeatureContribution(feature: evil, count: 1, value: 1.5), FeatureContribution(feature: "leave", count: 1, value: 0.5)],
      [FeatureContribution(feature: "allies", count: 2, value: 0.75)],
    ]
    return ArticleReport.Entry(article: article, features: features)
  }

  static func page(reversed: Bool = false, count: Int = 2) -> String {
    ArticleReport(
      entries: Array(repeating: hostileArticle(probabilityOrder: reversed), count: count),
      labels: ["restraint", "engagement", "neutral"], title: "Report " + evil
    ).html()
  }

  @Test func nothingFromTheInputBecomesMarkup() {
    let html = Self.page()
    #expect(InjectionPayloads.problems(in: html) == [])
    // The escaped forms are there: the text survived, as text.
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;"))
    #expect(html.contains("&#39; onmouseover=&#39;x"))
    #expect(html.contains("&lt;/style&gt;") && html.contains("]]&gt;") && html.contains("&lt;!--"))
  }

  @Test func passageTextAndFeaturesRoundTrip() {
    let scanner = MarkupScanner(Self.page())
    #expect(scanner.text.contains(Self.evil))
    #expect(scanner.text.contains("Plain & simple <b>not bold</b>"))
    // The hover text of the passage carries the feature, decoded intact.
    let passage = scanner.elements("li").first { $0.attribute("id") == "a1-p1" }
    #expect(passage?.attribute("title")?.contains(Self.evil + " (+1.50)") == true)
    #expect(passage?.attribute("class") == "passage l2 deciding")  // labels sorted: restraint is third
    // The caption prints the same n-grams.
    #expect(scanner.elements("p").filter { $0.attribute("class") == "ngrams" }.count == 4)
  }

  @Test func marksDecidingPassagesHeadingsAndIndex() {
    let html = Self.page()
    #expect(html.components(separatedBy: "deciding #1").count - 1 == 2)
    #expect(html.components(separatedBy: "heading · does not vote").count - 1 == 2)
    let scanner = MarkupScanner(html)
    #expect(scanner.elements("nav").count == 1)
    #expect(scanner.elements("a").compactMap { $0.attribute("href") }.filter { $0.hasPrefix("#article-") } == ["#article-1", "#article-2"])
    #expect(scanner.elements("article").count == 2)
    // A single article has no index.
    #expect(MarkupScanner(Self.page(count: 1)).elements("nav").isEmpty)
  }

  @Test func legendNamesEveryLabelOnce() {
    let scanner = MarkupScanner(Self.page())
    let legend = scanner.tags.first { $0.attribute("id") == "legend" }
    #expect(legend != nil)
    for label in ["engagement", "neutral", "restraint"] {
      #expect(Self.page().contains("</span>\(label)</span>"))
    }
  }

  @Test func outputIsDeterministic() {
    #expect(Self.page() == Self.page())
    #expect(Self.page() == Self.page(reversed: true))
    #expect(Self.page().contains("<footer>Made by <code>stance</code>.</footer>"))  // no date unless given
    let stamped = ArticleReport(entries: [Self.hostileArticle()], labels: ["a"], generated: "2026-11-22 01:00 UTC").html()
    #expect(stamped.contains("2026-11-22 01:00 UTC"))
  }

  @Test func reportFromARealModelExplainsEveryPassage() throws {
    let training = [
      TrainingExample(text: "we should withdraw the troops and come home", label: "restraint"),
      TrainingExample(text: "bring the troops home and end the war", label: "restraint"),
      TrainingExample(text: "allies need our sustained presence and commitment", label: "engagement"),
      TrainingExample(text: "stand with allies and keep the alliance strong", label: "engagement"),
      TrainingExample(text: "the budget was passed in march", label: "neutral"),
      TrainingExample(text: "the meeting took place in the capital", label: "neutral"),
    ]
    let model = try NaiveBayesModel(training: training, options: TrainingOptions())
    let article = Article(
      source: "x.txt", title: "Home", passages: [
        Passage(index: 0, text: "It is time to withdraw and bring the troops home", heading: false),
        Passage(index: 1, text: "The meeting was in march", heading: false),
      ])
    let classified = model.classify(article)
    let html = ArticleReport(articles: [classified], model: model).html()
    #expect(InjectionPayloads.problems(in: html) == [])
    let scanner = MarkupScanner(html)
    for passage in article.passages { #expect(scanner.text.contains(passage.text)) }
    let restraint = scanner.elements("li").first { $0.attribute("id") == "a1-p0" }
    #expect(restraint?.attribute("title")?.contains("top n-grams:") == true)
    #expect(restraint?.attribute("title")?.contains("withdraw") == true)
  }
}
