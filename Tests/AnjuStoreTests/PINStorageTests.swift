import Foundation
import Testing
@testable import AnjuStore

@Suite("PIN storage")
struct PINStorageTests {
    @Test("no PIN is stored in clear: the database files do not contain them")
    func pinsNotInDatabaseFile() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        let store = try AccountStore(path: path, options: Fixtures.fast)
        // PINs with digits that occur nowhere else in the file.
        let pins = ["918273", "564738"]
        try store.importCSV(text: Fixtures.csv([Fixtures.row(), Fixtures.row(Fixtures.otherMember)]))
        try store.logTurn(TurnRecord(session: "s1", channel: "chat", text: "918273", intent: "balance_query",
                                     confidence: 0.9, reply: "请稍候", containsPIN: true))
        try store.logTurn(TurnRecord(session: "s1", channel: "chat", text: "密码564738", intent: "balance_query",
                                     confidence: 0.9, reply: "请稍候"))
        let bytes = Fixtures.databaseBytes(path)
        #expect(bytes.count > 0)
        for pin in pins {
            #expect(bytes.range(of: Data(pin.utf8)) == nil, "PIN \(pin) found in the database files")
        }
    }

    @Test("no demo PIN is in the database file, except where the same digits are other data")
    func demoPINsNotInDatabaseFile() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(directory) }
        let path = directory.appendingPathComponent("anju.sqlite").path
        _ = try AccountStore(path: path, seed: .demo, options: Fixtures.fast)
        let bytes = Fixtures.databaseBytes(path)
        let rows = try AccountCSV.parse(Fixtures.demoCSV, path: nil).rows
        // The CSV without its pin column: what may legitimately contain the same digits.
        let otherText = rows.map { row in
            let f = row.fields
            return [f.accountNo, f.idNumber, f.phone, String(f.balance), String(f.monthlyDeposit), String(f.depositBase),
                    String(f.loanOutstanding), String(f.loanMonthlyPayment)].joined(separator: " ")
        }.joined(separator: "\n")
        var checked = 0
        for pin in rows.compactMap(\.pin) where !otherText.contains(pin) {
            checked += 1
            #expect(bytes.range(of: Data(pin.utf8)) == nil, "PIN \(pin) found in the database files")
        }
        #expect(checked >= 50)
    }

    @Test("hashes are salted: the same PIN gives different hashes")
    func salted() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row(), Fixtures.row(Fixtures.otherMember.merging(["pin": "918273"]) { $1 })]))
        let a = try #require(try store.account(number: "900000000001"))
        let b = try #require(try store.account(number: "900000000002"))
        #expect(a.pinSalt.count == 16 && b.pinSalt.count == 16)
        #expect(a.pinSalt != b.pinSalt)
        #expect(a.pinHash != b.pinHash)
        #expect(a.pinHash.count == 32)
    }

    @Test("an account prints without its ID number, phone or hash")
    func accountDescription() throws {
        let store = try AccountStore.inMemory(options: Fixtures.fast)
        try store.importCSV(text: Fixtures.csv([Fixtures.row()]))
        let account = try #require(try store.account(number: "900000000001"))
        for text in ["\(account)", String(reflecting: account)] {
            #expect(!text.contains("330902198807150013"))
            #expect(!text.contains("13800001111"))
        }
        let staff = account.staffFields().map { "\($0.label) \($0.value)" }.joined(separator: "\n")
        #expect(staff.contains("330***********0013"))
        #expect(staff.contains("138****1111"))
        #expect(!staff.contains("330902198807150013"))
        #expect(!staff.contains("13800001111"))
    }

    @Test("the default PBKDF2 rounds verify a PIN fast enough for a chat turn")
    func verificationTime() throws {
        let hasher = PINHasher()
        // At least the policy's 100,000 rounds, and not so many that a chat turn waits.
        #expect((100_000...150_000).contains(hasher.iterations))
        let (hash, salt, iterations) = hasher.makeCredential(pin: "135790")
        var best = Duration.seconds(10)
        for _ in 0..<5 {
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                #expect(hasher.matches(pin: "135790", salt: salt, iterations: iterations, expected: hash))
            }
            best = min(best, elapsed)
        }
        print("PIN verification (PBKDF2-HMAC-SHA256, \(iterations) rounds): \(best)")
        // About 31 ms in a release build and 75 ms in a debug one (BoringSSL unoptimised) on
        // the development machine. The bound only catches a gross regression: timing a
        // shared CI machine under load is not precise.
        #expect(best < .seconds(1))
        #expect(!hasher.matches(pin: "135791", salt: salt, iterations: iterations, expected: hash))
    }

    @Test("the constant-time comparison compares whole byte strings")
    func constantTimeEqual() {
        #expect(PINHasher.constantTimeEqual(Data([1, 2, 3]), Data([1, 2, 3])))
        #expect(!PINHasher.constantTimeEqual(Data([1, 2, 3]), Data([1, 2, 4])))
        #expect(!PINHasher.constantTimeEqual(Data([1, 2, 3]), Data([1, 2])))
    }
}
