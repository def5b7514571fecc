/// A word n-gram as up to four token ids (each stored plus one, so zero means "no token").
struct NGramKey: Hashable {
  var low: UInt64
  var high: UInt64

  /// The key of `ids[start..<start+length]`, or nil when a token is unknown (negative id).
  @inline(__always)
  static func make(_ ids: UnsafeBufferPointer<Int32>, start: Int, length: Int) -> NGramKey? {
    var lanes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    for offset in 0..<length {
      let id = ids[start + offset]
      if id < 0 { return nil }
      let lane = UInt64(UInt32(id) + 1)
      switch offset {
      case 0: lanes.0 = lane
      case 1: lanes.1 = lane
      case 2: lanes.2 = lane
      default: lanes.3 = lane
      }
    }
    return NGramKey(low: lanes.0 | lanes.1 << 32, high: lanes.2 | lanes.3 << 32)
  }

  /// The token ids of this key, in order.
  var ids: [Int] {
    [low & 0xFFFF_FFFF, low >> 32, high & 0xFFFF_FFFF, high >> 32].prefix { $0 != 0 }.map { Int($0) - 1 }
  }
}

/// Counts n-gram features per label while interning tokens and n-grams to integer ids.
struct FeatureCounter {
  let options: TrainingOptions
  let labels: [String]
  private let labelIndex: [String: Int]
  private let tokenizer: Tokenizer
  private var tokenIDs: [String: Int32] = [:]
  private var tokens: [String] = []
  private var featureIDs: [NGramKey: Int32] = [:]
  private var keys: [NGramKey] = []
  /// Feature-major while counting (`counts[feature * labels.count + label]`): new features append.
  private var counts: [Double] = []
  private var lastDocument: [Int32] = []
  private var documentCounts: [Double]
  private var exampleCount: UInt64 = 0
  private var digest: UInt64 = 0
  private var scratch: [Int32] = []

  init(options: TrainingOptions, labels: [String]) {
    self.options = options
    self.labels = labels
    self.labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    self.tokenizer = Tokenizer(options: options.features)
    self.documentCounts = Array(repeating: 0, count: labels.count)
  }

  /// Adds one example; its label must be one of `labels`.
  mutating func add(_ example: TrainingExample) {
    let label = labelIndex[example.label]!
    let document = Int32(truncatingIfNeeded: exampleCount)
    exampleCount += 1
    digest = digest &+ NaiveBayesCounts.digest(of: example)
    documentCounts[label] += 1
    scratch.removeAll(keepingCapacity: true)
    tokenizer.forEachToken(in: example.text) { token in
      if let id = tokenIDs[token] {
        scratch.append(id)
      } else {
        let id = Int32(tokens.count)
        tokens.append(token)
        tokenIDs[token] = id
        scratch.append(id)
      }
    }
    let width = labels.count
    let presence = options.countsPresence
    let range = options.features.ngramRange
    let ids = scratch
    ids.withUnsafeBufferPointer { ids in
      for n in range where n <= ids.count {
        for start in 0...(ids.count - n) {
          let key = NGramKey.make(ids, start: start, length: n)!
          let feature: Int
          if let id = featureIDs[key] {
            feature = Int(id)
          } else {
            feature = keys.count
            featureIDs[key] = Int32(feature)
            keys.append(key)
            counts.append(contentsOf: repeatElement(0, count: width))
            lastDocument.append(-1)
          }
          if presence {
            if lastDocument[feature] == document { continue }
            lastDocument[feature] = document
          }
          counts[feature * width + label] += 1
        }
      }
    }
  }

  /// The counts with a sorted vocabulary, label-major.
  func finish() -> NaiveBayesCounts {
    let strings = keys.map { key in key.ids.map { tokens[$0] }.joined(separator: " ") }
    let order = strings.indices.sorted { strings[$0] < strings[$1] }
    let width = labels.count
    let size = order.count
    var featureCounts = [Double](repeating: 0, count: width * size)
    for (position, feature) in order.enumerated() {
      for label in 0..<width {
        featureCounts[label * size + position] = counts[feature * width + label]
      }
    }
    return NaiveBayesCounts(
      labels: labels, vocabulary: order.map { strings[$0] }, documentCounts: documentCounts,
      featureCounts: featureCounts, exampleCount: exampleCount, digest: digest)
  }
}
