import Foundation
import GRDB

/// One turn of a conversation as the dialogue hands it to `AccountStore.logTurn(_:)`.
///
/// The texts may hold personal numbers: the store masks them before writing (see
/// `Redactor`), so callers pass what they have. Set `containsPIN` when the user's text
/// is the answer to the PIN question: then the text is not kept at all.
public struct TurnRecord: Sendable, Hashable {
    /// The conversation key (protocol.md `session`).
    public var session: String
    /// When the turn happened.
    public var time: Date
    /// `chat`, `ivr` or `staff`.
    public var channel: String
    /// The user's words after normalisation.
    public var text: String
    /// The intent id the turn was classified as, `out_of_scope` or `unclear`.
    public var intent: String
    /// The classifier's confidence, 0–1.
    public var confidence: Double
    /// What the assistant answered.
    public var reply: String
    /// True when `text` is (or carries) the member's PIN: it is stored as `[PIN]`.
    public var containsPIN: Bool

    public init(session: String, time: Date = Date(), channel: String, text: String, intent: String,
                confidence: Double, reply: String, containsPIN: Bool = false) {
        self.session = session
        self.time = time
        self.channel = channel
        self.text = text
        self.intent = intent
        self.confidence = confidence
        self.reply = reply
        self.containsPIN = containsPIN
    }
}

/// A turn as stored in the `turn` table, already masked.
public struct LoggedTurn: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "turn"

    /// Row id, in order of logging.
    public private(set) var id: Int64?
    public let session: String
    public let time: Date
    public let channel: String
    /// The masked text, or `[PIN]`.
    public let text: String
    public let intent: String
    public let confidence: Double
    /// The masked reply.
    public let reply: String
    /// Whether the text was a PIN (and so was not kept).
    public let pinTurn: Bool

    enum CodingKeys: String, CodingKey {
        case id, session, time, channel, text, intent, confidence, reply
        case pinTurn = "pin_turn"
    }

    /// Masks `turn`: numbers in the session, text and reply (`Redactor.mask`); the whole
    /// text when it is a PIN.
    init(masking turn: TurnRecord) {
        id = nil
        session = Redactor.mask(turn.session)
        time = turn.time
        channel = turn.channel
        text = turn.containsPIN ? Redactor.pinPlaceholder : Redactor.mask(turn.text)
        intent = turn.intent
        confidence = turn.confidence.isFinite ? min(max(turn.confidence, 0), 1) : 0
        reply = Redactor.mask(turn.reply)
        pinTurn = turn.containsPIN
    }

    /// A turn already masked by `init(masking:)` (the log writer's queue), as it is.
    init(alreadyMasked turn: TurnRecord) {
        id = nil
        session = turn.session
        time = turn.time
        channel = turn.channel
        text = turn.containsPIN ? Redactor.pinPlaceholder : turn.text
        intent = turn.intent
        confidence = turn.confidence.isFinite ? min(max(turn.confidence, 0), 1) : 0
        reply = turn.reply
        pinTurn = turn.containsPIN
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
