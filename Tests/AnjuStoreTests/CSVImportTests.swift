import Foundation
import Testing
@testable import AnjuStore

@Suite("Account CSV import")
struct CSVImportTests {
    @Test("the demo CSV imports cleanly: at least 50 members, every status, with and without loans")
    func demoImports() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let summary = try store.importCSV(text: Fixtures.demoCSV)
        #expect(summary.rows >= 60)
        #expect(summary.inserted == summary.rows)
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        #expect(try store.accountCount() == summary.rows)

        let accounts = try AccountCSV.parse(Fixtures.demoCSV, path: nil).rows.map(\.fields)
        #expect(Set(accounts.map(\.status)) == Set(Account.Status.allCases))
        #expect(Set(accounts.map(\.gender)) == Set(Account.Gender.allCases))
        #expect(accounts.contains { $0.loanOutstanding > 0 && $0.loanMonthlyPayment > 0 })
        #expect(accounts.contains { $0.loanOutstanding == 0 && $0.loanMonthlyPayment == 0 })
        #expect(accounts.filter(\.overdue).count >= 2)
        #expect(accounts.allSatisfy { IDNumber.isValid($0.idNumber) })
        #expect(accounts.allSatisfy { ("1960-01"..."2002-12").contains($0.birth) })
        #expect(accounts.allSatisfy { $0.balance >= 0 && $0.balance <= 300_000 })
        #expect(accounts.allSatisfy { (0...240).contains($0.continuousMonths) })
        #expect(accounts.filter { $0.status == .sealed }.allSatisfy { $0.sealedSince != nil })
        // monthly_deposit = deposit_base × 2 × ratio, ratio 5%–12%.
        #expect(accounts.allSatisfy { account in
            let ratio = account.monthlyDeposit / (account.depositBase * 2)
            return ratio >= 0.05 - 1e-9 && ratio <= 0.12 + 1e-9
        })
    }

    @Test("the documented demo members are in the demo data")
    func documentedDemoMembers() throws {
        let store = try AccountStore.inMemory(seed: .demo, options: Fixtures.fast)
        #expect(try store.account(idNumber: Fixtures.zhang.id)?.name == "张明远")
        #expect(try store.account(idNumber: Fixtures.li.id)?.status == .sealed)
        #expect(try store.account(number: Fixtures.wang.accountNo)?.idNumber == Fixtures.wang.id)
        #expect(try store.verify(idNumber: Fixtures.zhang.id, pin: Fixtures.zhang.pin).isVerified)
        #expect(try store.verify(idNumber: Fixtures.li.id, pin: Fixtures.li.pin).isVerified)
        #expect(try store.verify(idNumber: Fixtures.wang.id, pin: Fixtures.wang.pin).isVerified)
    }

    @Test("columns may come in any order")
    func columnsInAnyOrder() throws {
        let columns = AccountCSV.columns.reversed()
        let values = Fixtures.row().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let byName = Dictionary(uniqueKeysWithValues: zip(AccountCSV.columns, values))
        let text = columns.joined(separator: ",") + "\n" + columns.map { byName[$0]! }.joined(separator: ",") + "\n"
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.importCSV(text: text)
        let account = try #require(try store.account(number: "900000000001"))
        #expect(account.name == "测试甲")
        #expect(account.balance == 12345.67)
        #expect(account.lastDeposit == "2026-10")
        #expect(account.sealedSince == nil)
        #expect(account.married)
    }

    @Test("quoted fields, CRLF line ends, a byte order mark and blank lines are read")
    func csvDialect() throws {
        let text = "\u{FEFF}" + Fixtures.header + "\r\n" + Fixtures.row(["name": "\"测试, 甲\""]) + "\r\n\r\n"
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.importCSV(text: text)
        #expect(try store.account(number: "900000000001")?.name == "测试, 甲")
    }

    /// Imports `rows` after two good members and expects a `.badCSV` at `line`/`column`,
    /// with nothing of the file written.
    func expectRejected(_ bad: String, line: Int = 4, column: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let text = Fixtures.csv([Fixtures.row(), Fixtures.row(Fixtures.otherMember), bad])
        do {
            try store.importCSV(text: text, path: "members.csv")
            Issue.record("the import should have failed", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .badCSV, sourceLocation: sourceLocation)
            #expect(error.line == line, sourceLocation: sourceLocation)
            #expect(error.column == column, sourceLocation: sourceLocation)
            #expect(error.message.contains("members.csv"), sourceLocation: sourceLocation)
            #expect(error.message.contains("第\(line)行") && error.message.contains("line \(line)"), sourceLocation: sourceLocation)
            #expect(error.message.contains(column), sourceLocation: sourceLocation)
        }
        #expect(try store.accountCount() == 0, "nothing of the file is written", sourceLocation: sourceLocation)
    }

    static let third: [String: String] = [
        "account_no": "900000000003", "id_number": "32090219751108003X", "name": "测试丙",
        "phone": "15000003333", "pin": "246810", "birth": "1975-11",
    ]

    @Test("a bad check digit is reported with its line and column, and nothing is written")
    func badCheckDigit() throws {
        try expectRejected(Fixtures.row(Self.third.merging(["id_number": "320902197511080031"]) { $1 }), column: "id_number")
    }

    @Test("a bad date is reported with its line and column", arguments: ["birth", "last_deposit", "sealed_since"])
    func badDate(_ column: String) throws {
        try expectRejected(Fixtures.row(Self.third.merging([column: "1975-13"]) { $1 }), column: column)
        try expectRejected(Fixtures.row(Self.third.merging([column: "1975/11"]) { $1 }), column: column)
    }

    @Test("an unknown status is reported with its line and column")
    func unknownStatus() throws {
        try expectRejected(Fixtures.row(Self.third.merging(["status": "active"]) { $1 }), column: "status")
    }

    @Test("a number that is not one is reported with its line and column", arguments: [
        ("balance", "\"12,345.00\""), ("balance", "abc"), ("monthly_deposit", "-5"), ("deposit_base", "1.234"),
        ("continuous_months", "6.5"), ("homes_owned", "two"), ("children", "11"), ("loan_outstanding", ""),
        ("loans_used", "1e3"),
    ])
    func notANumber(_ column: String, _ value: String) throws {
        try expectRejected(Fixtures.row(Self.third.merging([column: value]) { $1 }), column: column)
    }

    @Test("other bad values are reported with their column", arguments: [
        ("gender", "m"), ("married", "yes"), ("overdue", "1"), ("pin", "12345"), ("phone", "0580123"),
        ("name", ""), ("account_no", "90-01"),
    ])
    func otherBadValues(_ column: String, _ value: String) throws {
        try expectRejected(Fixtures.row(Self.third.merging([column: value]) { $1 }), column: column)
    }

    @Test("a duplicate account or ID number in the file is reported at its second line")
    func duplicatesInFile() throws {
        try expectRejected(Fixtures.row(Self.third.merging(["account_no": "900000000001"]) { $1 }), column: "account_no")
        try expectRejected(Fixtures.row(Self.third.merging(["id_number": "330902198807150013"]) { $1 }), column: "id_number")
    }

    @Test("a row with too few fields is reported with its line")
    func shortRow() throws {
        try expectRejected("900000000003,32090219751108003X", column: "-")
    }

    @Test("missing and unknown columns are header errors on line 1")
    func headerErrors() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let missing = Fixtures.header.replacingOccurrences(of: ",overdue", with: "") + "\n"
        let missingError = #expect(throws: StoreError.self) { try store.importCSV(text: missing) }
        #expect(missingError?.code == .badCSV && missingError?.line == 1 && missingError?.column == "overdue")
        let unknown = Fixtures.header + ",balence\n"
        let unknownError = #expect(throws: StoreError.self) { try store.importCSV(text: unknown) }
        #expect(unknownError?.code == .badCSV && unknownError?.line == 1 && unknownError?.column == "balence")
    }

    @Test("every bad value of the file is listed, not just the first")
    func allIssuesListed() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let text = Fixtures.csv([
            Fixtures.row(["status": "open", "balance": "x"]),
            Fixtures.row(Fixtures.otherMember.merging(["birth": "1992-00"]) { $1 }),
        ])
        let error = #expect(throws: StoreError.self) { try store.importCSV(text: text) }
        #expect(error?.issues.map { "\($0.line):\($0.column)" } == ["2:status", "2:balance", "3:birth"])
    }

    @Test("an error never repeats a whole ID number or the PIN")
    func errorsDoNotLeak() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let text = Fixtures.csv([Fixtures.row(["id_number": "330902198807150014", "pin": "91827"])])
        let error = #expect(throws: StoreError.self) { try store.importCSV(text: text) }
        let message = error?.message ?? ""
        #expect(!message.contains("330902198807150014"))
        #expect(!message.contains("91827"))
        #expect(message.contains("330***********0014"))
    }

    @Test("re-importing a member with the same account number updates it")
    func reimportUpdates() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let first = try store.importCSV(text: Fixtures.csv([Fixtures.row(), Fixtures.row(Fixtures.otherMember)]))
        #expect(first.inserted == 2 && first.updated == 0)

        let second = try store.importCSV(text: Fixtures.csv([
            Fixtures.row(["balance": "20000.00", "status": "sealed", "sealed_since": "2026-11", "pin": ""]),
            Fixtures.row(Self.third),
        ]))
        #expect(second.inserted == 1 && second.updated == 1)
        #expect(try store.accountCount() == 3)
        let updated = try #require(try store.account(number: "900000000001"))
        #expect(updated.balance == 20000)
        #expect(updated.status == .sealed)
        #expect(updated.sealedSince == "2026-11")
        // An empty PIN kept the old one.
        #expect(try store.verify(idNumber: "330902198807150013", pin: "918273").isVerified)
    }

    @Test("re-importing with a new PIN replaces the PIN")
    func reimportNewPIN() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
        try store.importCSV(text: Fixtures.csv([Fixtures.row(["pin": "000111"])]))
        #expect(try store.verify(idNumber: "330902198807150013", pin: "000111").isVerified)
        #expect(try store.verify(idNumber: "330902198807150013", pin: "918273") == .wrongPIN(remainingTries: 4))
    }

    @Test("a new member without a PIN, or an ID number owned by another account, is rejected")
    func crossTableChecks() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
        let noPIN = #expect(throws: StoreError.self) {
            try store.importCSV(text: Fixtures.csv([Fixtures.row(Self.third.merging(["pin": ""]) { $1 })]))
        }
        #expect(noPIN?.line == 2 && noPIN?.column == "pin")
        let takenID = #expect(throws: StoreError.self) {
            try store.importCSV(text: Fixtures.csv([Fixtures.row(["account_no": "900000000009"])]))
        }
        #expect(takenID?.line == 2 && takenID?.column == "id_number")
        #expect(takenID?.message.contains("900000000001") == true)
        #expect(try store.accountCount() == 1)
    }

    @Test("birth or gender that disagree with the ID number are warnings, not errors")
    func consistencyWarnings() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let summary = try store.importCSV(text: Fixtures.csv([Fixtures.row(["birth": "1988-08", "gender": "female"])]))
        #expect(summary.inserted == 1)
        #expect(summary.warnings.map(\.column) == ["birth", "gender"])
    }

    @Test("progress is reported as PINs are hashed, ending at the row count")
    func progressReported() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        var reports: [AccountStore.ImportProgress] = []
        try store.importCSV(text: Fixtures.demoCSV) { reports.append($0) }
        #expect(reports.count >= 2)
        #expect(reports.first?.processed == 0)
        #expect(reports.last?.processed == reports.last?.total)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.processed <= $1.processed })
    }

    @Test("a file that is not UTF-8 is refused with advice")
    func notUTF8() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let file = directory.appendingPathComponent("gbk.csv")
        try Data(Fixtures.header.utf8 + [0x0A] + [0xD5, 0xC5, 0xC8, 0xFD, 0xFF, 0xFE]).write(to: file)
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        let error = #expect(throws: StoreError.self) { try store.importCSV(contentsOf: file) }
        #expect(error?.code == .badCSV)
        #expect(error?.message.contains(file.path) == true)
        #expect(error?.message.contains("UTF-8") == true)
    }
}
