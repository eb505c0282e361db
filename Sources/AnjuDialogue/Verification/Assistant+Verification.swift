import AnjuStore
import Foundation

extension Assistant {
    /// A step of identity verification: an ID number or PIN answered, a verification
    /// started from the middle of a form ("贷款前先验证一下"), or a PIN typed again after a
    /// lock-out. Nil when the turn is not about verification.
    func verificationStep(_ state: inout SessionState, _ turn: inout Turn) async -> AssistantReply? {
        let u = turn.understanding
        switch state.verification {
        case .askingID(let intent):
            if u.cancelling { state.verification = .none; return cancelled(turn) }
            if let id = u.idNumber { return receivedID(id, for: intent, &state, turn) }
            if u.asksSomethingElse(than: intent, minimum: Self.interruptConfidence) { state.verification = .none; return nil }
            return message("bad_id_number", turn, intent: intent, expecting: "id_number")
        case .askingPIN(let id, let intent):
            if u.cancelling { state.verification = .none; return cancelled(turn) }
            // Another ID number instead of the PIN: the first was mistyped.
            if let other = u.idNumber, other != id { return receivedID(other, for: intent, &state, turn) }
            if let pin = u.pin {
                turn.isPIN = true
                return await verify(&state, turn, id: id, pin: pin, intent: intent)
            }
            if u.asksSomethingElse(than: intent, minimum: Self.interruptConfidence) { state.verification = .none; return nil }
            turn.isPIN = true // whatever it was, it was typed where a PIN goes
            return message("ask_pin", turn, intent: intent, expecting: "pin")
        case .none:
            // A PIN again after a lock-out: the lock notice, not an answer to something else.
            if u.pin != nil, let until = state.lockedUntil, until > turn.now {
                turn.isPIN = true
                var r = message("locked", turn, intent: state.lockedIntent ?? "balance_query")
                r.errorCode = "locked"
                return r
            }
            // An ID number offered in the middle of a form: verify, then the account fills the form.
            if let form = state.form, let id = u.idNumber, turn.secure, members != nil {
                return receivedID(id, for: form.intent, &state, turn)
            }
            return nil
        }
    }

    /// An ID number received: checked (GB 11643, birth date included), then the PIN is asked
    /// (a member locked out is told so instead: `lockNotice`, after the turn's decision).
    func receivedID(_ id: String, for intent: String, _ state: inout SessionState, _ turn: Turn) -> AssistantReply {
        guard IDNumber.isValid(id) else {
            state.verification = .askingID(for: intent)
            return message("bad_id_number", turn, intent: intent, expecting: "id_number")
        }
        state.verification = .askingPIN(idNumber: id, for: intent)
        return message("ask_pin", turn, intent: intent, expecting: "pin")
    }

    func verify(_ state: inout SessionState, _ turn: Turn, id: String, pin: String, intent: String) async -> AssistantReply {
        guard let members else {
            state.verification = .none
            return message("store_unavailable", turn, intent: intent)
        }
        let outcome: VerificationOutcome
        do { outcome = try await members.verify(idNumber: id, pin: pin, now: turn.now) } catch {
            state.verification = .none
            var r = message("store_unavailable", turn, intent: intent)
            r.errorCode = "store_unavailable"
            return r
        }
        switch outcome {
        case .verified(let account):
            let member = Member(account)
            state.verification = .none
            state.member = member
            state.lockedUntil = nil
            // Verified in the middle of a form: the account supplies its facts and the form goes on.
            if var form = state.form {
                for (k, v) in memberFacts(member, now: turn.now) where isFact(k, of: form.intent) { form.facts[k] = v }
                state.form = form
                var r = advanceForm(&state, turn, confidence: 1)
                r.reply = data.message("verified", turn.channel) + (turn.channel == .ivr ? "，" : "") + r.reply
                return r
            }
            var r = memberAnswer(intent: intent, member: member, turn)
            r.reply = data.message("verified", turn.channel) + (turn.channel == .ivr ? "，" : "") + r.reply
            return r
        case .wrongPIN, .unknownMember, .invalidIDNumber, .malformedPIN:
            // The same words for an unknown ID and a wrong PIN: the reply never tells whether
            // an ID number belongs to a member. Either way the PIN is asked again (a new ID
            // number is taken instead); failed tries on unknown IDs are counted by the store.
            return message("verification_failed", turn, intent: intent, expecting: "pin")
        case .locked(let until):
            state.verification = .none
            state.lockedUntil = until
            state.lockedIntent = intent
            var r = message("locked", turn, intent: intent)
            r.errorCode = "locked"
            return r
        }
    }

    /// After the turn's decision: when it has just asked for the PIN of an ID number (from
    /// whichever path: a member question, a form, a verification), a member locked out is
    /// told so at once, before typing a PIN for nothing. Nil otherwise.
    func lockNotice(_ state: inout SessionState, _ turn: Turn, before: SessionState.Verification) async -> AssistantReply? {
        guard case .askingPIN(let id, let intent) = state.verification, state.verification != before, let members,
              let until = (try? await members.lockedUntil(idNumber: id, now: turn.now)) ?? nil else { return nil }
        state.verification = .none
        state.lockedUntil = until
        state.lockedIntent = intent
        var r = message("locked", turn, intent: intent)
        r.errorCode = "locked"
        return r
    }
}
