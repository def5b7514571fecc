// Fuzz target: model file decoding. Random bytes almost never pass the checksum, so when the
// first byte is odd the harness rewrites the length field and checksum of the rest before
// decoding; that lets the fuzzer reach every field check behind them.

func fuzzModel(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  var bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  if data[0] & 1 == 1, bytes.count >= ModelFile.headerSize + ModelFile.trailerSize {
    let payloadEnd = bytes.count - ModelFile.trailerSize
    var length = ByteWriter()
    length.u64(UInt64(payloadEnd - ModelFile.headerSize))
    bytes.replaceSubrange(12..<20, with: length.bytes)
    var sum = ByteWriter()
    sum.u64(ModelFile.checksum(bytes[..<payloadEnd]))
    bytes.replaceSubrange(payloadEnd..., with: sum.bytes)
  }
  do {
    let model = try NaiveBayesModel(serialized: bytes)
    // A file that decodes must encode back to the same bytes (the format has one spelling per model;
    // a version 1 file comes back as the current version), and must be usable.
    precondition(model.serialized() == ModelFile.current(bytes), "decode/encode round trip changed the bytes")
    let prediction = model.predict("the alliance should withdraw troops and restrain spending")
    precondition(model.labels.contains(prediction.label), "prediction outside the label set")
    _ = model.explain("allies")
  } catch is ModelFileError {
  } catch {
    preconditionFailure("unexpected error type: \(error)")
  }
  return 0
}
