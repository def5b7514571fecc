import Testing
@testable import StanceKit

/// One test per cause of lost text found on the extraction benchmarks (issue 15). Every page
/// here is written for the test from the invented column in `PageFixtures`; no benchmark page
/// or third-party text is copied.
@Suite struct RecallTests {
  let p = PageFixtures.paragraphs

  func texts(_ html: String) throws -> [String] {
    try Ingester.ingest(bytes: Array(html.utf8), source: "page.html").passages.map(\.text)
  }

  /// Invented reader comments, long enough to outweigh the article when counted as text.
  static let comments = (1...5).map { n in
    "Reader \(n) writes: I have followed this debate for a long time and I still think the argument leaves out the cost to the families who live near the bases, who never get asked what they want and who carry most of the burden."
  }

  /// The class/id hint of the first element of `html` that `matches`.
  func hint(in html: String, of matches: (DocumentTree.Element) -> Bool) throws -> Int8? {
    let tree = DocumentTree.build(from: try HTMLDocument.parse(Array(html.utf8), source: "page.html"))
    return tree.elements.first(where: matches)?.hint
  }

  @Test func taxonomyClassesAreNotRoleHints() throws {
    // A CMS lists the post's subject terms as classes; "tag-photo" or "tag-sidebar" names a
    // topic, not a photo box or a sidebar.
    let html = """
      <html><body><article class="post type-post tag-photo tag-sidebar tag-media category-world">
      <p>\(p[0])</p><p>\(p[1])</p></article>
      <div class="sidebar"><p>\(p[4])</p></div></body></html>
      """
    #expect(try hint(in: html) { $0.tag == .article } == 1)
    #expect(try texts(html) == [p[0], p[1]])
    // One such class is still read: a lone "tag-list" is a list of tags.
    #expect(try hint(in: "<div class=\"tag-list\">x</div>") { $0.tag == .div } == -1)
  }

  @Test func aCommentStateIsNotTheCommentThread() throws {
    let thread = Self.comments.map { "<li><p>\($0)</p></li>" }.joined()
    let html = """
      <html><body><article class="post commented comments-open"><p>\(p[0])</p><p>\(p[1])</p><p>\(p[2])</p></article>
      <div id="comments"><ol>\(thread)</ol></div></body></html>
      """
    #expect(try hint(in: html) { $0.tag == .article } == 1)
    #expect(try texts(html) == [p[0], p[1], p[2]])
    #expect(try hint(in: "<div class=\"comment-list\">x</div>") { $0.tag == .div } == -2)
  }

  @Test func aShortArticleInsideAFurnitureWrapperIsFound() throws {
    // An unclosed or misnamed wrapper ("header") around the whole page made every paragraph
    // furniture, and a two-paragraph article is too short to count as a layout wrapper.
    let html = """
      <html><body><div id="header"><div class="logo"><a href="/">The Daily Ledger</a></div>
      <div class="post"><p>\(p[0])</p><p>\(p[1])</p></div>
      <div class="links"><a href="/a">About</a> <a href="/b">Archive</a></div></div></body></html>
      """
    #expect(try texts(html) == [p[0], p[1]])
  }

  @Test func aPageWithTextNeverYieldsNothing() throws {
    let links = try texts("<html><body><p><a href=\"/a\">alpha</a></p><p><a href=\"/b\">beta</a></p></body></html>")
    #expect(links.joined(separator: " ").contains("alpha"))
    let short = try texts("<html><body><div class=\"sidebar\"><p>Closed for the holiday.</p></div></body></html>")
    #expect(short == ["Closed for the holiday."])
  }

  @Test func anArticleSharingItsParentWithALongerCommentThread() throws {
    // The article's paragraphs and the comment thread are children of one element, so no
    // single element holds just the article: the run of paragraphs before the thread is it.
    let thread = Self.comments.map { "<div class=\"comment\"><p>\($0)</p></div>" }.joined()
    let html = """
      <html><body><div class="main"><p>\(p[0])</p><p>\(p[1])</p><p>\(p[2])</p>
      <div id="comments">\(thread)</div></div></body></html>
      """
    #expect(try texts(html) == [p[0], p[1], p[2]])
  }

  @Test func anUnmarkedThreadAfterItsLabelIsNotTheArticle() throws {
    // Older blog templates put the comments right after the post, in the same element, as
    // plain paragraphs under a "Comments" heading: the label ends the article.
    let thread = Self.comments.map { "<p>\($0)</p><p>Posted by: a reader at 9:01 AM</p>" }.joined()
    let html = """
      <html><body><div id="center"><p>\(p[0])</p><p>\(p[1])</p>
      <h2>12 Comments</h2>\(thread)</div></body></html>
      """
    #expect(try texts(html) == [p[0], p[1]])
    // A comment-count line before the text opens nothing, and "Response" alone is a section.
    let top = """
      <html><body><div class="post"><h2>12 Comments</h2><p>\(p[0])</p><h3>Response</h3><p>\(p[1])</p></div></body></html>
      """
    #expect(try texts(top) == ["12 Comments", p[0], "Response", p[1]])
    #expect(LineRules.isThreadLabel("3 Responses to \u{201C}Why our presence unites our enemies\u{201D}"))
    #expect(!LineRules.isThreadLabel("Response"))
  }

  @Test func aLoneParagraphDoesNotWinOverItsBody() throws {
    let second = "The vote on the next extension is expected in the spring, and the outcome is far from certain this time around."
    let share = "<div class=\"share\">Share this story with your friends on any of the networks below, or send it by email to a colleague who follows the region.</div>"
    let html = "<html><body><div class=\"x\"><p>\(p[0])</p><p>\(second)</p>\(share)</div></body></html>"
    #expect(try texts(html) == [p[0], second])
  }

  @Test func theRestOfAnArticleAfterTheFoldIsKept() throws {
    let html = """
      <html><body><div class="entry"><div class="entry-body"><p>\(p[0])</p></div>
      <div class="entry-more"><p>\(p[1])</p><p>\(p[2])</p></div></div></body></html>
      """
    #expect(try texts(html) == [p[0], p[1], p[2]])
  }

  @Test func theLedeIsNotCutOffByAFigure() throws {
    let figure = "<div class=\"media\"><div>Photo gallery: convoys on the ring road, the market street at dusk, the outer port and the old town festival, all taken during the last week of the mission.</div></div>"
    let html = "<html><body><div class=\"story\"><p>\(p[0])</p>\(figure)<p>\(p[1])</p><p>\(p[2])</p><p>\(p[3])</p></div></body></html>"
    #expect(try texts(html) == [p[0], p[1], p[2], p[3]])
  }

  @Test func aRepeatedParagraphStaysButASecondCopyOfTheArticleGoes() throws {
    let twice = "<html><body><div class=\"story\"><p>\(p[0])</p><p>\(p[1])</p><p>\(p[1])</p><p>\(p[2])</p></div></body></html>"
    #expect(try texts(twice) == [p[0], p[1], p[1], p[2]])
    let copy = """
      <html><body><div class="story"><p>\(p[0])</p><p>\(p[1])</p><p>\(p[2])</p>
      <div class="print-version"><p>\(p[0])</p><p>\(p[1])</p><p>\(p[2])</p></div></div></body></html>
      """
    #expect(try texts(copy) == [p[0], p[1], p[2]])
  }

  @Test func mainTextOutsideParagraphs() throws {
    let br = try texts("<html><body><div class=\"content\"><div>\(p[0])<br><br>\(p[1])</div></div></body></html>")
    #expect(br == [p[0], p[1]])
    let list = try texts("<html><body><div class=\"content\"><ul><li>\(p[0])</li><li>\(p[1])</li></ul></div></body></html>")
    #expect(list == [p[0], p[1]])
    let table = try texts("<html><body><table><tr><td><a href=\"/\">Home</a></td><td>\(p[0])</td></tr><tr><td></td><td>\(p[1])</td></tr></table></body></html>")
    #expect(table == [p[0], p[1]])
    let code = "let total = deployments.reduce(0) { $0 + $1.years } // five extensions so far"
    let pre = try texts("<html><body><div class=\"post\"><p>\(p[0])</p><pre>\(code)</pre><p>\(p[1])</p></div></body></html>")
    #expect(pre == [p[0], code, p[1]])
  }

  @Test func aShortPostUnderItsHeadlineBeatsALongerSidebarBox() throws {
    // A two-line post weighs less than the blog's "small print" box; the heading that repeats
    // the title (and not the masthead, which repeats it too) says where the article is.
    let post = "Happy Friday! We loved this evening walk along the harbour and its strings of lights."
    let html = """
      <html><head><title>Harbour lights - The Ledger blog</title></head><body>
      <div id="masthead"><h1><a href="/">The Ledger blog</a></h1></div>
      <div id="column-one"><div class="box"><h2>Search</h2><form><input name="q"></form></div>
      <div class="box"><h2>More Ledger</h2><ul><li><a href="/a">Ports of the north</a></li><li><a href="/b">Winter maps</a></li><li><a href="/c">Boats we love</a></li></ul></div>
      <div class="box module-content"><h2>Small print</h2><p>\(p[4])</p></div></div>
      <div id="column-two"><h2 class="date">October 26</h2><h3>Harbour lights</h3>
      <div class="post"><p>Happy Friday! We loved this evening walk along the <a href="/h">harbour</a> and its strings of lights.</p></div>
      <h3>TrackBack</h3><p><a href="/tb">Trackback address for this entry</a></p><h3>Comments</h3><p>Post a comment</p></div>
      </body></html>
      """
    #expect(try texts(html) == [post])
  }

  @Test func aHeaderBoxWithItsBylineDoesNotReplaceTheBody() throws {
    // The headline's own box ends after the byline; the section it opens is the body beside it,
    // which the first choice already holds.
    let html = """
      <html><head><title>Why our presence unites our enemies | The Daily Ledger</title></head><body>
      <div class="headline_area"><h1>Why our presence unites our enemies</h1><p>by Jane Roe on July 14, 2012</p></div>
      <div class="entry-content"><p>\(p[0])</p></div>
      <div class="sidebar"><h2>Archives</h2><ul><li><a href="/1">June</a></li><li><a href="/2">May</a></li></ul></div>
      </body></html>
      """
    #expect(try texts(html) == [p[0]])
  }

  @Test func aSentenceWithLinksInsideTheArticleStays() throws {
    // A news digest links most of its words; a linked sentence is still the article's, while
    // a linked title with no sentence ending is a link list.
    let linked = "We published a long report on the harbour agreement and what it means for the northern ports."
    let html = """
      <html><body><article><p>\(p[0])</p>
      <ul><li>We published <a href="/x">a long report on the harbour agreement and what it means for the northern ports</a>.</li>
      <li><a href="/y">Ports of the north</a></li><li><a href="/z">Winter maps and the people who draw them</a></li></ul>
      <p>\(p[1])</p></article></body></html>
      """
    #expect(try texts(html) == [p[0], linked, p[1]])
  }

  @Test func aPageOfOnlyAHeadlineAndBylineDoesNotYieldItsComments() throws {
    // When the residue rules leave nothing of the chosen text, that text is still the page's
    // article; the comment thread below it is not.
    let thread = Self.comments.map { "<li><p>\($0)</p></li>" }.joined()
    let html = """
      <html><head><title>Comments welcome | The Ledger</title></head><body>
      <div class="post"><h1>Comments welcome</h1><p>by Jane Roe on July 21, 2012</p></div>
      <div id="comments"><ol>\(thread)</ol></div></body></html>
      """
    let out = try texts(html)
    #expect(!out.isEmpty)
    #expect(!out.contains { $0.contains("Reader") })
  }
}
