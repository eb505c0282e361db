import AnjuJSON

/// A month's contribution said by its base and ratio, for working it out: 缴存基数12,000
/// 单位个人各8%, 基数8000按12%交. The base is a field (`deposit_base`, see `fields`); the ratio
/// is the percentage said where contributions are spoken of.
extension FactScan {
    /// Words that make a percentage the contribution ratio.
    static let depositRatioWords = ["缴存比例", "比例", "基数", "单位和个人", "单位个人", "各", "缴存", "公积金交", "公积金缴", "%交", "%缴", "%的比例"]
    /// Words that make a percentage something else: a rate, a share of a price, a loan.
    static let notDepositRatioWords = ["利率", "利息", "年息", "首付", "贷", "成数", "房价", "总价"]

    /// deposit_ratio (0…1) from the first N% of a text about contributions.
    mutating func readDepositRatio() {
        guard !has("deposit_ratio"), t.has("%"), t.hasAny(Self.depositRatioWords), !t.hasAny(Self.notDepositRatioWords) else { return }
        for r in t.occurrences(of: "%") {
            guard let n = FactText.number(endingBefore: r.lowerBound, in: t), !isUsed(n.range) else { continue }
            take("deposit_ratio", .double(n.value / 100), number: n.range.lowerBound..<r.upperBound)
            return
        }
    }
}
