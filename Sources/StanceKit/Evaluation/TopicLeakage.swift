/// Warns when a model's most indicative features are places or actors rather than arguments.
///
/// A stance model that learned "Afghanistan = restraint" has learned the corpus's topic mix, not
/// the argument; such a model flips with the news agenda. The check reads each label's top
/// features and flags any n-gram that contains a name from `TopicLeakage.names`.
public enum TopicLeakage {
  /// How many of each label's most indicative features are inspected.
  public static let inspectedFeatures = 20

  /// A label whose top features include place or actor names.
  public struct Warning: Hashable, Codable, Sendable {
    /// The label whose top features leak.
    public var label: String
    /// The offending features, in rank order.
    public var features: [String]
  }

  /// The warnings for `indicative` (features per label, strongest first).
  public static func warnings(indicative: [String: [IndicativeFeature]]) -> [Warning] {
    indicative.keys.sorted().compactMap { label in
      let leaking = (indicative[label] ?? []).prefix(inspectedFeatures).map(\.feature).filter(containsName)
      return leaking.isEmpty ? nil : Warning(label: label, features: leaking)
    }
  }

  /// Whether any word of the n-gram `feature` (space-separated, lower-case) is a listed name.
  public static func containsName(_ feature: String) -> Bool {
    feature.split(separator: " ").contains { word in
      // Negation scope marks words as NOT_word; the name inside still leaks.
      let bare = word.hasPrefix("not_") || word.hasPrefix("NOT_") ? word.dropFirst(4) : word[...]
      return names.contains(bare.lowercased())
    }
  }

  /// Countries, regions, capitals, armed groups, alliances and leaders, lower-case, one token each.
  ///
  /// The United States and its capital are left out on purpose: every passage is about what
  /// America should do, so those words are the subject, not a topic.
  public static let names: Set<String> = [
    // South and Central Asia
    "afghanistan", "afghan", "afghans", "kabul", "kandahar", "helmand", "bagram", "taliban",
    "pakistan", "pakistani", "islamabad", "rawalpindi", "haqqani", "india", "indian", "delhi",
    "kashmir", "modi", "kazakhstan", "uzbekistan", "tajikistan", "kyrgyzstan", "turkmenistan",
    // Middle East and the Gulf
    "iraq", "iraqi", "iraqis", "baghdad", "mosul", "erbil", "kurdistan", "kurds", "kurdish",
    "syria", "syrian", "syrians", "damascus", "aleppo", "idlib", "assad", "iran", "iranian",
    "iranians", "tehran", "khamenei", "irgc", "israel", "israeli", "israelis", "gaza", "hamas",
    "hezbollah", "lebanon", "jerusalem", "netanyahu", "palestinian", "palestinians", "yemen",
    "yemeni", "houthi", "houthis", "saudi", "riyadh", "emirates", "emirati", "qatar", "bahrain",
    "oman", "hormuz", "jordan", "egypt", "egyptian", "cairo",
    // Europe and Eurasia
    "ukraine", "ukrainian", "ukrainians", "kyiv", "kiev", "donbas", "crimea", "russia", "russian",
    "russians", "moscow", "kremlin", "putin", "belarus", "nato", "baltic", "baltics", "poland",
    "polish", "germany", "german", "berlin", "france", "french", "paris", "britain", "british",
    "london", "balkans", "serbia", "serbian", "belgrade", "kosovo", "bosnia", "sarajevo", "turkey",
    "turkish", "ankara", "istanbul", "erdogan", "greenland", "norway", "svalbard", "zelensky",
    "brussels", "warsaw", "vilnius", "riga", "tallinn", "lithuania", "latvia", "estonia", "finland",
    "sweden", "astana", "tashkent", "dushanbe", "bishkek",
    // East and Southeast Asia, the Pacific
    "china", "chinese", "beijing", "xi", "taiwan", "taiwanese", "taipei", "korea", "korean",
    "koreans", "pyongyang", "seoul", "kim", "japan", "japanese", "tokyo", "okinawa", "philippines",
    "philippine", "filipino", "manila", "vietnam", "vietnamese", "hanoi", "indonesia", "malaysia",
    "singapore", "thailand", "myanmar", "spratly", "spratlys", "paracel", "scarborough", "guam",
    "australia", "australian", "canberra", "aukus", "jakarta", "bangkok", "naypyidaw",
    // Africa
    "sahel", "mali", "malian", "bamako", "niger", "nigerien", "niamey", "burkina", "ouagadougou",
    "chad", "wagner", "somalia",
    "somali", "mogadishu", "shabaab", "al-shabaab", "ethiopia", "ethiopian", "eritrea",
    "djibouti", "kenya", "nairobi", "sudan", "khartoum", "addis", "libya", "libyan", "libyans", "tripoli", "benghazi", "haftar",
    "qaddafi", "gaddafi", "nigeria",
    // The Americas
    "venezuela", "venezuelan", "maduro", "colombia", "colombian", "mexico", "mexican", "cuba",
    "cuban", "havana", "caracas", "bogota", "haiti", "haitian", "brazil", "panama", "honduras", "guatemala", "ecuador",
    // Transnational groups
    "qaeda", "al-qaeda", "isis", "isil", "daesh",
  ]
}
