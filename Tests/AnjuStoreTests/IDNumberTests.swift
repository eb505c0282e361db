import Foundation
import Testing
import AnjuStore

@Suite("ID numbers (GB 11643)")
struct IDNumberTests {
    @Test("a number with the right check digit is valid", arguments: [
        "330902198807150013", "330903199203220026", "110105194912310038", "510107196001010014", "11010519491231002X",
    ])
    func validNumbers(_ number: String) {
        #expect(IDNumber.isValid(number))
        #expect(IDNumber(number)?.value == number)
    }

    @Test("the check digit X is accepted, in either case, and stored in upper case")
    func checkDigitX() {
        #expect(IDNumber.isValid("32090219751108003X"))
        #expect(IDNumber.isValid("32090219751108003x"))
        #expect(IDNumber("32090219751108003x")?.value == "32090219751108003X")
        #expect(IDNumber.checkCharacter(for: "32090219751108003") == "X")
    }

    @Test("a wrong check digit is rejected as such")
    func wrongCheckDigit() {
        #expect(!IDNumber.isValid("330902198807150014"))
        #expect(IDNumber.problem(with: "330902198807150014") == .wrongCheckDigit)
        #expect(IDNumber.problem(with: "320902197511080031") == .wrongCheckDigit)
    }

    @Test("a birth date that does not exist is rejected", arguments: [
        "330902198813150013",  // month 13
        "330902199002300013",  // 30 February
        "330902189001010013",  // before 1900
        "330902209901010013",  // in the future
    ])
    func badBirthDate(_ number: String) {
        // Give each a correct check digit, so only the date is wrong.
        let fixed = String(number.prefix(17)) + String(IDNumber.checkCharacter(for: String(number.prefix(17)))!)
        #expect(IDNumber.problem(with: fixed) == .badBirthDate)
        #expect(!IDNumber.isValid(fixed))
    }

    @Test("29 February is valid in a leap year only")
    func leapDay() {
        let leap = "33090220000229001"
        let plain = "33090219990229001"
        #expect(IDNumber.isValid(leap + String(IDNumber.checkCharacter(for: leap)!)))
        #expect(IDNumber.problem(with: plain + String(IDNumber.checkCharacter(for: plain)!)) == .badBirthDate)
    }

    @Test("a number of the wrong length or with other characters is rejected", arguments: [
        "", "33090219880715001", "3309021988071500133", "330902880715001",  // 15-digit old style
    ])
    func wrongLength(_ number: String) {
        #expect(IDNumber.problem(with: number) == .wrongLength)
    }

    @Test("letters or spaces inside the number are rejected", arguments: [
        "33090219880715A013", "3309021988071500 3", "X30902198807150013", "３３０９０２１９８８０７１５００１３",
    ])
    func notDigits(_ number: String) {
        #expect(!IDNumber.isValid(number))
    }

    @Test("birth month and gender are read from the number")
    func decodedFields() throws {
        let man = try #require(IDNumber("330902198807150013"))
        #expect(man.birthMonth == "1988-07")
        #expect(man.gender == .male)
        let woman = try #require(IDNumber("330903199203220026"))
        #expect(woman.gender == .female)
    }

    @Test("an ID number prints masked, so it cannot leak into a log line")
    func descriptionIsMasked() throws {
        let id = try #require(IDNumber("330902198807150013"))
        #expect("\(id)" == "330***********0013")
        #expect(id.masked == "330***********0013")
        #expect(!String(reflecting: id).contains("198807"))
    }
}
