/// StanceKit: ingest op-ed pages, tokenise, train and apply naive Bayes stance models.
public enum StanceKit {
  /// The library version, also printed by `stance --version`.
  public static let version = "0.1.0"
}
