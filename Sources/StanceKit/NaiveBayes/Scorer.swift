import Foundation

/// Log-space weights derived from counts, plus the lookup from n-grams to feature rows.
///
/// Nothing here is serialised: it is rebuilt from `NaiveBayesCounts` at training and load time.
/// Every variant scores a document as `bias[c] + ∑_f count(f) · weight[f, c]`:
/// - multinomial: weight = log θ_fc with θ_fc = (N_fc + α) / (N_c + α·|V|), bias = log prior;
/// - complement (Rennie et al. 2003, unnormalised as in scikit-learn's ComplementNB):
///   weight = −log θ̃_fc with θ̃_fc = (Ñ_fc + α) / (Ñ_c + α·|V|) over the other classes' counts
///   Ñ_fc = ∑_{c'≠c} N_fc', and no prior (scikit-learn adds it only for a one-class model);
/// - Bernoulli: p_fc = (D_fc + α) / (D_c + 2α), weight = log p_fc − log(1 − p_fc),
///   bias = log prior + ∑_f log(1 − p_fc), so only present features cost anything.
/// |V| counts only features whose total count reaches `minCount`; the others are invisible.
///
/// Weights are sparse like the counts: where N_fc = 0 the weight is `rowBase[f] + perCount[c]`
/// (a row term only complement models have, plus a label term), so only nonzero counts store a
/// cell, holding the weight minus those two terms.
final class Scorer: Sendable {
  let labelCount: Int
  /// Per-label term of every weight (multiplied by the feature's count).
  let perCount: [Double]
  /// Row `r`'s cells are `cells[cellStarts[r]..<cellStarts[r + 1]]`, labels ascending.
  ///
  /// Four bytes a row: a 1-2-gram model's 3 million rows take 12 MB, which stays in the level-3
  /// cache beside the cells, where 16-byte records with the row term took 49 MB and missed it.
  let cellStarts: [Int32]
  /// The term every label's weight of a row shares: complement models only, empty otherwise.
  let rowBase: [Double]
  /// Each nonzero count's label and weight minus its row's `base` and its label's `perCount`.
  let cells: WeightCells
  /// Rows `0..<denseRows` also keep their cells' weights dense: `labelCount` palette indices
  /// per row (`cells.palette`), naming 0 where the count is zero. Frequent n-grams have a cell
  /// for most labels (20 Newsgroups' test documents touch 13.5 cells per feature); a contiguous
  /// row adds in one loop instead of one scattered add per cell, with the same sums bit for bit
  /// (adding 0 changes nothing). The prefix is the longest that is at least half full, so it
  /// never takes more memory than those rows' cells. Two-byte indices instead of the weights
  /// themselves take a quarter of the room (the 200 MB corpus's unigram rows: 0.9 MB instead of
  /// 3.6 MB, which stays in the level-2 cache); a palette too large for them means no dense rows.
  let denseRows: Int
  let denseIndices: [UInt16]
  /// Rows `0..<hotRows` (a prefix of the dense ones) also keep their weights themselves,
  /// `labelCount` doubles a row, in at most `hotWeightBytes`: most of a document's features are
  /// frequent, and their rows add in a loop the compiler vectorises, with no palette lookup per
  /// label, and the same sums bit for bit.
  let hotRows: Int
  let hotWeights: [Double]
  /// The room `hotWeights` may take: half the level-2 cache of the machines we measure on.
  static let hotWeightBytes = 512 << 10
  /// Bernoulli only: log(1 − p) where the count is zero, per label; empty otherwise.
  let absenceBase: [Double]
  /// Bernoulli only: log(1 − p) minus `absenceBase`, per cell; empty otherwise.
  let cellAbsences: [Double]
  /// Per-label constant term (prior, plus the all-absent Bernoulli term).
  let bias: [Double]
  /// The prior part of `bias`.
  let logPrior: [Double]
  /// Vocabulary index of each weight row (rows run from the most to the least frequent feature).
  let rowFeature: [Int32]
  /// Rows whose n-gram holds a punctuation mark (`PassageCounting`).
  let rowHasMark: [Bool]
  private let lookup: FeatureLookup
  /// Whether `lookup`'s n-gram table slots carry their weight rows as tags: true when the
  /// scorer built the lookup (a loaded model), which saves a miss in `rowOfID` per n-gram; a
  /// lookup shared by several models (cross-validation folds) cannot.
  private let rowsInTags: Bool
  /// Weight row of each n-gram id of `lookup`, or -1 for features below `minCount`; empty with `rowsInTags`.
  private let rowOfID: [Int32]
  /// Weight row of each token's unigram, or -1.
  private let rowOfToken: [Int32]
  /// The tokens of the most frequent unigram rows.
  private let hotTokens: HotTokens
  /// Weight row of each vocabulary index, or -1 for features below `minCount`.
  private let rowOfFeature: [Int32]

  /// Builds the weights and lookup of `counts`. Their cells go once the weights are built, which
  /// frees them when the caller gave up its own copy (`consume`).
  init(
    counts: consuming NaiveBayesCounts, options: TrainingOptions, lookup sharedLookup: FeatureLookup? = nil,
    hotWeightBytes: Int = Scorer.hotWeightBytes
  ) {
    let labelCount = counts.labels.count
    let size = counts.vocabulary.count
    self.labelCount = labelCount
    let minCount = Double(options.features.minCount)
    // The weights take room for every cell before the temporaries below do: freed memory stays
    // with the process (`ProcessMemory`), and the weights then fit where a loaded model's file
    // bytes were instead of raising the peak (loading a 1-2-gram model: 63 MB lower).
    var cellStarts: [Int32] = [0]
    var cells = WeightCells(labelCount: labelCount, capacity: counts.cellCounts.count)
    cellStarts.reserveCapacity(size + 1)
    var active: [Int] = []
    active.reserveCapacity(size)
    var featureTotals: [Double] = []
    featureTotals.reserveCapacity(size)
    var labelTotals = [Double](repeating: 0, count: labelCount)
    for feature in 0..<size {
      let cells = counts.rowStarts[feature]..<counts.rowStarts[feature + 1]
      var total = 0.0
      for cell in cells { total += counts.cellCounts[cell] }
      if total >= minCount && total > 0 {
        active.append(feature)
        featureTotals.append(total)
        for cell in cells { labelTotals[Int(counts.cellLabels[cell])] += counts.cellCounts[cell] }
      }
    }
    (active, featureTotals) = Self.frequentFirst(active, totals: featureTotals)
    let alpha = options.alpha
    let activeCount = Double(active.count)
    let documents = counts.documentCounts.reduce(0, +)
    let logPrior: [Double] = counts.documentCounts.map { count in
      options.fitPrior ? log(max(count, Self.emptyClassDocuments)) - log(max(documents, 1))
        : -log(Double(labelCount))
    }
    var rowBase: [Double] = []
    var absenceBase: [Double] = []
    var cellAbsences: [Double] = []
    var perCount = [Double](repeating: 0, count: labelCount)
    // Complement naive Bayes has no prior term (see above).
    var bias = options.variant == .complement ? [Double](repeating: 0, count: labelCount) : logPrior
    let logAlpha = log(alpha)
    let logPlusAlpha = LogPlusAlpha(alpha: alpha)
    // One pass over the active rows' cells; `weight` gives a cell's weight and absence term. The
    // arrays it fills are parameters: captured, every append paid a dynamic exclusivity check
    // (a tenth of loading a 1-2-gram model).
    func eachCell(
      into cells: inout WeightCells, starts cellStarts: inout [Int32], absences cellAbsences: inout [Double],
      _ weight: (_ row: Int, _ label: Int, _ count: Double) -> (weight: Double, absence: Double)
    ) {
      let keepsAbsences = !absenceBase.isEmpty
      counts.rowStarts.withUnsafeBufferPointer { rowStarts in
        counts.cellLabels.withUnsafeBufferPointer { cellLabels in
          counts.cellCounts.withUnsafeBufferPointer { cellCounts in
            // Rows come in frequency order, so their counts are scattered: a row's start is
            // fetched 16 rows ahead and its cells 8 ahead, so that the misses overlap (a 1-2-gram
            // model's 3 million rows stalled here for most of building its weights).
            for (row, feature) in active.enumerated() {
              if row + 16 < active.count { rowStarts.prefetch(active[row + 16]) }
              if row + 8 < active.count {
                let ahead = rowStarts[active[row + 8]]
                cellLabels.prefetch(ahead)
                cellCounts.prefetch(ahead)
              }
              for cell in rowStarts[feature]..<rowStarts[feature + 1] {
                let label = cellLabels[cell]
                let (w, a) = weight(row, Int(label), cellCounts[cell])
                cells.append(label: Int(label), weight: w)
                if keepsAbsences { cellAbsences.append(a) }
              }
              cellStarts.append(Int32(cells.count))
            }
          }
        }
      }
    }
    switch options.variant {
    case .multinomial:
      // weight = log(N_fc + α) − log(N_c + α|V|); a zero count's part is log α.
      for label in 0..<labelCount { perCount[label] = logAlpha - log(labelTotals[label] + alpha * activeCount) }
      eachCell(into: &cells, starts: &cellStarts, absences: &cellAbsences) { _, _, n in (logPlusAlpha(n) - logAlpha, 0) }
    case .complement:
      // weight = −log(T_f − N_fc + α) + log(T − N_c + α|V|), with T_f the row's total.
      let all = featureTotals.reduce(0, +)
      for label in 0..<labelCount { perCount[label] = log(all - labelTotals[label] + alpha * activeCount) }
      rowBase = featureTotals.map { -logPlusAlpha($0) }
      eachCell(into: &cells, starts: &cellStarts, absences: &cellAbsences) { row, _, n in
        (-rowBase[row] - logPlusAlpha(featureTotals[row] - n), 0)
      }
    case .bernoulli:
      // weight = log(D_fc + α) − log(D_c − D_fc + α); absence = log(D_c − D_fc + α) − log(D_c + 2α).
      let logAllAbsent = counts.documentCounts.map { log($0 + alpha) }
      for label in 0..<labelCount {
        perCount[label] = logAlpha - logAllAbsent[label]
        absenceBase.append(logAllAbsent[label] - log(counts.documentCounts[label] + 2 * alpha))
      }
      eachCell(into: &cells, starts: &cellStarts, absences: &cellAbsences) { _, label, d in
        let logAbsent = logPlusAlpha(counts.documentCounts[label] - d)
        return (logPlusAlpha(d) - logAbsent - perCount[label], logAbsent - logAllAbsent[label])
      }
      // Summed in cell order, as the pass above met them.
      var absentSums = [Double](repeating: 0, count: labelCount)
      for (cell, absence) in cellAbsences.enumerated() { absentSums[cells.label(cell)] += absence }
      for label in 0..<labelCount { bias[label] += activeCount * absenceBase[label] + absentSums[label] }
    }
    // Building the lookup below is the peak of loading a large model: the frequency-ordered
    // features shrink to the 4-byte row features, and the totals go (49 MB for 1-2-grams), as
    // do the cells when nobody else holds them (89 MB).
    let rowFeature = active.map { Int32($0) }
    active = []
    featureTotals = []
    counts.rowStarts = []
    counts.cellLabels = []
    counts.cellCounts = []
    var filled = 0
    var denseRows = 0
    for row in rowFeature.indices {
      filled += Int(cellStarts[row + 1] - cellStarts[row])
      if 2 * filled >= (row + 1) * labelCount { denseRows = row + 1 }
    }
    let zero = denseRows > 0 ? cells.paletteIndex(of: 0) : 0
    if cells.palette.count > Int(UInt16.max) + 1 { denseRows = 0 }
    var denseIndices = [UInt16](repeating: UInt16(truncatingIfNeeded: zero), count: denseRows * labelCount)
    for row in 0..<denseRows {
      for cell in Int(cellStarts[row])..<Int(cellStarts[row + 1]) {
        denseIndices[row * labelCount + cells.label(cell)] = UInt16(cells.paletteIndex(cell))
      }
    }
    self.denseRows = denseRows
    self.denseIndices = denseIndices
    hotRows = min(denseRows, hotWeightBytes / (max(labelCount, 1) * MemoryLayout<Double>.stride))
    hotWeights = denseIndices[..<(hotRows * labelCount)].map { cells.palette[Int($0)] }
    self.perCount = perCount
    self.cellStarts = cellStarts
    self.rowBase = rowBase
    cells.finish()
    self.cells = cells
    self.absenceBase = absenceBase
    self.cellAbsences = cellAbsences
    self.bias = bias
    self.logPrior = logPrior
    self.rowFeature = rowFeature
    var rowOfFeature = [Int32](repeating: -1, count: size)
    for (row, feature) in rowFeature.enumerated() { rowOfFeature[Int(feature)] = Int32(row) }
    let lookup = sharedLookup ?? FeatureLookup(vocabulary: counts.vocabulary, tagOfFeature: rowOfFeature)
    self.rowsInTags = sharedLookup == nil
    self.rowHasMark = rowFeature.map { lookup.featureHasMark[Int($0)] }
    let rowOfToken = lookup.unigramOfToken.map { $0 < 0 ? -1 : rowOfFeature[Int(lookup.featureOfID[Int($0)])] }
    self.rowOfToken = rowOfToken
    // Rows run from the most frequent feature, so the tokens of the first unigram rows are the hot
    // ones. Each unigram row has one token: the inverse map lists them in row order, where sorting
    // the tokens by row took a tenth of a 200 MB corpus's unigram model's load (callgrind).
    var tokenOfRow = [Int32](repeating: -1, count: rowFeature.count)
    for (token, row) in rowOfToken.enumerated() where row >= 0 { tokenOfRow[Int(row)] = Int32(token) }
    self.hotTokens = HotTokens(tokens: lookup.tokens, ids: tokenOfRow.lazy.filter { $0 >= 0 })
    self.rowOfID = rowsInTags ? [] : lookup.featureOfID.map { rowOfFeature[Int($0)] }
    self.rowOfFeature = rowOfFeature
    self.lookup = lookup
  }

  /// The number of features in the vocabulary the scorer was built from.
  var vocabularySize: Int { rowOfFeature.count }

  /// The n-gram of vocabulary index `feature`, spelled from the lookup, which must be the one
  /// built from the vocabulary (numbering n-grams in its order). A model read for scoring only
  /// names features this way: it keeps no vocabulary (60 MB of a 1-2-gram model's).
  func ngram(ofFeature feature: Int) -> String {
    precondition(rowsInTags, "a shared lookup does not number n-grams in vocabulary order")
    var low = 0
    var high = lookup.featureOfID.count
    while low < high {
      let middle = (low + high) / 2
      if Int(lookup.featureOfID[middle]) < feature { low = middle + 1 } else { high = middle }
    }
    return lookup.ngram(id: low)
  }

  /// The cell of `row` under `label`, if its count is nonzero.
  private func cell(_ row: Int, _ label: Int) -> Int? {
    (Int(cellStarts[row])..<Int(cellStarts[row + 1])).first { cells.label($0) == label }
  }

  /// The weight of `row` for `label`.
  func weight(row: Int, label: Int) -> Double {
    (rowBase.isEmpty ? 0 : rowBase[row]) + perCount[label] + (cell(row, label).map { cells.weight($0) } ?? 0)
  }

  /// Bernoulli only: log(1 − p) of `row` for `label`.
  func logAbsence(row: Int, label: Int) -> Double {
    absenceBase[label] + (cell(row, label).map { cellAbsences[$0] } ?? 0)
  }

  /// `features` reordered by descending total (ties in the given order), with their totals.
  ///
  /// Rows are numbered in this order, so the weights of the n-grams most documents hold share a
  /// few megabytes at the front instead of being spread over the whole table: scoring a document
  /// then mostly hits the cache and the TLB. A counting sort, capped at `cap`, keeps it linear.
  static func frequentFirst(_ features: [Int], totals: [Double]) -> ([Int], [Double]) {
    let cap = 4096
    func bucket(_ total: Double) -> Int { cap - Int(min(total, Double(cap))) }
    var starts = [Int](repeating: 0, count: cap + 2)
    for total in totals { starts[bucket(total) + 1] += 1 }
    for index in 0...cap { starts[index + 1] += starts[index] }
    var orderedFeatures = [Int](repeating: 0, count: features.count)
    var orderedTotals = [Double](repeating: 0, count: features.count)
    for (feature, total) in zip(features, totals) {
      let slot = bucket(total)
      orderedFeatures[starts[slot]] = feature
      orderedTotals[starts[slot]] = total
      starts[slot] += 1
    }
    return (orderedFeatures, orderedTotals)
  }

  /// A log prior for a label without documents (possible only in calibration folds): half a document.
  static let emptyClassDocuments = 0.5

  /// The weight rows present in `text` with their counts, in first-occurrence order; `presence`
  /// as `TrainingOptions.countsPresence`.
  func features(of text: String, tokenizer: Tokenizer, presence: Bool) -> [(row: Int, count: Double)] {
    // A token needs at least two bytes plus a separator, so this bound avoids regrowth.
    let estimate = text.utf8.count / 3 + 1
    var ids: [Int32] = []
    ids.reserveCapacity(estimate)
    // The batch holds only tokens that are not hot (about one in twenty): it grows as it needs.
    var batch = TokenBatch()
    lookup.tokenIDs(in: text, tokenizer: tokenizer, hot: hotTokens, batch: &batch, into: &ids)
    // The rows of the n-grams, each n in text order: the order every path sums them in (`Tally`).
    // Written through a buffer: `append` in these loops checked the array's uniqueness per row.
    let found = [Int32](unsafeUninitializedCapacity: ids.count * tokenizer.options.ngramRange.count) { found, written in
      var next = 0
      func keep(_ row: Int32) {
        guard row >= 0 else { return }
        found[next] = row
        next += 1
      }
      ids.withUnsafeBufferPointer { ids in
        for n in tokenizer.options.ngramRange {
          if n == 1 {
            rowOfToken.withUnsafeBufferPointer { rowOfToken in
              for token in ids where token >= 0 { keep(rowOfToken[Int(token)]) }
            }
          } else if rowsInTags {
            lookup.forEachNGram(length: n, of: ids) { _, row in keep(row) }
          } else {
            lookup.forEachNGram(length: n, of: ids) { id, _ in keep(rowOfID[Int(id)]) }
          }
        }
      }
      written = next
    }
    var tally = Tally()
    found.withUnsafeBufferPointer { tally.count($0) }
    var result: [(row: Int, count: Double)] = []
    result.reserveCapacity(tally.ids.count)
    let counting = PassageCounting(presence: presence)
    for (row, count) in zip(tally.ids, tally.counts) {
      result.append((Int(row), counting.count(Double(count), holdingMark: rowHasMark[Int(row)])))
    }
    return result
  }

  /// The joint log-likelihood per label of a document with these features.
  func jointLogLikelihood(_ features: [(row: Int, count: Double)]) -> [Double] {
    cells.isWide
      ? cells.wide.withUnsafeBufferPointer { jointLogLikelihood(features, words: $0) }
      : cells.narrow.withUnsafeBufferPointer { jointLogLikelihood(features, words: $0) }
  }

  /// `jointLogLikelihood(_:)` over the cells' packed words, of either width.
  @inline(__always)
  private func jointLogLikelihood<Word: FixedWidthInteger & UnsignedInteger>(
    _ features: [(row: Int, count: Double)], words: UnsafeBufferPointer<Word>
  ) -> [Double] {
    var scores = bias
    var counted = 0.0
    var common = 0.0
    let labelCount = self.labelCount
    let denseRows = self.denseRows
    let hotRows = self.hotRows
    let labelBits = Word(cells.labelBits)
    let labelMask: Word = (1 << labelBits) - 1
    let perLine = 64 / MemoryLayout<Word>.stride
    scores.withUnsafeMutableBufferPointer { scores in
      cellStarts.withUnsafeBufferPointer { starts in
        cells.palette.withUnsafeBufferPointer { palette in
          denseIndices.withUnsafeBufferPointer { dense in
            hotWeights.withUnsafeBufferPointer { hot in
              // The rows, then each row's weights, prefetched before the sum: a large model's
              // rows miss the cache, and the misses overlap only when they start together.
              for (row, _) in features where row >= hotRows { starts.prefetch(row) }
              for (row, _) in features where row >= hotRows {
                if row < denseRows {
                  for label in stride(from: 0, to: labelCount, by: 32) { dense.prefetch(row * labelCount + label) }
                  dense.prefetch(row * labelCount + labelCount - 1)
                } else {
                  let end = Int(starts[row + 1])
                  for cell in stride(from: Int(starts[row]), to: end, by: perLine) { words.prefetch(cell) }
                  words.prefetch(end - 1)
                }
              }
              for (row, count) in features {
                counted += count
                if row < hotRows {
                  let weights = hot.baseAddress! + row * labelCount
                  for label in 0..<labelCount { scores[label] += count * weights[label] }
                } else if row < denseRows {
                  let indices = dense.baseAddress! + row * labelCount
                  for label in 0..<labelCount { scores[label] += count * palette[Int(indices[label])] }
                } else {
                  for cell in Int(starts[row])..<Int(starts[row + 1]) {
                    let word = words[cell]
                    scores[Int(word & labelMask)] += count * palette[Int(word >> labelBits)]
                  }
                }
              }
            }
          }
        }
      }
      // Only complement rows have a row term; elsewhere it is 0 and `common` stays +0, as before.
      rowBase.withUnsafeBufferPointer { base in
        if !base.isEmpty { for (row, count) in features { common += count * base[row] } }
      }
      for label in scores.indices { scores[label] += counted * perCount[label] + common }
    }
    return scores
  }

  /// The joint log-likelihood of a document given as vocabulary indices and their counts, in
  /// first-occurrence order: the order `features(of:)` gives for its text, so the same bits.
  func jointLogLikelihood(vocabularyFeatures: ArraySlice<Int32>, counts: ArraySlice<UInt32>) -> [Double] {
    var features: [(row: Int, count: Double)] = []
    features.reserveCapacity(vocabularyFeatures.count)
    for (feature, count) in zip(vocabularyFeatures, counts) {
      let row = rowOfFeature[Int(feature)]
      if row >= 0 { features.append((Int(row), Double(count))) }
    }
    return jointLogLikelihood(features)
  }
}

/// `log(k + α)`, read from a table when `k` is a small whole number (as counts are).
///
/// Deriving weights took a logarithm per nonzero count, three million of them for 20
/// Newsgroups and a large share of building a model; the table holds the same values, computed
/// from the same expression, so weights are unchanged bit for bit.
struct LogPlusAlpha {
  private let alpha: Double
  private let values: [Double]

  init(alpha: Double, size: Int = 1 << 12) {
    self.alpha = alpha
    values = (0..<size).map { log(Double($0) + alpha) }
  }

  @inline(__always) func callAsFunction(_ k: Double) -> Double {
    if k >= 0 && k < Double(values.count) {
      let index = Int(k)
      if Double(index) == k { return values[index] }
    }
    return log(k + alpha)
  }
}
