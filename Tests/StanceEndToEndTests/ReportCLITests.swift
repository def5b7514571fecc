import Foundation
import Testing

@Suite struct ReportCLITests {
  static let payload = "<script>alert(1)</script> \"><img src=x onerror=alert(1)> ' onmouseover='x </style> ]]> <!--"

  @Test func classifyWritesOneEscapedHTMLPageWithAnIndex() throws {
    let dir = try EvalFixture.directory()
    let model = try ClassifyCLITests.model(in: dir)
    let a = try EvalFixture.write("A splendid delightful superb film.\n\nOne tedious scene \(Self.payload).\n", "a.txt", in: dir)
    let b = try EvalFixture.write("A dreadful tedious plot.\n\nThe music was splendid.\n", "b.txt", in: dir)
    let page = dir.appendingPathComponent("report.html").path
    let result = try runStance(["classify", "--model", model, "--format", "html", "-o", page, a, b])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<!--"))
    #expect(html.contains("One tedious scene &lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("href=\"#article-1\"") && html.contains("href=\"#article-2\""))
    #expect(html.contains("The music was splendid."))
    // Same input, same bytes.
    let again = dir.appendingPathComponent("again.html").path
    _ = try runStance(["classify", "--model", model, "--format", "html", "-o", again, a, b])
    #expect(try String(contentsOfFile: again, encoding: .utf8) == html)
  }

  @Test func classifyHTMLRefusesJSONLRecords() throws {
    let dir = try EvalFixture.directory()
    let model = try ClassifyCLITests.model(in: dir)
    let records = try EvalFixture.write("{\"id\": 1, \"text\": \"splendid\"}\n", "r.jsonl", in: dir)
    let result = try runStance(["classify", "--model", model, "--format", "html", records])
    #expect(result.status == 65)
    #expect(result.stderr.contains("r.jsonl: --format html shows articles"))
  }

  @Test func evaluateWritesChartsAndIndicativeNGrams() throws {
    let dir = try EvalFixture.directory()
    let data = try EvalFixture.write(EvalFixture.corpus(count: 60), "train.jsonl", in: dir)
    let page = dir.appendingPathComponent("eval.html").path
    let result = try runStance(["evaluate", "--cross-validate", "3", "--calibrate", "--format", "html", "-o", page, data])
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    for id in ["confusion-matrix", "reliability-diagram", "fold-accuracy", "indicative-features"] {
      #expect(html.contains("id=\"\(id)\""), "\(id)")
    }
    #expect(html.contains("before calibration") && html.contains("after calibration"))
    #expect(!html.contains("<script"))
  }
}
