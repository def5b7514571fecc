import Foundation

/// The binary model format (all integers and doubles little-endian):
///
///     magic    8 bytes "STNCNB\0\0"
///     version  u32 (currently 2; version 1 files still load)
///     length   u64 payload byte count
///     payload  tokenizer version u32, variant u8 (0 multinomial, 1 complement, 2 Bernoulli),
///              alpha f64, fit prior u8, n-gram min u32, max u32, binary u8, negation u8,
///              stop words u8, min count u32, calibrated u8, temperature f64,
///              example count u64, training digest u64,
///              labels (u32 count, each u32 length + UTF-8), document count f64 per label,
///              vocabulary (u32 count, each u32 length + UTF-8, strictly ascending by bytes),
///              per label: total f64, nonzero count u32, then (feature u32, count f64) ascending
///     checksum u64 of every byte before it: `FileChecksum` (version 1: FNV-1a-64)
///
/// The training digest is the wrapping sum over examples of FNV-1a-64(label, 0x00, text): it does
/// not depend on example order, and shards' digests add up to the digest of the whole.
enum ModelFile {
  static let magic: [UInt8] = Array("STNCNB".utf8) + [0, 0]
  static let version: UInt32 = 2
  static let headerSize = 8 + 4 + 8
  static let trailerSize = 8

  /// The checksum of a file's bytes before the trailer, as the version in its header defines it.
  static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var header = ByteReader(Array(bytes.prefix(magic.count + 4)), from: magic.count)
    if (try? header.u32()) == 1 {
      var hash = FNV1a64()
      hash.combine(bytes)
      return hash.value
    }
    var checksum = FileChecksum()
    checksum.combine(bytes)
    return checksum.value
  }

  /// The bytes a decodable file encodes back to: the same bytes, or for a version 1 file the same
  /// payload under the current version and its checksum.
  static func current(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.count >= headerSize + trailerSize, bytes[magic.count..<(magic.count + 4)].elementsEqual([1, 0, 0, 0])
    else { return bytes }
    var upgraded = bytes
    var header = ByteWriter()
    header.u32(version)
    upgraded.replaceSubrange(magic.count..<(magic.count + 4), with: header.bytes)
    let payloadEnd = bytes.count - trailerSize
    var trailer = ByteWriter()
    trailer.u64(checksum(upgraded[..<payloadEnd]))
    upgraded.replaceSubrange(payloadEnd..., with: trailer.bytes)
    return upgraded
  }

  /// The model's file as one array of its exact size.
  static func encode(_ model: NaiveBayesModel) -> [UInt8] {
    var file: [UInt8] = []
    file.reserveCapacity(headerSize + payloadSize(model.counts) + trailerSize)
    encode(model) { file.append(contentsOf: $0) }
    return file
  }

  /// The payload's size in bytes.
  private static func payloadSize(_ counts: NaiveBayesCounts) -> Int {
    4 + 1 + 8 + 1 + 4 + 4 + 1 + 1 + 1 + 4 + 1 + 8 + 8 + 8
      + 4 + counts.labels.reduce(0) { $0 + 4 + $1.utf8.count } + 8 * counts.labels.count
      + 4 + 4 * counts.vocabulary.count + counts.vocabulary.bytes.count
      + (8 + 4) * counts.labels.count + (4 + 8) * counts.cellCounts.count
  }

  /// Hands the model's file to `emit` in order, about `pieceBytes` at a time, so the whole file
  /// (113 MB for 1-2-grams on 200 MB of text) is never in memory unless `emit` keeps it.
  static func encode<Failure: Error>(
    _ model: NaiveBayesModel, pieceBytes: Int = 1 << 20, _ emit: ([UInt8]) throws(Failure) -> Void
  ) throws(Failure) {
    let options = model.options
    let counts = model.counts
    let payloadSize = payloadSize(counts)
    var file = ByteWriter()
    file.bytes.reserveCapacity(2 * pieceBytes + 64)
    var sink = Sink(pieceBytes: pieceBytes)
    file.bytes.append(contentsOf: magic)
    file.u32(version)
    file.u64(UInt64(payloadSize))
    file.u32(Tokenizer.version)
    file.u8(UInt8(NaiveBayesVariant.allCases.firstIndex(of: options.variant)!))
    file.f64(options.alpha)
    file.u8(options.fitPrior ? 1 : 0)
    file.u32(UInt32(options.features.ngramRange.lowerBound))
    file.u32(UInt32(options.features.ngramRange.upperBound))
    file.u8(options.features.binary ? 1 : 0)
    file.u8(options.features.negation ? 1 : 0)
    file.u8(options.features.stopWords ? 1 : 0)
    file.u32(UInt32(options.features.minCount))
    file.u8(model.isCalibrated ? 1 : 0)
    file.f64(model.temperature)
    file.u64(counts.exampleCount)
    file.u64(counts.digest)
    file.u32(UInt32(counts.labels.count))
    for label in counts.labels {
      file.string(label)
      try sink.take(&file, emit)
    }
    for count in counts.documentCounts { file.f64(count) }
    file.u32(UInt32(counts.vocabulary.count))
    let vocabulary = counts.vocabulary
    var feature = 0
    while feature < vocabulary.count {
      // A piece's worth of entries at a time, stored in place: appended one by one, a 1-2-gram
      // model's three million entries took 200 instructions each.
      var end = feature
      var size = 0
      while end < vocabulary.count && size < pieceBytes {
        size += 4 + vocabulary.starts[end + 1] - vocabulary.starts[end]
        end += 1
      }
      var offset = file.bytes.count
      file.bytes.append(contentsOf: repeatElement(0, count: size))
      file.bytes.withUnsafeMutableBytes { bytes in
        vocabulary.bytes.withUnsafeBytes { spelled in
          for entry in feature..<end {
            let (start, length) = (vocabulary.starts[entry], vocabulary.starts[entry + 1] - vocabulary.starts[entry])
            bytes.storeBytes(of: UInt32(length).littleEndian, toByteOffset: offset, as: UInt32.self)
            UnsafeMutableRawBufferPointer(rebasing: bytes[(offset + 4)..<(offset + 4 + length)])
              .copyMemory(from: UnsafeRawBufferPointer(rebasing: spelled[start..<(start + length)]))
            offset += 4 + length
          }
        }
      }
      try sink.take(&file, emit)
      feature = end
    }
    // The file is label-major and the rows feature-major: each cell's feature and index go to its
    // label's run of one array (8 bytes a cell, where the file's cells take 12), read in order.
    var cellsOfLabel = [Int](repeating: 0, count: counts.labels.count)
    for label in counts.cellLabels { cellsOfLabel[Int(label)] += 1 }
    var cursors = [0]
    for count in cellsOfLabel.dropLast() { cursors.append(cursors[cursors.count - 1] + count) }
    var byLabel = [UInt64](repeating: 0, count: counts.cellCounts.count)
    for feature in counts.vocabulary.indices {
      for cell in counts.rowStarts[feature]..<counts.rowStarts[feature + 1] {
        let label = Int(counts.cellLabels[cell])
        byLabel[cursors[label]] = UInt64(feature) << 32 | UInt64(cell)
        cursors[label] += 1
      }
    }
    let totals = counts.totals
    var start = 0
    for label in counts.labels.indices {
      file.f64(totals[label])
      file.u32(UInt32(cellsOfLabel[label]))
      let end = start + cellsOfLabel[label]
      while start < end {
        // A piece's worth of cells at a time, stored in place.
        let block = start..<min(end, start + pieceBytes / 12 + 1)
        let offset = file.bytes.count
        file.bytes.append(contentsOf: repeatElement(0, count: 12 * block.count))
        file.bytes.withUnsafeMutableBytes { bytes in
          for (index, entry) in byLabel[block].enumerated() {
            let cell = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)
            bytes.storeBytes(of: UInt32(truncatingIfNeeded: entry >> 32).littleEndian, toByteOffset: offset + 12 * index, as: UInt32.self)
            bytes.storeBytes(of: counts.cellCounts[cell].bitPattern.littleEndian, toByteOffset: offset + 12 * index + 4, as: UInt64.self)
          }
        }
        try sink.take(&file, emit)
        start = block.upperBound
      }
    }
    try sink.take(&file, all: true, emit)
    precondition(sink.written == headerSize + payloadSize, "payload size computed wrong")
    file.u64(sink.hash.value)
    try emit(file.bytes)
  }

  /// Where the file's bytes go: on to `emit` a piece at a time, hashed as they go.
  private struct Sink {
    let pieceBytes: Int
    var hash = FileChecksum()
    var written = 0

    /// Hands on `file`'s bytes once they make a piece, or whatever there is when `all`.
    mutating func take<Failure: Error>(
      _ file: inout ByteWriter, all: Bool = false, _ emit: ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
      guard all || file.bytes.count >= pieceBytes else { return }
      file.bytes.withUnsafeBytes { hash.combine($0) }
      written += file.bytes.count
      try emit(file.bytes)
      file.bytes.removeAll(keepingCapacity: true)
    }
  }

  /// A model file's counts and settings, before the weights and lookup are derived from them.
  struct Contents {
    var counts: NaiveBayesCounts
    var options: TrainingOptions
    var temperature: Double?
  }

  static func decode(_ bytes: [UInt8], path: String) throws(ModelFileError) -> Contents {
    do {
      return try decode(bytes)
    } catch {
      throw ModelFileError(path: path, reason: error)
    }
  }

  private static func decode(_ bytes: [UInt8]) throws(ModelFileError.Reason) -> Contents {
    var header = ByteReader(bytes)
    let magicBytes = try? header.take(magic.count)
    guard let magicBytes, Array(magicBytes) == magic else {
      // A short prefix of the magic is a truncated model; anything else is a foreign file.
      if bytes.count < magic.count && Array(magic.prefix(bytes.count)) == bytes {
        throw .truncated(at: bytes.count)
      }
      throw .badMagic
    }
    let fileVersion = try header.u32()
    // Version 1 differs only in its checksum (`checksum` reads the version).
    guard fileVersion == version || fileVersion == 1 else { throw .unsupportedVersion(fileVersion) }
    let length = try header.u64()
    let needed = UInt64(headerSize) + UInt64(trailerSize)
    guard length <= UInt64(bytes.count), UInt64(bytes.count) >= length + needed else {
      throw .truncated(at: bytes.count)
    }
    let payloadEnd = headerSize + Int(length)
    if bytes.count > payloadEnd + trailerSize { throw .trailingBytes(bytes.count - payloadEnd - trailerSize) }
    var trailer = ByteReader(bytes, from: payloadEnd)
    guard try trailer.u64() == checksum(bytes[..<payloadEnd]) else { throw .checksumMismatch }

    var reader = ByteReader(bytes, from: headerSize, end: payloadEnd)
    let tokenizerVersion = try reader.u32()
    guard tokenizerVersion == Tokenizer.version else {
      throw .invalid("tokenizer version \(tokenizerVersion), this build has \(Tokenizer.version)")
    }
    var options = TrainingOptions()
    let variant = Int(try reader.u8())
    guard variant < NaiveBayesVariant.allCases.count else { throw .invalid("unknown variant \(variant)") }
    options.variant = NaiveBayesVariant.allCases[variant]
    options.alpha = try reader.f64()
    options.fitPrior = try reader.bool("fit prior")
    let low = Int(try reader.u32())
    let high = Int(try reader.u32())
    guard low <= high else { throw .invalid("n-gram range \(low)...\(high) is empty") }
    options.features.ngramRange = low...high
    options.features.binary = try reader.bool("binary")
    options.features.negation = try reader.bool("negation")
    options.features.stopWords = try reader.bool("stop words")
    options.features.minCount = Int(try reader.u32())
    if let problem = options.problem { throw .invalid(problem) }
    let calibrated = try reader.bool("calibrated")
    let temperature = try reader.f64()
    guard temperature.isFinite, temperature > 0, calibrated || temperature == 1 else {
      throw .invalid("temperature \(temperature) is not a positive number")
    }
    let exampleCount = try reader.u64()
    let digest = try reader.u64()

    let labelCount = try reader.count("labels", elementSize: 4 + 8)
    var labels: [String] = []
    labels.reserveCapacity(labelCount)
    for _ in 0..<labelCount { labels.append(try reader.string("label")) }
    guard labels.count >= 2 else { throw .invalid("\(labels.count) labels; a model needs at least 2") }
    for index in 1..<labels.count where !ByteOrder.precedes(labels[index - 1], labels[index]) {
      throw .invalid("labels are not sorted and unique at \"\(labels[index])\"")
    }
    // Swift compares strings by canonical equivalence: byte-distinct spellings of one label (NFC
    // and NFD) would collide in every label dictionary the model builds.
    if Set(labels).count != labels.count { throw .invalid("two labels are the same text in different Unicode spellings") }
    var documentCounts: [Double] = []
    for label in labels { documentCounts.append(try count(reader.f64(), "document count of \"\(label)\"")) }
    guard documentCounts.reduce(0, +) == Double(exampleCount) else {
      throw .invalid("document counts add up to \(documentCounts.reduce(0, +)), expected \(exampleCount)")
    }

    let size = try reader.count("vocabulary", elementSize: 4)
    let (vocabularyBytes, starts) = try reader.utf8Strings(count: size, field: "feature")
    let vocabulary = Vocabulary(bytes: vocabularyBytes, starts: starts)
    if let index = vocabulary.firstUnsorted() {
      throw .invalid("vocabulary is not sorted and unique at feature \(index)")
    }
    // The file is label-major and rows are feature-major (labels ascending): a first pass checks
    // the cells and counts each row's, a second places them. Reading them into label-major
    // arrays first took 16 bytes a cell and their regrowth (86 MB for a 1-2-gram model's 5.4 million).
    let cellSection = reader
    var rowStarts = [Int](repeating: 0, count: size + 1)
    var cellCount = 0
    // Through buffer pointers: the arrays' subscripts checked their uniqueness on every cell.
    try rowStarts.withUnsafeMutableBufferPointer { (rowStarts) throws(ModelFileError.Reason) in
      for name in labels {
        let total = try count(reader.f64(), "total count of \"\(name)\"")
        let nonzero = try reader.count("counts", elementSize: 12)
        guard nonzero <= size else { throw .invalid("\(nonzero) counts for \(size) features") }
        var previous = -1
        var sum = 0.0
        for _ in 0..<nonzero {
          let feature = Int(try reader.u32())
          guard feature > previous, feature < size else {
            throw .invalid("feature index \(feature) out of order or range in \"\(name)\"")
          }
          let value = try count(reader.f64(), "count of feature \(feature) in \"\(name)\"")
          // Rows are sparse: the encoder never writes a zero, so a stored zero is a second spelling.
          guard value > 0 else { throw .invalid("count of feature \(feature) in \"\(name)\" is stored as 0") }
          rowStarts[feature + 1] += 1
          sum += value
          previous = feature
        }
        guard sum == total else { throw .invalid("counts of \"\(name)\" add up to \(sum), total says \(total)") }
        cellCount += nonzero
      }
    }
    guard reader.remaining == 0 else { throw .invalid("\(reader.remaining) unread payload bytes") }
    // `rowStarts[f]` serves as row f's next free cell and ends as row f + 1's start; shifting it
    // by one then gives the starts, without a second array of them.
    for feature in 0..<size { rowStarts[feature + 1] += rowStarts[feature] }
    var cellLabels = [Int32](repeating: 0, count: cellCount)
    var cellCounts = [Double](repeating: 0, count: cellCount)
    var cells = cellSection
    try rowStarts.withUnsafeMutableBufferPointer { (rowStarts) throws(ModelFileError.Reason) in
      try cellLabels.withUnsafeMutableBufferPointer { (cellLabels) throws(ModelFileError.Reason) in
        try cellCounts.withUnsafeMutableBufferPointer { (cellCounts) throws(ModelFileError.Reason) in
          for label in labels.indices {
            _ = try cells.f64()
            for _ in 0..<Int(try cells.u32()) {
              let feature = Int(try cells.u32())
              let cell = rowStarts[feature]
              cellLabels[cell] = Int32(label)
              cellCounts[cell] = try cells.f64()
              rowStarts[feature] = cell + 1
            }
          }
        }
      }
      for feature in stride(from: size, to: 0, by: -1) { rowStarts[feature] = rowStarts[feature - 1] }
      rowStarts[0] = 0
    }
    let counts = NaiveBayesCounts(
      labels: labels, vocabulary: vocabulary, documentCounts: documentCounts, rowStarts: rowStarts,
      cellLabels: cellLabels, cellCounts: cellCounts, exampleCount: exampleCount, digest: digest)
    return Contents(counts: counts, options: options, temperature: calibrated ? temperature : nil)
  }

  /// A count must be a finite, non-negative whole number; -0 is refused too, because the encoder
  /// writes +0 and a model file has one spelling.
  private static func count(_ value: Double, _ field: @autoclosure () -> String) throws(ModelFileError.Reason) -> Double {
    guard value.isFinite, value.sign == .plus, value.rounded() == value else {
      throw .invalid("\(field()) is \(value), not a non-negative whole number")
    }
    return value
  }
}

extension NaiveBayesModel {
  /// The model as bytes in the versioned file format; identical for identical training.
  public func serialized() -> [UInt8] { ModelFile.encode(self) }

  /// Writes the model file to `output` as it is encoded, never holding the whole file.
  func write(to output: Output) throws {
    try requireCounts("write")
    let writer = ResultWriter(output)
    try ModelFile.encode(self) { try writer.write(bytes: $0) }
    try writer.finish()
  }

  /// Reads a model from bytes; throws `ModelFileError` (path "<memory>") on any damage.
  public init(serialized bytes: [UInt8]) throws {
    self.init(try ModelFile.decode(bytes, path: "<memory>"))
  }

  /// Writes the model to a temporary file beside `path` as it is encoded, then renames it into place.
  ///
  /// The old file stays whole until the rename; see `AtomicWrite` for temporary files left by a
  /// kill. `write(to: Output)` is the same for the CLI, where "-" is standard output.
  public func write(to path: String) throws {
    try requireCounts("write")
    do throws(AtomicWriteError) {
      let file = try AtomicFile(path: path)
      try ModelFile.encode(self) { (piece) throws(AtomicWriteError) in try file.append(piece) }
      try file.commit()
    } catch {
      throw ModelFileError(path: path, reason: .io("cannot write: \(error)"))
    }
  }

  /// Reads the model file at `path`; `ModelFileError` names the file and what is wrong.
  public init(contentsOf path: String) throws {
    // The file's bytes are gone before the weights and lookup are built (113 MB of a 1-2-gram
    // model's peak), because they live only in `contents(of:)`.
    self.init(try Self.contents(of: path))
  }

  /// Reads the model file at `path` for classifying and explaining passages only.
  ///
  /// It builds the weights at once and keeps no counts, so it needs less memory than
  /// `init(contentsOf:)`. Writing, updating, merging or calibrating it throws
  /// `NaiveBayesError.scoringOnly`; `serialized()` and `indicativeFeatures(top:)`, which cannot
  /// throw, stop the program.
  public init(scoringContentsOf path: String) throws {
    self.init(scoring: try Self.contents(of: path))
  }

  init(_ contents: ModelFile.Contents) {
    self.init(counts: contents.counts, options: contents.options, temperature: contents.temperature)
  }

  private static func contents(of path: String) throws -> ModelFile.Contents {
    let bytes: [UInt8]
    do {
      bytes = try Ingester.readFile(path)
    } catch {
      throw ModelFileError(path: path, reason: .io((error as? IngestError)?.reason ?? "\(error)"))
    }
    return try ModelFile.decode(bytes, path: path)
  }
}
