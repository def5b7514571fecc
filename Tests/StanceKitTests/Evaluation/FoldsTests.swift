import Foundation
import Testing

@testable import StanceKit

@Suite struct FoldsTests {
  static let labels = (0..<103).map { $0 % 3 == 0 ? "neg" : ($0 % 3 == 1 ? "pos" : "neutral") }

  @Test func splitMix64MatchesReferenceValues() {
    // First outputs for seed 1234567 from the published reference implementation.
    var rng = SplitMix64(seed: 1_234_567)
    #expect(rng.next() == 6_457_827_717_110_365_317)
    #expect(rng.next() == 3_203_168_211_198_807_973)
    #expect(rng.next() == 9_817_491_932_198_370_423)
  }

  @Test func boundedDrawsStayInRange() {
    var rng = SplitMix64(seed: 7)
    for bound in [1, 2, 3, 10, 1000] as [UInt64] {
      for _ in 0..<200 { #expect(rng.next(below: bound) < bound) }
    }
  }

  @Test func seededAssignmentIsDeterministic() {
    let groups = [String?](repeating: nil, count: Self.labels.count)
    let a = Folds.assign(count: Self.labels.count, groups: groups, labels: Self.labels, k: 5, seed: 42)
    let b = Folds.assign(count: Self.labels.count, groups: groups, labels: Self.labels, k: 5, seed: 42)
    let c = Folds.assign(count: Self.labels.count, groups: groups, labels: Self.labels, k: 5, seed: 43)
    #expect(a == b)
    #expect(a != c)
    #expect(Set(a) == Set(0..<5))
  }

  @Test func ungroupedFoldsAreStratifiedWithinOne() {
    let groups = [String?](repeating: nil, count: Self.labels.count)
    let folds = Folds.assign(count: Self.labels.count, groups: groups, labels: Self.labels, k: 10, seed: 1)
    for label in Set(Self.labels) {
      var perFold = Array(repeating: 0, count: 10)
      for (f, l) in zip(folds, Self.labels) where l == label { perFold[f] += 1 }
      #expect(perFold.max()! - perFold.min()! <= 1, "label \(label): \(perFold)")
    }
    var sizes = Array(repeating: 0, count: 10)
    for f in folds { sizes[f] += 1 }
    #expect(sizes.max()! - sizes.min()! <= 1)
  }

  @Test func groupsNeverStraddleFolds() {
    // 40 groups of 1–6 passages with mixed labels, plus ungrouped passages.
    var groups: [String?] = []
    var labels: [String] = []
    var rng = SplitMix64(seed: 99)
    for g in 0..<40 {
      let size = Int(rng.next(below: 6)) + 1
      for _ in 0..<size {
        groups.append("article-\(g)")
        labels.append(rng.next(below: 3) == 0 ? "restraint" : "engagement")
      }
    }
    for i in 0..<30 {
      groups.append(nil)
      labels.append(i % 2 == 0 ? "restraint" : "neutral")
    }
    for seed in [0, 1, 2, 3] as [UInt64] {
      let folds = Folds.assign(count: labels.count, groups: groups, labels: labels, k: 5, seed: seed)
      var foldOfGroup: [String: Int] = [:]
      for (g, f) in zip(groups, folds) {
        guard let g else { continue }
        if let seen = foldOfGroup[g] { #expect(seen == f, "group \(g) split across folds") }
        foldOfGroup[g] = f
      }
      #expect(Set(folds) == Set(0..<5))
      // Roughly balanced: no fold more than twice the mean size.
      var sizes = Array(repeating: 0, count: 5)
      for f in folds { sizes[f] += 1 }
      #expect(sizes.max()! <= 2 * labels.count / 5, "sizes \(sizes)")
      // Every label with at least 5 passages appears in at least 4 folds.
      for label in Set(labels) {
        let present = Set(zip(folds, labels).filter { $0.1 == label }.map(\.0))
        #expect(present.count >= 4, "label \(label) in folds \(present)")
      }
    }
  }

  @Test func fewerUnitsThanFoldsLeavesFoldsEmpty() {
    let folds = Folds.assign(count: 4, groups: ["x", "x", "y", "y"], labels: ["a", "b", "a", "b"], k: 3, seed: 0)
    #expect(Set(folds).count == 2)
    #expect(folds[0] == folds[1] && folds[2] == folds[3])
    #expect(Folds.unitCount(groups: ["x", "x", "y", nil, nil]) == 4)
  }

  @Test func parsesFoldsFile() throws {
    #expect(try Folds.parse("0\n1\n 2 \n10\n", file: "f", count: 4) == [0, 1, 2, 10])
    #expect(try Folds.parse("3\r\n4", file: "f", count: 2) == [3, 4])
  }

  @Test func foldsFileErrorsNameFileAndLine() {
    #expect(throws: FoldsError.badLine(file: "f.folds", line: 2, text: "x")) {
      try Folds.parse("0\nx\n1\n", file: "f.folds", count: 3)
    }
    #expect(throws: FoldsError.badLine(file: "f.folds", line: 3, text: "-1")) {
      try Folds.parse("0\n1\n-1\n", file: "f.folds", count: 3)
    }
    #expect(throws: FoldsError.badLine(file: "f.folds", line: 2, text: "")) {
      try Folds.parse("0\n\n1\n", file: "f.folds", count: 3)
    }
    #expect(throws: FoldsError.badLine(file: "f.folds", line: 1, text: "1.5")) {
      try Folds.parse("1.5\n", file: "f.folds", count: 1)
    }
    #expect(throws: FoldsError.countMismatch(file: "f.folds", folds: 2, passages: 3)) {
      try Folds.parse("0\n1\n", file: "f.folds", count: 3)
    }
    #expect(FoldsError.badLine(file: "f.folds", line: 2, text: "x").description.hasPrefix("f.folds:2: "))
  }

  @Test func readingAMissingFileFails() {
    #expect(throws: FoldsError.self) { try Folds.read(path: "/nonexistent/x.folds", count: 1) }
  }

  @Test func singleFoldIsRejected() {
    #expect(throws: FoldsError.singleFold(fold: 4)) { try Folds.check([4, 4, 4]) }
    #expect(throws: Never.self) { try Folds.check([4, 7, 4]) }
  }

  @Test func groupsSplitByAFoldsFileAreRejected() {
    #expect(throws: FoldsError.groupStraddles(group: "a", passage: 1, fold: 0, otherPassage: 3, otherFold: 1)) {
      try Folds.checkGroups(["a", nil, "a", "b"], folds: [0, 1, 1, 1])
    }
    #expect(throws: Never.self) { try Folds.checkGroups(["a", nil, "a", "b"], folds: [0, 1, 0, 1]) }
  }
}
