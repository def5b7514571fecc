import Foundation
import Testing

/// URL inputs against a server the test starts on 127.0.0.1: pages, redirects, limits, failures.
@Suite(.serialized) struct URLInputCLITests {
  /// A loopback web server (Fixtures/loopback-server.py) for one test.
  final class Server {
    let process = Process()
    let port: Int

    init() throws {
      let script = repositoryRoot.appendingPathComponent("Tests/Fixtures/loopback-server.py")
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", script.path]
      let out = Pipe()
      process.standardOutput = out
      try process.run()
      var line = Data()
      while !line.contains(0x0A) {
        let byte = out.fileHandleForReading.readData(ofLength: 1)
        if byte.isEmpty { break }
        line += byte
      }
      port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    deinit {
      // SIGKILL: the test runner's threads block SIGTERM, and a child inherits that mask.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  /// A port nothing listens on: bound, then closed.
  static func closedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  static func labels(_ stdout: String) -> [String] {
    stdout.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["label"] as? String
    }
  }

  @Test func pagesAndRedirectsAreClassifiedUnderTheirFinalURL() throws {
    let server = try Server()
    #expect(server.port > 0)
    let run = try runStance(["classify", "--format", "jsonl", server.url("/page"), server.url("/redirect"), server.url("/ua")])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(Self.labels(run.stdout) == ["restraint", "restraint", "restraint"])
    let sources = run.stdout.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["source"] as? String
    }
    #expect(sources == [server.url("/page"), server.url("/page"), server.url("/ua")])
  }

  @Test func everyFailureNamesTheURLAndTheOthersGoOn() throws {
    let server = try Server()
    let refused = "http://127.0.0.1:\(Self.closedPort())/page"
    let cases: [(String, String)] = [
      (server.url("/missing"), "HTTP 404"),
      (server.url("/loop"), "more than 5 redirects"),
      (server.url("/pdf"), "not an HTML page"),
      (server.url("/big"), "page is larger than the limit of 1000000 bytes"),
      (server.url("/big-chunked"), "page is larger than the limit of 1000000 bytes"),
      (refused, "connection refused"),
    ]
    let run = try runStance(["classify", "--format", "jsonl", "--max-bytes", "1000000"] + cases.map(\.0) + [server.url("/page")])
    #expect(run.status == 65)
    for (url, reason) in cases {
      #expect(run.stderr.contains("stance classify: \(url): \(reason)"), "\(url): \(run.stderr)")
    }
    #expect(Self.labels(run.stdout) == ["restraint"], "the good page is still classified")
  }

  @Test func aSlowPageTimesOut() throws {
    let server = try Server()
    let start = Date()
    let run = try runStance(["classify", "--timeout", "1", "--connect-timeout", "1", server.url("/slow")])
    #expect(run.status == 65)
    #expect(run.stderr.contains("stance classify: \(server.url("/slow")): timed out"), "\(run.stderr)")
    // The server answers after 120 s. A sanitizer build on a loaded machine took 22 s to start,
    // load the model and give up, so the bound only checks that it did not wait for the answer.
    #expect(Date().timeIntervalSince(start) < 90, "given up long before the server answers")
  }

  @Test func urlListsAreReadLineByLine() throws {
    let server = try Server()
    let dir = try EvalFixture.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let list = try EvalFixture.write("# pages to read\n\(server.url("/page"))\n\nftp://example.org/x\n\(server.url("/redirect"))\n", "urls.txt", in: dir)
    let run = try runStance(["ingest", "--format", "jsonl", "--urls", list])
    #expect(run.status == 65)
    #expect(run.stderr.contains("stance ingest: \(list):4: not an http or https URL"), "\(run.stderr)")
    #expect(run.stdout.split(separator: "\n").count == 2)
  }
}
