// Times libxml2 parsing alone against full stance extraction on the same in-memory pages.
// Usage: ExtractionTiming <directory of decompressed .html files> [runs]
@preconcurrency import CLibXML2Bench
import Foundation
import StanceKit

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: ExtractionTiming <dir> [runs]\n".utf8))
  exit(64)
}
let directory = arguments[1]
let runs = arguments.count > 2 ? max(Int(arguments[2]) ?? 7, 1) : 7
let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".html") }.sorted()
let pages: [[UInt8]] = try names.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0))) }
let totalBytes = pages.reduce(0) { $0 + $1.count }

xmlInitParser()
xmlSetStructuredErrorFunc(nil, { _, _ in })
// The options stance uses, minus IGNORE_ENC: here libxml2 detects the encoding itself.
let options = Int32(
  HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
    | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

func parseOnly() -> Int {
  var parsed = 0
  for page in pages {
    let doc = page.withUnsafeBufferPointer { b in
      b.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), nil, nil, options) }
    }
    if let doc {
      parsed += 1
      xmlFreeDoc(doc)
    }
  }
  return parsed
}

func extractAll() -> Int {
  var passages = 0
  for (i, page) in pages.enumerated() {
    if let article = try? Ingester.ingest(bytes: page, source: names[i]) { passages += article.passages.count }
  }
  return passages
}

func seconds(_ body: () -> Int) -> (Double, Int) {
  let start = DispatchTime.now().uptimeNanoseconds
  let result = body()
  return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, result)
}

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

// One warm-up of each, then alternate so drift on a shared machine hits both alike.
_ = parseOnly()
_ = extractAll()
var parseTimes: [Double] = []
var extractTimes: [Double] = []
var checks = (0, 0)
for _ in 0..<runs {
  let (p, parsed) = seconds(parseOnly)
  let (e, passages) = seconds(extractAll)
  parseTimes.append(p)
  extractTimes.append(e)
  checks = (parsed, passages)
}
let mb = Double(totalBytes) / 1_048_576
let p = median(parseTimes)
let e = median(extractTimes)
print(String(format: "pages %d, %.1f MB decompressed, %d runs (medians), single thread", pages.count, mb, runs))
print(String(format: "libxml2 parse only (htmlReadMemory + xmlFreeDoc): %.3f s  (%.0f pages/s, %.1f MB/s)", p, Double(pages.count) / p, mb / p))
print(String(format: "stance full extraction (Ingester.ingest):          %.3f s  (%.0f pages/s, %.1f MB/s)", e, Double(pages.count) / e, mb / e))
print(String(format: "ratio extraction / parse: %.2f  (gate: <= 2.00)", e / p))
print("parse runs: " + parseTimes.map { String(format: "%.3f", $0) }.joined(separator: " "))
print("extract runs: " + extractTimes.map { String(format: "%.3f", $0) }.joined(separator: " "))
print("check: \(checks.0) documents parsed, \(checks.1) passages extracted")
exit(e / p <= 2.0 ? 0 : 1)
