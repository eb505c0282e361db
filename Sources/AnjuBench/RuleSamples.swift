import AnjuJSON

/// Fixed requests for measuring the rules (`anju bench rules`, the rules tests).
public enum RuleBenchmark {
    /// A representative mix: every rule, every withdrawal type, passing and failing
    /// conditions, each binding limit, and a few bad requests.
    public static func sampleRequests() -> [(rule: String, facts: JSONValue)] {
        [
            ("retirement_age", ["birth": "1970-06", "gender": "male"]),
            ("retirement_age", ["birth": "1978-03", "gender": "female", "category": "worker"]),
            ("loan_eligibility", [
                "account_status": "normal", "continuous_months": 24, "outstanding_loan": false,
                "loans_used": 0, "overdue": false, "homes_owned": 0,
            ]),
            ("loan_eligibility", [
                "account_status": "sealed", "continuous_months": 5, "outstanding_loan": true,
                "loans_used": 2, "overdue": true, "homes_owned": 2,
                "birth": "1970-01", "gender": "female", "term_years": 20, "on": "2026-05",
            ]),
            ("loan_quota", [
                "balance": 40000, "monthly_income": 12000, "account_status": "normal", "continuous_months": 36,
                "outstanding_loan": false, "loans_used": 0, "overdue": false, "homes_owned": 0,
            ]),
            ("loan_quota", [
                "balance": 90000, "monthly_income": 20000, "co_borrower_balance": 30000, "co_borrower_income": 9000,
                "account_status": "normal", "continuous_months": 60, "outstanding_loan": false, "loans_used": 1,
                "overdue": false, "homes_owned": 1, "children": 2, "talent": true, "price": 1500000,
                "existing_monthly_debt": 1500, "birth": "1985-04", "gender": "male",
            ]),
            ("loan_quota", [
                "balance": 200000, "monthly_income": 6000, "account_status": "normal", "continuous_months": 12,
                "outstanding_loan": false, "loans_used": 0, "overdue": false, "homes_owned": 0,
                "birth": "1975-09", "gender": "female", "category": "worker", "price": 900000,
            ]),
            ("loan_repayment", ["principal": 1000000, "term_years": 30]),
            ("loan_repayment", ["principal": 600000, "term_months": 240, "method": "equal_principal", "homes_owned": 1]),
            ("loan_repayment", ["principal": 350000, "term_years": 5, "rate": 2.85]),
            ("withdraw_eligibility", [
                "type": "rent", "balance": 25000, "continuous_months": 12, "homes_owned": 0,
                "outstanding_loan": false, "married": true, "children": 2, "annual_rent": 42000,
            ]),
            ("withdraw_eligibility", [
                "type": "rent", "balance": 8000, "continuous_months": 6, "homes_owned": 0,
                "outstanding_loan": false, "married": false, "children": 0, "public_rental": true, "annual_rent": 9600,
            ]),
            ("withdraw_eligibility", ["type": "repay", "balance": 30000, "loan_type": "commercial", "overdue": false, "annual_repayment": 48000]),
            ("withdraw_eligibility", ["type": "purchase", "balance": 80000, "months_since_purchase": 3, "price": 1200000, "loan_amount": 800000]),
            ("withdraw_eligibility", ["type": "retire", "balance": 150000, "birth": "1964-05", "gender": "male", "on": "2026-05"]),
            ("withdraw_eligibility", ["type": "leave", "balance": 12000, "sealed_months": 4, "outstanding_loan": false]),
            ("withdraw_eligibility", ["type": "illness", "balance": 50000, "out_of_pocket": 68000]),
            ("withdraw_eligibility", ["type": "renovation", "balance": 50000, "months_since_completion": 6, "contribution": 23000]),
            ("withdraw_eligibility", ["type": "emigrate", "balance": 66000, "settled_abroad": true]),
            ("withdraw_eligibility", ["type": "death", "balance": 18000, "heir": true]),
            // bad requests
            ("loan_quota", ["balance": -1, "monthly_income": 8000]),
            ("withdraw_eligibility", ["type": "rent", "balance": 1000, "heir": true]),
            ("loan_repayment", ["principal": 100000, "term_years": 31]),
            ("no_such_rule", [:]),
        ]
    }
}
