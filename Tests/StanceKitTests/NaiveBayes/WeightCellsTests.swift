import Testing

@testable import StanceKit

/// Packed cells give back every label and weight bit for bit, share repeated weights, and keep
/// the cells appended before they had to widen.
@Suite struct WeightCellsTests {
  static func cells(_ count: Int, labels: Int, distinct: Int) -> [(label: Int, weight: Double)] {
    var random = SplitMix64(seed: 41)
    return (0..<count).map { _ in
      (Int(random.next() % UInt64(labels)), -Double(random.next() % UInt64(distinct)) / 7 - 0.1)
    }
  }

  @Test func narrowCellsShareTheirWeights() {
    let input = Self.cells(5_000, labels: 23, distinct: 40)
    var cells = WeightCells(labelCount: 23, capacity: input.count)
    for cell in input { cells.append(label: cell.label, weight: cell.weight) }
    cells.finish()
    #expect(!cells.isWide && cells.labelBits == 5)
    #expect(cells.palette.count == Set(input.map(\.weight)).count)
    for (index, cell) in input.enumerated() {
      #expect(cells.label(index) == cell.label && cells.weight(index).bitPattern == cell.weight.bitPattern)
    }
  }

  @Test func cellsWidenWithoutLosingEarlierOnes() {
    // With 8 bits for narrow cells and 5 for labels, the ninth distinct weight no longer fits.
    let input = Self.cells(2_000, labels: 20, distinct: 300)
    var cells = WeightCells(labelCount: 20, capacity: 0, narrowLimit: 255)
    var widened: Int?
    for (index, cell) in input.enumerated() {
      cells.append(label: cell.label, weight: cell.weight)
      if widened == nil && cells.isWide { widened = index }
    }
    #expect(widened != nil && widened! > 0 && cells.narrow.isEmpty && cells.count == input.count)
    for (index, cell) in input.enumerated() {
      #expect(cells.label(index) == cell.label && cells.weight(index).bitPattern == cell.weight.bitPattern)
    }
  }

  @Test func oneLabelStillTakesABit() {
    var cells = WeightCells(labelCount: 1, capacity: 1)
    cells.append(label: 0, weight: -0.0)
    cells.append(label: 0, weight: 0.0)
    #expect(cells.labelBits == 1 && cells.palette.count == 2, "-0 and +0 are different bits")
    #expect(cells.weight(0).sign == .minus && cells.weight(1).sign == .plus)
  }
}
