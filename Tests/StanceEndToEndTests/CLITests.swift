import Foundation
import Testing

@Test func helpListsSubcommands() throws {
  let result = try runStance(["--help"])
  #expect(result.status == 0)
  for name in ["ingest", "train", "evaluate", "classify", "explain", "merge"] {
    #expect(result.stdout.contains(name))
  }
}
