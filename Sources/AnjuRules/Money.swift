import Foundation

/// Money arithmetic: figures are computed unrounded in `Double` and rounded only when
/// reported.
public enum Money {
    /// Rounds half-up (halves away from zero) to 0.01.
    ///
    /// Binary doubles cannot hold most decimal halves: 2.675 is stored as 2.67499999…. A value
    /// whose cents fraction is within a hair of one half is therefore rounded from its
    /// shortest decimal form (the digits Swift prints, "2.675"), so 2.675 → 2.68 as a person
    /// would expect; everything else rounds directly. The result is the double nearest to
    /// the rounded decimal, so it prints with at most two decimals.
    public static func round2(_ x: Double) -> Double {
        guard x.isFinite else { return x }
        let y = x * 100
        guard y.magnitude < 9.0e15 else { return x }
        let fraction = y.magnitude - y.magnitude.rounded(.down)
        if (fraction - 0.5).magnitude > 1e-6 {
            return y.rounded(.toNearestOrAwayFromZero) / 100
        }
        return roundDecimalText(x)
    }

    /// Half-up rounding to cents of the shortest decimal text of `x`.
    static func roundDecimalText(_ x: Double) -> Double {
        // value = ±digits × 10^exponent
        var digits: [UInt8] = []
        var exponent = 0
        var negative = false
        var seenDot = false
        var iterator = x.description.utf8.makeIterator()
        while let c = iterator.next() {
            switch c {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): seenDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(c - UInt8(ascii: "0"))
                if seenDot { exponent -= 1 }
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                var rest = ""
                while let e = iterator.next() { rest.append(Character(Unicode.Scalar(e))) }
                exponent += Int(rest) ?? 0
            default: break
            }
        }
        // cents = digits × 10^(exponent + 2), rounded half-up.
        let shift = exponent + 2
        var cents = 0
        if shift >= 0 {
            for d in digits { cents = cents * 10 + Int(d) }
            for _ in 0..<shift { cents *= 10 }
        } else {
            let drop = -shift
            let keep = digits.count - drop
            if keep > 0 {
                for d in digits[0..<keep] { cents = cents * 10 + Int(d) }
                if digits[keep] >= 5 { cents += 1 }
            } else if keep == 0, let first = digits.first, first >= 5 {
                cents = 1
            }
        }
        let value = Double(cents) / 100
        return negative ? -value : value
    }

    /// `x` rounded down to a multiple of `step` (after rounding to cents, so 419999.99999999994
    /// counts as 420000).
    public static func floor(_ x: Double, toMultipleOf step: Double) -> Double {
        guard x > 0, step > 0 else { return 0 }
        return (round2(x) / step).rounded(.down) * step
    }

    /// Monthly payment of 等额本息 (equal installments): P·r·(1+r)^n / ((1+r)^n − 1), with
    /// r the monthly rate; P/n when r is 0.
    public static func equalInstallmentPayment(principal: Double, monthlyRate r: Double, months n: Int) -> Double {
        guard n > 0 else { return 0 }
        guard r > 0 else { return principal / Double(n) }
        // (1+r)^-n computed as exp(−n·log1p(r)) for accuracy.
        let discount = -expm1(-Double(n) * log1p(r))  // 1 − (1+r)^-n
        return principal * r / discount
    }

    /// The principal whose 等额本息 payment is `payment`: M·((1+r)^n − 1)/(r·(1+r)^n);
    /// 0 when the payment is not positive.
    public static func principalForPayment(_ payment: Double, monthlyRate r: Double, months n: Int) -> Double {
        guard payment > 0, n > 0 else { return 0 }
        guard r > 0 else { return payment * Double(n) }
        let discount = -expm1(-Double(n) * log1p(r))
        return payment * discount / r
    }

    /// "12,000" / "4,003.40" (thousands separators; cents only when not whole), for messages.
    public static func format(_ x: Double) -> String {
        let rounded = round2(x)
        let negative = rounded < 0
        let cents = Int((rounded.magnitude * 100).rounded())
        let whole = cents / 100
        let fraction = cents % 100
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if fraction != 0 { grouped += "." + (fraction < 10 ? "0" : "") + String(fraction) }
        return (negative ? "-" : "") + grouped
    }
}
