import Foundation
import Testing

/// The two op-eds the project started from, when the shared data sits beside the repository.
private let seeds = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
private let defaultModel = repositoryRoot.appendingPathComponent("models/default.stance")

private func seed(_ prefix: String) throws -> String {
  let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path)
  let name = try #require(names.sorted().first { $0.hasPrefix(prefix) }, "no seed \(prefix)* in \(seeds.path)")
  return seeds.appendingPathComponent(name).path
}

/// The article object of `stance classify --format json` on one input.
private func classify(_ path: String, model: String? = nil) throws -> [String: Any] {
  var arguments = ["classify", "--format", "json"]
  if let model { arguments += ["--model", model] }
  let result = try runStance(arguments + [path])
  #expect(result.status == 0, "\(result.stderr)")
  let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
  return try #require(items.first)
}

private func deciding(_ article: [String: Any]) -> [[String: Any]] {
  ((article["stance"] as? [String: Any])?["deciding"] as? [[String: Any]]) ?? []
}

@Test(.enabled(if: FileManager.default.fileExists(atPath: seeds.path)))
func restraintSeedComesOutRestraintWithItsDecidingPassages() throws {
  let article = try classify(try seed("000_"), model: defaultModel.path)
  #expect(article["label"] as? String == "restraint")
  let decisive = deciding(article)
  #expect(!decisive.isEmpty)
  #expect(decisive.allSatisfy { ($0["logOdds"] as? Double ?? 0) > 0 })
}

@Test(.enabled(if: FileManager.default.fileExists(atPath: seeds.path)))
func engagementSeedComesOutEngagementWithItsDecidingPassages() throws {
  let article = try classify(try seed("002_"), model: defaultModel.path)
  #expect(article["label"] as? String == "engagement")
  let decisive = deciding(article)
  #expect(!decisive.isEmpty)
  #expect(decisive.allSatisfy { ($0["logOdds"] as? Double ?? 0) < 0 })
}

@Test func classifyUsesTheBundledModelWhenNoneIsGiven() throws {
  let page = repositoryRoot.appendingPathComponent("training/articles/html/a05-iraq-restraint.html").path
  let article = try classify(page)
  #expect(article["label"] as? String == "restraint")
  let passages = try #require(article["passages"] as? [[String: Any]])
  #expect(passages.count >= 6)
  // The page's boilerplate (comments, related headlines, credits) must not reach the classifier.
  let text = passages.compactMap { $0["text"] as? String }.joined(separator: "\n")
  #expect(!text.contains("Advertisement"))
  #expect(!text.contains("Share on"))
}

@Test func aMissingModelIsBadDataWithTheReason() throws {
  let result = try runStance(["classify", "--model", "/nonexistent/model.stance", "-"], stdin: Data("Text.".utf8))
  #expect(result.status == 65)
  #expect(result.stderr.contains("/nonexistent/model.stance"))
}

/// A binary with no model near it says where it looked, each place once.
@Test func noDefaultModelNamesEachPlaceOnce() throws {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-alone-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let binary = folder.appendingPathComponent("stance")
  try FileManager.default.copyItem(at: productsDirectory.appendingPathComponent("stance"), to: binary)
  let process = Process()
  process.executableURL = binary
  process.arguments = ["classify", "-"]
  process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "STANCE_MODEL" }
  let input = Pipe()
  let errors = Pipe()
  process.standardInput = input
  process.standardOutput = FileHandle.nullDevice
  process.standardError = errors
  try process.run()
  input.fileHandleForWriting.write(Data("Text.".utf8))
  try input.fileHandleForWriting.close()
  let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  #expect(process.terminationStatus == 65)
  let places = try #require(message.components(separatedBy: "looked in: ").last)
    .trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: ", ")
  #expect(places.count >= 4 && Set(places).count == places.count, "\(message)")
}

/// `evaluate --articles` honours --format like every other evaluation: JUnit with one case per
/// article, an HTML page of the verdicts, JSON; the same accuracy in each.
@Test func articleEvaluationWritesEveryFormat() throws {
  let model = repositoryRoot.appendingPathComponent("models/default.stance").path
  let labels = repositoryRoot.appendingPathComponent("training/articles/labels.jsonl").path
  func run(_ format: String) throws -> String {
    let result = try runStance(["evaluate", "--model", model, "--articles", labels, "--format", format])
    #expect(result.status == 0, "\(format): \(result.stderr)")
    return result.stdout
  }
  let count = try String(contentsOfFile: labels, encoding: .utf8).split(separator: "\n").count
  let junit = try run("junit")
  #expect(junit.hasPrefix("<?xml"))
  #expect(junit.components(separatedBy: "classname=\"stance.evaluate.articles\"").count - 1 == count)
  let html = try run("html")
  #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("(recorded restraint)") && !html.contains("<script"))
  let json = try JSONSerialization.jsonObject(with: Data(try run("json").utf8)) as? [String: Any]
  #expect((json?["outcomes"] as? [Any])?.count == count)
  #expect(try run("text").hasPrefix("articles  \(count)"))
}
