/// Pages written for these tests: one invented column, wrapped in several site templates that
/// reproduce common boilerplate (teaser copy, bylines, photo credits, "More from" blocks,
/// share bars, newsletter boxes, comments, related links). No real page is copied.
enum PageFixtures {
  static let paragraphs = [
    "Every new deployment to the region has been sold as a short bridge to stability, yet the bridges keep getting longer and the far bank never comes into view. Planners who promised a two-year mission are now drafting the fifth annual extension.",
    "The rival factions that once fought each other have found common cause in resisting the foreign presence. That outcome is exactly what a balance-of-threat reading predicts: the larger the outside force, the stronger the incentive for local enemies to cooperate.",
    "Defenders of the mission argue that leaving would invite chaos, and they are not entirely wrong. But chaos is already here, and it has grown in step with the garrison. The question is not whether withdrawal carries risk, but whether staying carries more.",
    "A smaller footprint would not mean indifference. Diplomats, trade ties and quiet intelligence cooperation can protect the interests that matter without handing every armed group a common enemy and a recruiting poster.",
    "Washington has done this before and learned the same lesson each time: presence binds opponents together, and departure lets their old quarrels return. It would be cheaper to remember the lesson than to relearn it again.",
  ]
  static let heading = "What a smaller presence would look like"
  static let title = "Why our presence unites our enemies"
  static let site = "The Daily Ledger"

  /// Text that must never reach the output.
  static let boilerplate = [
    "Getty Images", "More from", "By Jane Roe", "is a columnist at", "Share on Facebook",
    "Sign up for our newsletter", "Great article, I agree", "Reply", "Harbour cranes unload",
    "Ten cities to visit", "The quiet collapse of the grain deal", "Leave a comment",
    "Related", "Advertisement", "Read more", "All rights reserved", "Jane-Roe-columnist-portrait",
  ]

  static var teaser: String { String(paragraphs[0].prefix(120)) + "..." }

  static let moreFromBlock = """
    <section class="more-from">
      <h2>More from \(site)</h2>
      <div class="card"><figure><img src="a.jpg" alt="Harbour cranes unload containers at dusk while a tug waits beside a cargo ship."><figcaption>Harbour cranes unload containers at dusk while a tug waits beside a cargo ship in the outer port.</figcaption></figure>
        <h3><a href="/a">The quiet collapse of the grain deal</a></h3><p>How a promising bargain between exporters fell apart over one clause about shipping insurance.</p></div>
      <div class="card"><figure><img src="b.jpg" alt="Tourists"><figcaption>Tourists crowd a narrow street lined with lanterns during the autumn festival in the old town.</figcaption></figure>
        <h3><a href="/b">Ten cities to visit before the crowds arrive</a></h3><p>Our travel desk picks the places that still feel undiscovered, at least for this season.</p></div>
    </section>
    """

  static let commentsBlock = """
    <div id="comments" class="comments-area"><h3>12 Comments</h3><ol class="comment-list">
      <li class="comment"><p>Great article, I agree with every word and I have been saying the same thing to my friends for years now, nobody listens.</p><a href="#">Reply</a></li>
      <li class="comment"><p>Great article, I agree mostly, although I think the author underestimates how quickly things could fall apart once the last unit leaves the capital.</p><a href="#">Reply</a></li>
    </ol><p class="leave">Leave a comment</p></div>
    """

  /// A semantic template: header, nav, article with figure and share bar, aside, footer.
  static var semantic: String {
    """
    <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>\(title) | \(site)</title>
    <meta property="og:title" content="\(title)"><meta property="og:site_name" content="\(site)">
    <meta name="author" content="Jane Roe"><meta property="article:published_time" content="2024-03-05T08:00:00Z">
    <meta property="article:section" content="Opinion"><link rel="canonical" href="https://ledger.example/opinion/presence">
    </head><body>
    <header class="site-header"><a href="/">\(site)</a><nav><ul><li><a href="/world">World</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/business">Business</a></li><li><a href="/culture">Culture</a></li></ul></nav></header>
    <main><article>
      <header><h1>\(title)</h1><p class="teaser">\(teaser)</p><div class="byline">By Jane Roe, a columnist at \(site)</div></header>
      <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
      <figure><img src="portrait.jpg" alt="Jane-Roe-columnist-portrait"><figcaption>Soldiers patrol a market street. <span class="credit">JOHN DOE/AFP/Getty Images</span></figcaption></figure>
      <p>\(paragraphs[0])</p>
      <p class="photo-credit">JOHN DOE/AFP/Getty Images</p>
      <p>\(paragraphs[1])</p>
      <div class="ad-slot">Advertisement</div>
      <figure class="inline"><img src="m.jpg" alt=""><figcaption>A convoy on the ring road. Photo: JOHN DOE/AFP/Getty Images</figcaption></figure>
      <p>\(paragraphs[2])</p>
      <h2>\(heading)</h2>
      <p>\(paragraphs[3])</p>
      <aside class="related"><h4>Related</h4><ul><li><a href="/x">Sanctions are working, slowly</a></li><li><a href="/y">The case for staying the course</a></li></ul></aside>
      <p>\(paragraphs[4])</p>
      <div class="newsletter-signup"><p>Sign up for our newsletter and get the best of \(site) opinion in your inbox every weekday morning, free of charge.</p><form><input type="email"><button>Subscribe</button></form></div>
      <p>By Jane Roe</p>
      <footer class="article-footer"><p class="author-bio">Jane Roe is a columnist at \(site) and a senior fellow at the Institute for Strategy. Twitter: @janeroe</p></footer>
    </article>
    \(moreFromBlock)
    \(commentsBlock)
    </main>
    <footer class="site-footer"><p>Copyright 2024 \(site). All rights reserved. Read more about our policies and our terms of service on the about page.</p></footer>
    </body></html>
    """
  }

  /// A div-only template with class names only, credits and byline as plain paragraphs, and
  /// one paragraph repeated (pull-quote style) inside the body: the page shows it twice, and
  /// so does the extraction (the benchmarks' ground truths keep such repeats).
  static var divSoup: String {
    """
    <html><head><title>\(title) - \(site)</title>
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"OpinionNewsArticle","headline":"\(title)","author":[{"@type":"Person","name":"Jane Roe"},{"@type":"Person","name":"Sam Poe"}],"datePublished":"2024-03-05","publisher":{"@type":"Organization","name":"\(site)"},"inLanguage":"en","url":"https://ledger.example/p/1","articleBody":"\(paragraphs.joined(separator: " "))"}</script>
    </head><body><div id="page" class="wrapper has-sidebar">
    <div class="top-menu"><a href="/">Home</a> | <a href="/a">About</a> | <a href="/c">Contact</a> | <a href="/s">Subscribe</a></div>
    <div class="main-column"><div class="post">
      <div class="post-title">\(title)</div>
      <div class="post-content">
        <p>\(teaser)</p>
        <p>Jane-Roe-columnist-portrait</p>
        <p>By Jane Roe</p>
        <p>JOHN DOE/AFP/Getty Images</p>
        <p>JOHN DOE/AFP/Getty Images</p>
        <p>\(paragraphs[0])</p>
        <p>\(paragraphs[1])</p>
        <p>\(paragraphs[1])</p>
        <div class="wp-caption"><img src="x.jpg"><p class="wp-caption-text">Soldiers patrol a market street. JOHN DOE/AFP/Getty Images</p></div>
        <p>\(paragraphs[2])</p>
        <h3>\(heading)</h3>
        <p>\(paragraphs[3])</p>
        <p>\(paragraphs[4])</p>
        <p>By Jane Roe, a columnist at \(site) and a senior fellow at the Institute for Strategy.</p>
        <div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Share on Facebook</a></li><li><a href="#">Tweet</a></li></ul></div>
        <div class="jp-relatedposts"><h3>Related</h3><p><a href="/r1">The quiet collapse of the grain deal</a> In "World"</p><p><a href="/r2">Ten cities to visit before the crowds arrive</a> In "Travel"</p></div>
      </div>
      \(commentsBlock)
    </div></div>
    <div class="sidebar widget-area"><div class="widget"><h3>Newsletter</h3><p>Sign up for our newsletter and get the best of \(site) opinion in your inbox every weekday morning, free of charge.</p></div>
    <div class="widget"><h3>Popular</h3><ul><li><a href="/p1">The quiet collapse of the grain deal</a></li><li><a href="/p2">Ten cities to visit before the crowds arrive</a></li></ul></div></div>
    <div class="footer">All rights reserved. Read more about our policies and our terms of service on the about page.</div>
    </div></body></html>
    """
  }

  /// An old table layout without classes: link column, content cell with <br><br> breaks.
  static var tableLayout: String {
    """
    <html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>\(title)</title></head><body>
    <table width="100%"><tr><td colspan="2"><b>\(site)</b> <a href="/">Home</a> <a href="/world">World</a> <a href="/opinion">Opinion</a></td></tr>
    <tr><td width="20%"><a href="/1">World news index and archive</a><br><a href="/2">Opinion columns archive</a><br><a href="/3">Letters to the editor page</a><br><a href="/4">The quiet collapse of the grain deal</a><br><a href="/5">Ten cities to visit before the crowds arrive</a></td>
    <td><font size="5">\(title)</font><br><br>
    \(paragraphs[0])<br><br>\(paragraphs[1])<br><br>\(paragraphs[2])<br><br>
    <b>\(heading)</b><br><br>\(paragraphs[3])<br><br>\(paragraphs[4])<br><br>
    <small>Photo: JOHN DOE/AFP/Getty Images</small></td></tr>
    <tr><td colspan="2"><a href="/t">Terms</a> <a href="/p">Privacy</a> <a href="/c">Contact</a> <a href="/r">Read more</a></td></tr></table>
    </body></html>
    """
  }

  /// The same column as plain text, laid out like a scraped page.
  static var plainText: String {
    """
    \(title)

    \(teaser)

    Jane-Roe-columnist20
    Jane-Roe-columnist20
    Jane Roe
    By , a columnist at \(site) and a senior fellow at the Institute for Strategy.
    JOHN DOE/AFP/Getty Images
    JOHN DOE/AFP/Getty Images
    JOHN DOE/AFP/Getty Images

    \(paragraphs[0])

    \(paragraphs[0])

    \(paragraphs[1])

    \(paragraphs[2])

    \(heading)

    \(paragraphs[3])

    \(paragraphs[4])

    Jane Roe is a columnist at \(site) and a senior fellow at the Institute for Strategy. Twitter: @janeroe

    More from \(site)

    Harbour cranes unload containers at dusk while a tug waits beside a cargo ship in the outer port.
    Harbour cranes unload containers at dusk while a tug waits beside a cargo ship in the outer port.

    The quiet collapse of the grain deal

    How a promising bargain between exporters fell apart over one clause about shipping insurance.

    Tourists crowd a narrow street lined with lanterns during the autumn festival in the old town.
    Tourists crowd a narrow street lined with lanterns during the autumn festival in the old town.

    Ten cities to visit before the crowds arrive

    Our travel desk picks the places that still feel undiscovered, at least for this season.
    """
  }
}
