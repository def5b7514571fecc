/// The named heuristics of main-content extraction: tag roles, class/id hint tokens, thresholds.
/// Nothing here names a site or URL; every rule is about page structure or common vocabulary.
enum BoilerplateRules {
  // MARK: Tag roles

  /// Elements whose text is never content (code, media, form controls, metadata).
  static let skippedTags: Set<Tag> = [
    .title, .meta, .link, .script, .style, .noscript, .template, .svg, .math, .iframe,
    .object, .embed, .canvas, .select, .option, .button, .input, .textarea, .audio, .video, .map,
    .picture, .source,
  ]

  /// Elements that start a new block of text (paragraph boundaries).
  static let blockTags: Set<Tag> = [
    .html, .body, .p, .div, .h1, .h2, .h3, .h4, .h5, .h6, .li, .ul, .ol, .dl, .dt, .dd,
    .blockquote, .pre, .table, .tbody, .thead, .tfoot, .tr, .td, .th, .caption, .section,
    .article, .main, .header, .footer, .nav, .aside, .figure, .figcaption, .form, .fieldset,
    .legend, .address, .center, .details, .summary, .dialog, .menu, .hr, .hgroup,
  ]

  /// Structural elements that hold page furniture rather than the article itself.
  static let boilerplateTags: Set<Tag> = [
    .nav, .aside, .footer, .header, .figure, .figcaption, .form, .dialog, .menu, .address,
    .fieldset, .legend,
  ]

  /// Role bits per tag, so the tree walk tests a tag with one array read instead of set hashing.
  struct TagRoles: OptionSet {
    let rawValue: UInt8
    static let skipped = TagRoles(rawValue: 1)
    static let block = TagRoles(rawValue: 2)
    static let furniture = TagRoles(rawValue: 4)
    static let heading = TagRoles(rawValue: 8)
  }

  /// `TagRoles` indexed by `Tag.rawValue`.
  static let roles: [TagRoles] = Tag.allCases.map { tag in
    var r: TagRoles = []
    if skippedTags.contains(tag) { r.insert(.skipped) }
    if blockTags.contains(tag) { r.insert(.block) }
    if boilerplateTags.contains(tag) { r.insert(.furniture) }
    if headingTags.contains(tag) { r.insert(.heading) }
    return r
  }

  /// `roles` as raw bits, for the hot path.
  static let roleBits: [UInt8] = roles.map(\.rawValue)

  /// Headings; h1 is usually the page title and is dropped when it repeats the title.
  static let headingTags: Set<Tag> = [.h1, .h2, .h3, .h4, .h5, .h6]

  // MARK: Class, id and role hints

  /// A vocabulary entry matched against lower-cased class/id values.
  struct HintToken {
    let bytes: [UInt8]
    /// Whole token only (between non-alphanumerics) rather than anywhere in the value.
    let whole: Bool
    init(_ text: String, whole: Bool = false) {
      bytes = Array(text.utf8)
      self.whole = whole
    }
  }

  /// Page furniture: sharing, navigation, promotion, related links, captions, bylines.
  static let negativeHints: [HintToken] = [
    "share", "sharing", "social", "related", "recommend", "newsletter", "subscri", "signup",
    "sign-up", "sidebar", "widget", "promo", "advert", "sponsor", "breadcrumb", "footer", "navbar",
    "navigation", "menu", "popup", "modal", "cookie", "banner", "byline", "caption", "credit",
    "outbrain", "taboola", "toolbar", "pagination", "pager", "masthead", "tagcloud", "taglist",
    "tag-list", "readmore", "read-more", "more-stories", "trending", "popular", "most-read",
    "mostread", "also-read", "bio", "skip", "sr-only", "visually-hidden", "screen-reader",
    "print-only", "login", "dateline", "timestamp", "header", "comment", "disqus", "replies",
    "feedback", "rating", "teaser", "headline", "kicker", "contributor", "paywall", "donate",
    "copyright", "disclaimer", "correction-", "adbox", "ad-box", "adslot", "ad-slot", "adunit",
    "ad-unit", "ad-container", "adsense", "gpt-ad", "dfp-",
  ].map { HintToken($0) }
    // Not "more": "entry-more" and "#more" hold the rest of an article after the fold.
    + [
      "nav", "ad", "ads", "adv", "aside", "meta", "tags", "tag", "author", "authors", "print",
      "email", "tools", "follow", "rss", "extra", "supplemental", "utility", "overlay",
      "date", "hide", "byl", "dek", "standfirst", "deck",
      "photo", "image", "img", "gallery", "video", "media", "embed", "figure",
    ].map { HintToken($0, whole: true) }

  /// Negative hints that keep their force even on an element holding most of the text:
  /// comment threads can outweigh the article they follow.
  static let strongNegativeHints: [HintToken] = ["comment", "disqus", "replies"].map { HintToken($0) }

  /// Class-name prefixes of a CMS's subject labels ("tag-election category-politics" on a
  /// post): they name the article's topics, not the element's role…
  static let taxonomyPrefixes: [[UInt8]] = ["tag-", "tag_", "category-", "category_"].map { Array($0.utf8) }
  /// …when an element carries at least this many (a lone "tag-list" is still a tag list).
  static let minTaxonomyClasses = 2

  /// Endings that make a comment token a state of the post ("commented", "comments-open",
  /// "comment-count") rather than the comment thread itself.
  static let commentStateSuffixes: [[UInt8]] = ["ed", "able", "s-open", "s-closed", "-open", "-closed", "s-enabled", "-count", "s-count"]
    .map { Array($0.utf8) }

  /// Article containers.
  static let positiveHints: [HintToken] = [
    "article", "content", "entry", "story", "post-body", "postbody", "post-content",
    "prose", "blog", "main", "body", "text", "rich-text", "richtext",
  ].map { HintToken($0) } + ["post"].map { HintToken($0, whole: true) }

  /// ARIA roles of page furniture.
  static let negativeRoles: Set<String> = [
    "navigation", "complementary", "contentinfo", "banner", "menu", "menubar", "dialog",
    "alert", "search", "toolbar", "tablist", "button",
  ]

  /// A negative hint counts this many times a positive one: "comment-content" is a comment.
  static let negativeHintWeight = 2

  /// A weakly negative element keeps its content when it holds at least this share of the
  /// page's content mass: layout wrappers such as "has-sidebar" wrap the whole article.
  static let wrapperMassShare = 0.4
  /// …and spans at least this many prose blocks: one long notice is not a layout wrapper.
  static let minWrapperProseBlocks: Int32 = 3
  /// Score multiplier for an element marked `itemprop="articleBody"`, the page's own claim.
  static let declaredBodyBonus = 2.0

  // MARK: Block thresholds

  /// Blocks where links hold more than this share of the words are link lists.
  static let maxLinkDensity = 0.5
  /// Short blocks with a link share above this are navigation ("Read more: <link>").
  static let maxShortLinkDensity = 0.4
  /// Blocks up to this many words count as short for the link rule above.
  static let shortBlockWords = 25
  /// A block of at least this many words with low link density is a content paragraph.
  static let contentParagraphWords = 15
  /// Each block costs this many words of score, so a swarm of tiny blocks (menus, labels)
  /// weighs against a region even when each is harmless on its own.
  static let perBlockPenalty = 1.0
  /// In an otherwise textual block, a linked word cancels a plain one (on top of not counting).
  static let linkWordCost = 1.0
  /// A link list's words count against its region at this rate: less than furniture, because
  /// article bodies carry inline "read also" links that must not sink the whole body.
  static let linkBlockCost = 0.6
  /// Inside the chosen container, a link-heavy block of at least this many words that ends
  /// like a sentence is the article's own sentence with links in it (a news digest), not a list
  /// of links.
  static let minLinkedSentenceWords: Int32 = 8
  /// …unless its first word sends the reader elsewhere: that sentence is a promotion.
  static let callsToAction: Set<String> = [
    "read", "see", "watch", "listen", "click", "subscribe", "sign", "get", "join", "follow",
    "download", "order", "buy", "shop", "try", "register", "learn", "visit", "check", "explore",
  ]
  /// A linked line of at least this many words reads as another article's headline…
  static let minHeadlineLinkWords: Int32 = 4
  /// …and a paragraph under it shorter than this is that article's teaser summary.
  static let maxTeaserSummaryWords: Int32 = 50
  /// …when both sit in one small element (a card) of at most this many blocks; a linked
  /// headline and the next paragraph of an article body share only the whole body.
  static let maxCardBlocks: Int32 = 4
  /// A heading containing (or contained in) the title is the headline only from this length,
  /// so a one-word section heading that happens to occur in the title stays.
  static let minTitleMatchCharacters = 12
  /// Characters that split a title into parts ("Headline | Site", "Site: Headline"); a heading
  /// equal to one part is the headline, however short.
  static let titleSeparators: Set<Character> = ["|", "-", "–", "—", ":", "»", "«", "·", "•", "/"]
  /// …from this many letters and digits, so a stray "by" or year is no headline.
  static let minTitlePartCharacters = 4
  /// A choice keeping fewer unlinked words than this is checked against the section under the
  /// page's headline (a short post loses to a longer sidebar box); longer choices stand.
  static let maxShortArticleWords = 300.0
  /// …and replaced only when that section holds at least this share of its words: a dateline
  /// or "Updated …" stamp under a headline is not the article.
  static let minHeadlineSectionShare = 0.1
  /// A paragraph that is all bold, up to this many words and not a sentence, is a heading.
  static let maxBoldHeadingWords: Int32 = 12
  /// A JSON-LD articleBody shorter than this is a summary, not a body to check paragraphs against.
  static let minDeclaredBodyBytes = 200
  /// A link-heavy block is rescued by the declared body only from this length (short link
  /// labels occur in any text).
  static let minDeclaredMatchBytes = 30
  /// An element is taken whole unless it keeps less than this share of the value of its best
  /// run of children (a comment thread or link lists beside the article cost it the rest).
  static let minWholeElementShare = 0.5
  /// The container moves up to its parent while the parent keeps this share of its value and
  /// holds more prose (a lone paragraph must not win over its own article body).
  static let climbShare = 0.8
  /// A comment thread's label is a short heading ("12 Responses to “…”" included).
  static let maxThreadLabelWords: Int32 = 30
  /// When the chosen blocks hold less than this share of the page's prose mass, the choice is
  /// checked against one made without weak class hints (they may have hidden the article)…
  static let fallbackKeptShare = 0.5
  /// …which replaces it when it keeps at least this many times the unlinked words.
  static let fallbackGain = 4.0
  /// A page shows its article twice when at least this many different paragraphs repeat…
  static let minCopyParagraphs = 2
  /// …and the repeats hold at least this share of the other text's bytes.
  static let minCopyShare = 0.8
  /// Paragraphs count as repeats only from this many characters up, so repeated short
  /// headings or list markers are not mistaken for a duplicated article.
  static let minRepeatCharacters = 20
}
