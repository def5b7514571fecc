/// Counts n-gram features per label while interning tokens and n-grams to integer ids.
struct FeatureCounter {
  let options: TrainingOptions
  let labels: [String]
  private let labelIndex: [String: Int]
  private let tokenizer: Tokenizer
  private var tokens = ByteTable(capacity: 1 << 14)
  private var ngrams = NGramTable(capacity: 1 << 15)
  /// Feature-major while counting (`counts[feature * labels.count + label]`): new features append.
  private var counts: [Double] = []
  /// Per n-gram id: whether it holds a punctuation mark (the table's tags keep the last document that counted each).
  private var ngramHasMark: [Bool] = []
  /// Per token id: whether it is a one-character punctuation mark.
  private var tokenIsMark: [Bool] = []

  private var documentCounts: [Double]
  private var exampleCount: UInt64 = 0
  private var digest: UInt64 = 0
  private var scratch: [Int32] = []
  /// With `recordsDocuments`: the n-gram ids each document counted, in text order (an n-gram
  /// counted by presence appears once per document).
  private(set) var occurrences: [Int32] = []
  /// With `recordsDocuments`: each document's `NaiveBayesCounts.digest(of:)`.
  private(set) var documentDigests: [UInt64] = []
  /// With `recordsDocuments`: where each document's ids start in `occurrences` (one more than documents).
  private(set) var documentStarts: [Int] = [0]
  private let recordsDocuments: Bool

  init(options: TrainingOptions, labels: [String], recordsDocuments: Bool = false) {
    self.recordsDocuments = recordsDocuments
    self.options = options
    self.labels = labels
    self.labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    self.tokenizer = Tokenizer(options: options.features)
    self.documentCounts = Array(repeating: 0, count: labels.count)
  }

  /// The tag of an n-gram no document has counted yet; marks use `-2 - document`.
  private static let neverSeen: Int32 = Int32.max
  private static let markNeverSeen: Int32 = -1

  /// Adds one example; its label must be one of `labels`.
  mutating func add(_ example: TrainingExample) {
    let label = labelIndex[example.label]!
    let document = Int32(truncatingIfNeeded: exampleCount)
    exampleCount += 1
    let exampleDigest = NaiveBayesCounts.digest(of: example)
    digest = digest &+ exampleDigest
    if recordsDocuments { documentDigests.append(exampleDigest) }
    documentCounts[label] += 1
    scratch.removeAll(keepingCapacity: true)
    tokenizer.forEachToken(in: example.text) { bytes in
      let id = tokens.intern(bytes)
      if Int(id) == tokenIsMark.count { tokenIsMark.append(Tokenizer.isMark(bytes)) }
      scratch.append(id)
    }
    let width = labels.count
    let presence = options.countsPresence
    let range = options.features.ngramRange
    let ids = scratch
    ids.withUnsafeBufferPointer { ids in
      for n in range where n <= ids.count {
        for start in 0...(ids.count - n) {
          let (id, slot, inserted) = ngrams.internSlot(
            NGramKey.make(ids, start: start, length: n)!, tag: Self.neverSeen)
          let feature = Int(id)
          if inserted {
            counts.append(contentsOf: repeatElement(0, count: width))
            // N-grams holding a mark are always counted by presence; a negative tag says so
            // and sits in the same cache line as the key.
            let hasMark = (start..<(start + n)).contains { tokenIsMark[Int(ids[$0])] }
            ngramHasMark.append(hasMark)
            if hasMark { ngrams.setTag(Self.markNeverSeen, at: slot) }
          }
          let last = ngrams.tag(at: slot)
          if presence || last < 0 {
            if last == document || last == -2 - document { continue }
            ngrams.setTag(last < 0 ? -2 - document : document, at: slot)
          }
          if recordsDocuments { occurrences.append(id) }
          counts[feature * width + label] += 1
        }
      }
    }
    if recordsDocuments { documentStarts.append(occurrences.count) }
  }

  /// The counts with a sorted vocabulary (label-major), and the lookup that matches it.
  func finish() -> (counts: NaiveBayesCounts, lookup: FeatureLookup) {
    var arena: [UInt8] = []
    var starts = [0]
    starts.reserveCapacity(ngrams.count + 1)
    for key in ngrams.keys {
      for lane in [key.low & 0xFFFF_FFFF, key.low >> 32, key.high & 0xFFFF_FFFF, key.high >> 32] {
        if lane == 0 { break }
        if arena.count > starts[starts.count - 1] { arena.append(0x20) }
        arena.append(contentsOf: tokens.bytes(of: Int(lane) - 1))
      }
      starts.append(arena.count)
    }
    let order = ByteOrder.sortedIndices(arena: arena, starts: starts)
    let vocabulary = order.map { String(decoding: arena[starts[$0]..<starts[$0 + 1]], as: UTF8.self) }
    let width = labels.count
    let size = order.count
    var featureCounts = [Double](repeating: 0, count: width * size)
    var featureOfID = [Int32](repeating: 0, count: size)
    var featureHasMark = [Bool](repeating: false, count: size)
    for (position, feature) in order.enumerated() {
      featureOfID[feature] = Int32(position)
      featureHasMark[position] = ngramHasMark[feature]
      for label in 0..<width {
        featureCounts[label * size + position] = counts[feature * width + label]
      }
    }
    let counts = NaiveBayesCounts(
      labels: labels, vocabulary: vocabulary, documentCounts: documentCounts,
      featureCounts: featureCounts, exampleCount: exampleCount, digest: digest)
    return (counts, FeatureLookup(tokens: tokens, ngrams: ngrams, featureOfID: featureOfID, featureHasMark: featureHasMark))
  }
}
