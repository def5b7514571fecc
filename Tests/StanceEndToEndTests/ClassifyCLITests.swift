import Foundation
import Testing

@Suite struct ClassifyCLITests {
  /// Trains a small model in `dir` and returns its path.
  static func model(in dir: URL) throws -> String {
    let train = try EvalFixture.write(EvalFixture.corpus(count: 60), "train.jsonl", in: dir)
    let model = dir.appendingPathComponent("m.model").path
    let result = try runStance(["train", "-o", model, train])
    precondition(result.status == 0, result.stderr)
    return model
  }

  @Test func jsonlRecordsGiveIdLabelAndProbabilities() throws {
    let dir = try EvalFixture.directory()
    let model = try Self.model(in: dir)
    let input = try EvalFixture.write(
      """
      {"id": "a", "text": "a splendid delightful film"}
      {"id": 7, "text": "a dreadful tedious plot"}

      {"text": ""}
      """, "in.jsonl", in: dir)
    let result = try runStance(["classify", "--model", model, "--input", "jsonl", input])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix(#"{"id":"a","label":"pos","probabilities":{"neg":"#))
    let records = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    #expect(records[1]["id"] as? Int == 7)
    #expect(records[1]["label"] as? String == "neg")
    #expect(records[2]["id"] is NSNull)
    for r in records {
      let p = r["probabilities"] as! [String: Double]
      #expect(Set(p.keys) == ["neg", "pos"])
      #expect(abs(p.values.reduce(0, +) - 1) < 1e-9)
    }
  }

  @Test func jobsDoNotChangeTheOutput() throws {
    let dir = try EvalFixture.directory()
    let model = try Self.model(in: dir)
    let records = EvalFixture.corpus(count: 90).split(separator: "\n").enumerated().map { i, line in
      // Records keep one "id" each: the strict reader refuses a line with a key twice.
      line.replacingOccurrences(of: #""id": "p\#(i)""#, with: #""id": \#(i)"#)
    }
    let input = try EvalFixture.write(records.joined(separator: "\n") + "\n{oops\n", "in.jsonl", in: dir)
    let one = try runStance(["classify", "--model", model, "--input", "jsonl", input])
    let three = try runStance(["classify", "--model", model, "--input", "jsonl", "--jobs", "3", input])
    #expect(one.status == 65 && three.status == 65, "the bad last line is still reported")
    #expect(one.stdout.split(separator: "\n").count == 90)
    #expect(three.stdout == one.stdout)
    #expect(try runStance(["classify", "--model", model, "--jobs", "0", input]).status == 64)
  }

  @Test func jsonlIsReadAsAStreamWithTheLimitPerLine() throws {
    let dir = try EvalFixture.directory()
    let model = try Self.model(in: dir)
    // 2,000 records: several read batches, and a file many times --max-bytes; line 1,001 alone is
    // over the limit.
    var lines = (0..<2000).map { #"{"id": \#($0), "text": "a splendid delightful film number \#($0)"}"# }
    lines[1000] = #"{"id": 1000, "text": "\#(String(repeating: "long ", count: 1000))"}"#
    let input = try EvalFixture.write(lines.joined(separator: "\n") + "\n", "big.jsonl", in: dir)
    let result = try runStance(["classify", "--model", model, "--max-bytes", "4096", input])
    #expect(result.status == 65)
    #expect(result.stderr == "stance classify: \(input):1001: line is longer than the limit of 4096 bytes; raise --max-bytes to accept it\n")
    let ids = try result.stdout.split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["id"] as? Int
    }
    #expect(ids == (0..<2000).filter { $0 != 1000 }, "every other record, in input order")
    let piped = try runStance(["classify", "--model", model, "--input", "jsonl", "--max-bytes", "4096", "-"],
                              stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
    #expect(piped.stdout == result.stdout)
    // Told apart from a page by its first bytes, standard input streams without --input too.
    let sniffed = try runStance(["classify", "--model", model, "--max-bytes", "4096", "-"],
                                stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
    #expect(sniffed.stdout == result.stdout)
    #expect(sniffed.stderr == result.stderr.replacingOccurrences(of: input, with: "<stdin>"))
  }

  @Test func badRecordsAreReportedWithLineAndExit65() throws {
    let dir = try EvalFixture.directory()
    let model = try Self.model(in: dir)
    let input = try EvalFixture.write(
      "{\"id\": 1, \"text\": \"splendid\"}\n[1, 2]\n{\"id\": 3}\n{oops\n{\"id\": 5, \"text\": \"awful\"}\n", "in.jsonl", in: dir)
    let result = try runStance(["classify", "--model", model, input])
    #expect(result.status == 65)
    #expect(result.stderr.contains("stance classify: \(input):2: invalid JSON: expected an object"))
    #expect(result.stderr.contains("stance classify: \(input):3: missing \"text\""))
    #expect(result.stderr.contains("stance classify: \(input):4: invalid JSON"))
    #expect(result.stdout.split(separator: "\n").count == 2, "good records are still classified")
  }

  @Test func articlesInADirectoryAreVotedAndFailuresReported() throws {
    let dir = try EvalFixture.directory()
    let model = try Self.model(in: dir)
    let articles = dir.appendingPathComponent("articles")
    try FileManager.default.createDirectory(at: articles.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try EvalFixture.write(
      "A splendid delightful superb film.\n\nThe story and the music were splendid.\n\nOne tedious scene.\n",
      "b.txt", in: articles)
    try EvalFixture.write(
      "<html><head><title>Review</title></head><body><article><p>A dreadful, tedious and awful film from start to end, with an awful script.</p><p>The dreadful ending made the tedious story worse for everyone in the cast.</p></article></body></html>",
      "sub/a.html", in: articles)
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]).write(to: articles.appendingPathComponent("c.png"))
    let result = try runStance(["classify", "--model", model, "--format", "jsonl", articles.path])
    #expect(result.status == 65)
    #expect(result.stderr.contains("c.png"), "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
    let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as! [String: Any]
    // Sorted walk: b.txt, then c.png (failed), then sub/a.html.
    #expect((first["source"] as! String).hasSuffix("b.txt"))
    #expect(first["label"] as? String == "pos")
    #expect((first["passages"] as! [Any]).count == 3)
    #expect((second["source"] as! String).hasSuffix("sub/a.html"))
    #expect(second["label"] as? String == "neg")
    // A model without stance labels decides by the vote, whose probabilities sum to 1.
    let p = try #require((first["vote"] as? [String: Any])?["probabilities"] as? [String: Double])
    #expect(abs(p.values.reduce(0, +) - 1) < 1e-9)
  }

  @Test func standardInputAndTextFormat() throws {
    let dir = try EvalFixture.directory()
    let model = try Self.model(in: dir)
    let result = try runStance(
      ["classify", "--model", model, "--input", "text", "-"],
      stdin: Data("Such a splendid film.\n\nA delightful, superb cast.\n".utf8))
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("<stdin>\tpos\t") == true)
    #expect(lines.count == 3)
    let records = try runStance(
      ["classify", "--model", model, "--format", "json", "-"],
      stdin: Data(#"{"id": "x", "text": "awful"}"#.utf8))
    #expect(records.status == 0, "\(records.stderr)")
    let array = try JSONSerialization.jsonObject(with: Data(records.stdout.utf8)) as! [[String: Any]]
    #expect(array.first?["label"] as? String == "neg")
  }

  @Test func unclearMarginDecidesWhenArgumentsAreUnclear() throws {
    let model = repositoryRoot.appendingPathComponent("models/default.stance").path
    let article = Data("Bring the troops home now.\n\nWe must stand by our allies.\n".utf8)
    func verdict(_ margin: String) throws -> (label: String, score: Double) {
      let result = try runStance(
        ["classify", "--model", model, "--input", "text", "--format", "jsonl", "--unclear-margin", margin, "-"], stdin: article)
      #expect(result.status == 0, "\(result.stderr)")
      let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let stance = try #require(object["stance"] as? [String: Any])
      #expect(stance["margin"] as? Double == Double(margin))
      return (try #require(object["label"] as? String), try #require(stance["score"] as? Double))
    }
    let wide = try verdict("1000")
    #expect(wide.label == "unclear")
    let none = try verdict("0")
    #expect(none.label == (wide.score > 0 ? "restraint" : "engagement"))
    #expect(try runStance(["classify", "--model", model, "--unclear-margin", "-1", "-"], stdin: article).status == 64)
  }

  @Test func missingModelOrFileFails() throws {
    let dir = try EvalFixture.directory()
    let model = try Self.model(in: dir)
    let missingModel = try runStance(["classify", "--model", dir.appendingPathComponent("none.model").path, "-"])
    #expect(missingModel.status == 65)
    let missingFile = try runStance(["classify", "--model", model, dir.appendingPathComponent("nope.txt").path])
    #expect(missingFile.status == 65)
    #expect(missingFile.stderr.contains("nope.txt"))
    let noPaths = try runStance(["classify", "--model", model])
    #expect(noPaths.status == 64)
  }
}
