import Testing
@testable import StanceKit

@Test func libraryVersionIsSemantic() {
  #expect(StanceKit.version.split(separator: ".").count == 3)
}
