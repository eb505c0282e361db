import AnjuIntents
import Testing

@Suite("Labelled sets: line endings and byte-order marks")
struct EvalSetReadingTests {
    let known: Set<String> = ["withdraw_rent", "loan_quota"]

    @Test("CRLF lines are separate lines with no CR left in the last column")
    func crlf() {
        let set = EvalSet(tsv: "expected\ttext\ttags\r\nwithdraw_rent\t租房能提多少\ta,b\r\nloan_quota|withdraw_rent\t能贷多少\r\nout_of_scope\t天气\tc\r\n", knownIntents: known)
        #expect(set.problems.isEmpty)
        #expect(set.items.map(\.line) == [2, 3, 4])
        #expect(set.items.map(\.text) == ["租房能提多少", "能贷多少", "天气"])
        #expect(set.items[0].tags == ["a", "b"])
        #expect(set.items[1].expected == ["loan_quota", "withdraw_rent"])
        #expect(set.items[2].tags == ["c"])
    }

    @Test("a BOM before the header does not make the header an item")
    func bom() {
        let set = EvalSet(tsv: "\u{FEFF}expected\ttext\ttags\nwithdraw_rent\t租房\t\n", knownIntents: known)
        #expect(set.problems.isEmpty)
        #expect(set.items.count == 1)
        #expect(set.items[0].line == 2)
        #expect(set.items[0].expected == ["withdraw_rent"])
    }

    @Test("BOM and CRLF together, and LF files, read the same")
    func same() {
        let lf = "expected\ttext\ttags\nwithdraw_rent\t租房\tx\nloan_quota\t贷款\t\n"
        let windows = "\u{FEFF}" + lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = EvalSet(tsv: lf, knownIntents: known), b = EvalSet(tsv: windows, knownIntents: known)
        #expect(b.problems.isEmpty)
        #expect(a.items.map(\.text) == b.items.map(\.text))
        #expect(a.items.map(\.tags) == b.items.map(\.tags))
        #expect(a.items.map(\.line) == b.items.map(\.line))
    }
}
