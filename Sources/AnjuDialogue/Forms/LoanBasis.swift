import AnjuJSON

/// The price and the down payment behind a loan, remembered across turns: a rule that takes
/// the loan (`principal`) and not the price still has to follow "是首付三成不是两成" or "房子换成
/// 九十万的呢" after "房子八十八万首付两成 贷二十年", where the turn says only one of the two.
struct LoanBasis: Codable, Sendable, Equatable {
    /// The home's price, in yuan.
    var price: Double?
    /// The down payment as a share of the price (首付3成 → 0.3).
    var downShare: Double?
    /// The down payment as a sum, in yuan (首付30万).
    var downSum: Double?

    /// Takes the price and down payment `found` says (a share replaces a sum and the other way
    /// round); returns whether it said any of them.
    mutating func take(_ found: [FactExtractor.Found]) -> Bool {
        var said = false
        for f in found {
            guard let v = f.value.doubleValue else { continue }
            switch f.name {
            case "price": price = v; said = true
            case "down_payment_share": downShare = v; downSum = nil; said = true
            case "down_payment": downSum = v; downShare = nil; said = true
            default: continue
            }
        }
        return said
    }

    /// The price and the down payment as sums, for a what-if by an amount (首付再多凑5万).
    var sums: [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        if let price { out["price"] = .double(price) }
        if let downSum { out["down_payment"] = .double(downSum) } else if let downShare, let price { out["down_payment"] = .double((price * downShare).rounded()) }
        return out
    }

    /// The loan left after the down payment, when both are known and the down payment is less
    /// than the price.
    var loan: Double? {
        guard let price, price > 0 else { return nil }
        if let downShare { return (price * (1 - downShare)).rounded() }
        if let downSum, downSum < price { return (price - downSum).rounded() }
        return nil
    }
}

extension Assistant {
    /// `found` with the loan worked out from the remembered price and down payment when this
    /// turn changes one of them and names no loan itself, for a rule that takes the loan;
    /// `basis` keeps what was said.
    func withLoan(from found: [FactExtractor.Found], basis: inout LoanBasis?, intent: String) -> [FactExtractor.Found] {
        guard isFact("principal", of: intent) else { return found }
        var b = basis ?? LoanBasis()
        let said = b.take(found)
        if b != LoanBasis() { basis = b }
        guard said, !found.contains(where: { $0.name == "principal" }), let loan = b.loan,
              FactBounds.accepts("principal", .double(loan)) else { return found }
        var out = found + [FactExtractor.Found(name: "principal", value: .double(loan))]
        if isFact("loan_amount", of: intent), !found.contains(where: { $0.name == "loan_amount" }) {
            out.append(FactExtractor.Found(name: "loan_amount", value: .double(loan)))
        }
        return out
    }
}
