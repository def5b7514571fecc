// libFuzzer entry point shared by every target. All harnesses are linked into one binary so the
// library is compiled once; scripts/fuzz picks the harness through STANCE_FUZZ_TARGET.

import Foundation

/// The harness chosen for this process, read once.
private let selectedHarness: (UnsafePointer<UInt8>?, Int) -> CInt = {
  let name = ProcessInfo.processInfo.environment["STANCE_FUZZ_TARGET"] ?? ""
  switch name {
  case "ingest-html": return fuzzIngestHTML
  case "ingest-text": return fuzzIngestText
  case "corpus": return fuzzCorpus
  case "model": return fuzzModel
  case "warc": return fuzzWARC
  case "json-lines": return fuzzJSONLines
  default:
    FileHandle.standardError.write(Data("STANCE_FUZZ_TARGET must be ingest-html, ingest-text, corpus, model, warc or json-lines\n".utf8))
    exit(64)
  }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  selectedHarness(data, size)
}
