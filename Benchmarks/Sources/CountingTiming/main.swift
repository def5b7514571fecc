// Stage timings of training one naive Bayes model: see scripts/bench-counting.
// Usage: CountingTiming RUNS MIN...MAX DATA...   (binary counts, complement variant)
import Foundation
@_spi(Benchmarks) import StanceKit

ProcessMemory.keepFreedMemory()  // as the stance command does
let arguments = Array(CommandLine.arguments.dropFirst())
let bounds = arguments.count >= 2 ? arguments[1].split(separator: ".").compactMap { Int($0) } : []
guard arguments.count >= 3, let runs = Int(arguments[0]), runs > 0, bounds.count == 2, bounds[0] >= 1, bounds[0] <= bounds[1]
else {
  FileHandle.standardError.write(Data("usage: CountingTiming RUNS MIN...MAX DATA...\n".utf8))
  exit(64)
}
var examples: [TrainingExample] = []
for path in arguments.dropFirst(2) {
  examples += try CorpusReader.read(path: path).passages.map { TrainingExample(text: $0.text, label: $0.label) }
}
var features = FeatureOptions()
features.ngramRange = bounds[0]...bounds[1]
features.binary = true
let options = TrainingOptions(variant: .complement, features: features)
var samples: [String: [Double]] = [:]
var order: [String] = []
for _ in 0..<runs {
  for (stage, seconds) in CountingPhases.measure(examples, options: options) {
    if samples[stage] == nil { order.append(stage) }
    samples[stage, default: []].append(seconds)
  }
}
print("\(examples.count) documents, n-grams \(bounds[0])...\(bounds[1]), medians of \(runs) runs")
for stage in order {
  let sorted = samples[stage]!.sorted()
  print(String(format: "%8.3f s  %@", sorted[sorted.count / 2], stage))
}
