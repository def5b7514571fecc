/// Measures of one text block used to choose and filter content.
extension DocumentTree.Block {
  /// Share of the words that sit inside links.
  var linkDensity: Double { Double(linkWords) / Double(max(words, 1)) }

  /// A long, link-poor block: the kind of text articles are made of.
  var isProse: Bool {
    words >= BoilerplateRules.contentParagraphWords
      && linkDensity <= BoilerplateRules.maxShortLinkDensity
  }

  /// Contribution to its region's score when choosing the container: unlinked words, less
  /// link words and a per-block cost; furniture and link lists count against the region.
  func containerScore(bad: Bool) -> Double {
    let w = Double(words)
    if bad { return -w }
    if linkDensity > BoilerplateRules.maxLinkDensity {
      return -w * BoilerplateRules.linkBlockCost - BoilerplateRules.perBlockPenalty
    }
    let links = Double(linkWords)
    return (w - links) - BoilerplateRules.linkWordCost * links - BoilerplateRules.perBlockPenalty
  }

  /// A short paragraph right after a linked headline reads as a teaser card's summary.
  func isTeaserSummary(after previous: DocumentTree.Block) -> Bool {
    words < BoilerplateRules.maxTeaserSummaryWords
      && previous.linkWords >= BoilerplateRules.minHeadlineLinkWords
      && previous.linkDensity > BoilerplateRules.maxLinkDensity
  }

  /// Passes the link-density rules for output (link lists and short "read more" lines fail).
  var passesLinkRules: Bool {
    if linkDensity > BoilerplateRules.maxLinkDensity { return false }
    if words <= BoilerplateRules.shortBlockWords && linkDensity > BoilerplateRules.maxShortLinkDensity {
      return false
    }
    return true
  }
}
