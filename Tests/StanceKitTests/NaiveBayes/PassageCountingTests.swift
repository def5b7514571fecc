import Testing

@testable import StanceKit

/// The once-per-passage rule: presence counting, or an n-gram holding a punctuation mark.
@Suite struct PassageCountingTests {
  @Test func countsOnceUnderPresenceOrWithAMark() {
    let frequency = PassageCounting(presence: false)
    let presence = PassageCounting(presence: true)
    #expect(frequency.count(3.0, holdingMark: false) == 3 && frequency.count(UInt32(3), holdingMark: true) == 1)
    #expect(presence.count(3.0, holdingMark: false) == 1 && presence.count(3.0, holdingMark: true) == 1)
    var options = TrainingOptions(variant: .bernoulli)
    #expect(PassageCounting(options: options).presence)
    options.variant = .multinomial
    #expect(!PassageCounting(options: options).presence)
    options.features.binary = true
    #expect(PassageCounting(options: options).presence)
  }

  /// Token ids, n-gram keys and vocabulary bytes must agree on which n-grams hold a mark.
  @Test func tokenIDsKeysAndBytesAgree() {
    let tokens = ["good", "!", "a", ".", "<num>", "i", "n't", ">", "war"]
    let tokenIsMark = tokens.map { Array($0.utf8).withUnsafeBufferPointer(Tokenizer.isMark) }
    #expect(tokenIsMark == [false, true, false, true, false, false, false, true, false])
    var random = SplitMix64(seed: 3)
    for _ in 0..<500 {
      let length = 1 + Int(random.next() % UInt64(FeatureOptions.maximumNgram))
      let ids = (0..<length).map { _ in Int32(random.next() % UInt64(tokens.count)) }
      let bytes = ids.map { tokens[Int($0)] }.joined(separator: " ")
      ids.withUnsafeBufferPointer { ids in
        let fromIDs = PassageCounting.holdsMark(ids, start: 0, length: length, tokenIsMark: tokenIsMark)
        let key = NGramKey.make(ids, start: 0, length: length)!
        #expect(fromIDs == PassageCounting.holdsMark(key, tokenIsMark: tokenIsMark), "\(bytes)")
        #expect(fromIDs == Tokenizer.containsMark(ngram: bytes), "\(bytes)")
      }
    }
  }
}
