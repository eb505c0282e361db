import Yams

/// A policy passage an answer can cite: an article of the regulation, a rate notice, a
/// figure of the centre's profile.
public struct Passage: Sendable, Equatable {
    public let id: String
    /// The document's name, e.g. 住房公积金管理条例.
    public let doc: String
    /// The article or section, e.g. 第二十四条.
    public let section: String
    public let title: String
    /// Where it comes from (document number, notice, date).
    public let source: String
    /// YYYY-MM-DD.
    public let effective: String
    /// The content, in our own words (placeholders rendered).
    public let text: String
}

/// One file of `Corpus/passages/`.
struct PassageFile: Decodable {
    struct Item: Decodable {
        let id: String
        let section: String
        let title: String
        let effective: String?
        let text: String
    }
    let doc: String
    let source: String
    let effective: String
    let passages: [Item]
}

/// An FAQ entry: a question staff and citizens ask, its answer for chat and for the phone,
/// and the passages it rests on.
public struct FAQEntry: Sendable, Equatable {
    public let id: String
    /// The intent id it answers.
    public let intent: String
    public let question: String
    /// Chat-length answer, placeholders rendered with written figures (80万元).
    public let answer: String
    /// Phone-line answer, rendered with spoken figures (八十万元), no digits or symbols.
    public let spoken: String
    public let keywords: [String]
    /// Ids of the passages it cites.
    public let cites: [String]
}

struct FAQItem: Decodable {
    let id: String
    let intent: String
    let question: String
    let answer: String
    let spoken: String
    let keywords: [String]
    let cites: [String]
}
