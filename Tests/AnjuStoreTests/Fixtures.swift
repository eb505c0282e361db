import AnjuData
import Foundation
@testable import AnjuStore

/// Shared helpers of the store tests.
enum Fixtures {
    /// Fast PIN hashing for tests that are not about hashing cost.
    static let fast = AccountStore.Options(busyTimeout: 0.3, pinIterations: 1_000)

    /// The demo accounts as embedded in the build.
    static var demoCSV: String {
        DataBundle.embedded.text(AccountStore.demoAccountsPath) ?? ""
    }

    /// Demo members documented in the README and the generator.
    static let zhang = (id: "330902198807150013", pin: "135790", accountNo: "330900100001")
    static let li = (id: "330903199203220026", pin: "246802", accountNo: "330900100002")
    static let wang = (id: "32090219751108003X", pin: "112233", accountNo: "330900100003")

    static let header = AccountCSV.columns.joined(separator: ",")

    /// One CSV data row in `AccountCSV.columns` order, with `overrides` by column name.
    static func row(_ overrides: [String: String] = [:]) -> String {
        let base: [String: String] = [
            "account_no": "900000000001", "id_number": "330902198807150013", "name": "测试甲",
            "phone": "13800001111", "pin": "918273", "birth": "1988-07", "gender": "male", "status": "normal",
            "balance": "12345.67", "monthly_deposit": "960.00", "deposit_base": "4000", "continuous_months": "24",
            "last_deposit": "2026-10", "sealed_since": "", "homes_owned": "0", "children": "1", "married": "true",
            "loans_used": "0", "loan_outstanding": "0", "loan_monthly_payment": "0", "overdue": "false",
        ]
        let merged = base.merging(overrides) { $1 }
        return AccountCSV.columns.map { merged[$0]! }.joined(separator: ",")
    }

    /// A CSV with the header and `rows`.
    static func csv(_ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }

    /// A second valid member (female, ID ending in X is `wang`'s; this one ends in a digit).
    static let otherMember: [String: String] = [
        "account_no": "900000000002", "id_number": "330903199203220026", "name": "测试乙",
        "phone": "13900002222", "pin": "564738", "birth": "1992-03", "gender": "female",
    ]

    /// A fresh directory under the system's temporary folder, removed by `cleanUp`.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("anju-store-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func cleanUp(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// The bytes of the database file and its WAL and shared-memory files.
    static func databaseBytes(_ path: String) -> Data {
        var data = Data()
        for suffix in ["", "-wal", "-shm", "-journal"] {
            if let part = FileManager.default.contents(atPath: path + suffix) { data.append(part) }
        }
        return data
    }
}
