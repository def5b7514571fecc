import Foundation

/// Why a fold assignment cannot be used; messages name the file and line where there is one.
public enum FoldsError: Error, Equatable, CustomStringConvertible {
  /// A line of a folds file that is not a non-negative integer.
  case badLine(file: String, line: Int, text: String)
  /// A folds file whose number of lines differs from the number of passages.
  case countMismatch(file: String, folds: Int, passages: Int)
  /// A folds file that cannot be read.
  case unreadable(file: String, reason: String)
  /// Every passage is in one fold, so that fold would train on nothing.
  case singleFold(fold: Int)
  /// Fewer groups (or ungrouped passages) than folds asked for.
  case tooFewUnits(units: Int, folds: Int)
  /// A group whose passages sit in two folds (passage numbers are 1-based, in data order).
  case groupStraddles(group: String, passage: Int, fold: Int, otherPassage: Int, otherFold: Int)

  /// A one-line message naming what is wrong and where.
  public var description: String {
    switch self {
    case .badLine(let file, let line, let text):
      return "\(file):\(line): fold must be a non-negative integer, found \"\(text)\""
    case .countMismatch(let file, let folds, let passages):
      return "\(file): \(folds) fold lines but \(passages) passages; the file needs one line per passage"
    case .unreadable(let file, let reason):
      return "\(file): cannot read folds file: \(reason)"
    case .singleFold(let fold):
      return "every passage is in fold \(fold), so training for that fold would have no data"
    case .tooFewUnits(let units, let folds):
      return "cannot make \(folds) folds from \(units) groups or ungrouped passages; use fewer folds"
    case .groupStraddles(let group, let passage, let fold, let otherPassage, let otherFold):
      return "group \"\(group)\" is split across folds: passage \(passage) is in fold \(fold), passage \(otherPassage) in fold \(otherFold)"
    }
  }
}

/// Fold assignment for k-fold cross-validation: seeded, stratified by label, groups kept whole.
public enum Folds {
  /// Assigns each of `count` passages a fold in `0..<k`, deterministic for a given `seed`.
  ///
  /// Passages sharing a non-nil `group` form one unit and always land in the same fold; every
  /// other passage is a unit by itself. Units are shuffled with `SplitMix64(seed)`, ordered
  /// largest first (a stable sort, so equal sizes keep the shuffled order), then each goes to the
  /// fold where its labels are least represented so far (relative to each label's total), ties to
  /// the fold with fewer passages, then the lower number. Without groups this deals every label
  /// round-robin over the folds, so per-label fold sizes differ by at most one. When there are
  /// fewer units than `k`, some folds stay empty (see `check(_:)`).
  public static func assign(
    count: Int, groups: [String?], labels: [String], k: Int, seed: UInt64
  ) -> [Int] {
    precondition(groups.count == count && labels.count == count, "groups and labels need one entry per passage")
    precondition(k >= 1, "k must be positive")
    let labelIndex = Dictionary(
      uniqueKeysWithValues: Set(labels).sorted().enumerated().map { ($1, $0) })
    var labelTotals = Array(repeating: 0, count: labelIndex.count)
    for label in labels { labelTotals[labelIndex[label]!] += 1 }

    var units = Units.make(groups: groups)
    var rng = SplitMix64(seed: seed)
    rng.shuffle(&units)
    // Stable: sort by size, breaking ties by shuffled position.
    units = units.enumerated()
      .sorted { $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset }
      .map(\.element)

    var foldLabelCounts = Array(repeating: Array(repeating: 0, count: labelTotals.count), count: k)
    var foldSizes = Array(repeating: 0, count: k)
    var assignment = Array(repeating: 0, count: count)
    for members in units {
      var unitLabels: [Int: Int] = [:]
      for m in members { unitLabels[labelIndex[labels[m]]!, default: 0] += 1 }
      var best = 0
      var bestCost = Double.infinity
      for fold in 0..<k {
        var cost = 0.0
        for (l, n) in unitLabels {
          cost += Double(n) * Double(foldLabelCounts[fold][l]) / Double(labelTotals[l])
        }
        if cost < bestCost || (cost == bestCost && foldSizes[fold] < foldSizes[best]) {
          best = fold
          bestCost = cost
        }
      }
      for m in members { assignment[m] = best }
      for (l, n) in unitLabels { foldLabelCounts[best][l] += n }
      foldSizes[best] += members.count
    }
    return assignment
  }

  /// How many units (whole groups plus ungrouped passages) `groups` holds.
  public static func unitCount(groups: [String?]) -> Int {
    Units.make(groups: groups).count
  }

  /// Reads a folds file: one non-negative integer per line, aligned with the `count` passages.
  ///
  /// Surrounding spaces are ignored and a final newline is optional; an empty line is an error
  /// (it would silently shift every later passage into the wrong fold).
  public static func read(path: String, count: Int) throws -> [Int] {
    let data: Data
    do {
      data = Data(try Ingester.readFile(path))
    } catch {
      throw FoldsError.unreadable(file: path, reason: (error as? IngestError)?.reason ?? "\(error)")
    }
    return try parse(String(decoding: data, as: UTF8.self), file: path, count: count)
  }

  /// Parses the text of a folds file; `file` names it in errors.
  public static func parse(_ text: String, file: String, count: Int) throws -> [Int] {
    // "\r\n" is one Character in Swift, so split on any newline character, not on "\n" alone.
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    if lines.last == "" { lines.removeLast() }
    var folds: [Int] = []
    folds.reserveCapacity(lines.count)
    for (offset, raw) in lines.enumerated() {
      let trimmed = raw.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty, trimmed.allSatisfy(\.isASCII), let fold = Int(trimmed), fold >= 0
      else {
        throw FoldsError.badLine(file: file, line: offset + 1, text: String(trimmed.prefix(40)))
      }
      folds.append(fold)
    }
    guard folds.count == count else {
      throw FoldsError.countMismatch(file: file, folds: folds.count, passages: count)
    }
    return folds
  }

  /// Checks that cross-validation over `folds` is possible: at least two distinct folds.
  public static func check(_ folds: [Int]) throws {
    let distinct = Set(folds)
    if distinct.count == 1, let only = distinct.first { throw FoldsError.singleFold(fold: only) }
  }

  /// Checks that no group's passages sit in two folds (a given folds file could split one).
  public static func checkGroups(_ groups: [String?], folds: [Int]) throws {
    precondition(groups.count == folds.count, "groups and folds must be aligned")
    var first: [String: Int] = [:]
    for (i, group) in groups.enumerated() {
      guard let group else { continue }
      if let j = first[group] {
        if folds[j] != folds[i] {
          throw FoldsError.groupStraddles(
            group: group, passage: j + 1, fold: folds[j], otherPassage: i + 1, otherFold: folds[i])
        }
      } else {
        first[group] = i
      }
    }
  }
}

/// Groups passage indices into units that must stay together.
private enum Units {
  static func make(groups: [String?]) -> [[Int]] {
    var units: [[Int]] = []
    var unitOfGroup: [String: Int] = [:]
    for (i, group) in groups.enumerated() {
      if let group {
        if let u = unitOfGroup[group] {
          units[u].append(i)
        } else {
          unitOfGroup[group] = units.count
          units.append([i])
        }
      } else {
        units.append([i])
      }
    }
    return units
  }
}
