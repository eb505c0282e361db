/// The channel a reply is worded for is the protocol model's one `Channel`
/// (protocol.md "Channel wording"). Re-exported so the dialogue's users need no second import;
/// there is no other definition.
@_exported import enum AnjuProtocol.Channel
