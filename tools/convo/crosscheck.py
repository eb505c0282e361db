#!/usr/bin/env python3
"""Checks the independent judge (policy.py) against the Swift rules (`anju check --batch`)
on random fact vectors. A disagreement is a bug in one of the two; each is printed with
its facts so it can be replayed with `anju check RULE --facts JSON --today DAY`.

    python3 tools/convo/crosscheck.py [--bin .build/debug/anju] [--n 400] [--seed 7] [--today 2026-12-05]

Exit status 1 when any vector disagrees.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from policy import Policy, PolicyError  # noqa: E402


def birth(rng):
    return f"{rng.randint(1958, 2004)}-{rng.randint(1, 12):02d}"


def money(rng, lo, hi, step=100):
    return float(rng.randrange(lo, hi, step))


def elig_facts(rng):
    f = {
        "account_status": rng.choice(["normal"] * 8 + ["sealed", "closed"]),
        "continuous_months": rng.choice([rng.randint(0, 12), rng.randint(0, 240)]),
        "outstanding_loan": rng.random() < 0.1,
        "loans_used": rng.choice([0, 0, 0, 1, 2]),
        "overdue": rng.random() < 0.08,
        "homes_owned": rng.choice([0, 0, 1, 1, 2, 3]),
    }
    if rng.random() < 0.4:
        f["birth"] = birth(rng)
        f["gender"] = rng.choice(["male", "female"])
        if f["gender"] == "female" and rng.random() < 0.5:
            f["category"] = rng.choice(["cadre", "worker"])
    return f


def vector(rng):
    rule = rng.choice(["retirement_age", "loan_eligibility", "loan_quota", "loan_quota", "loan_repayment",
                       "withdraw_eligibility", "withdraw_eligibility", "withdraw_eligibility"])
    if rule == "retirement_age":
        f = {"birth": birth(rng), "gender": rng.choice(["male", "female"])}
        if f["gender"] == "female" and rng.random() < 0.6:
            f["category"] = rng.choice(["cadre", "worker"])
        return rule, f
    if rule == "loan_eligibility":
        f = elig_facts(rng)
        if "birth" in f and rng.random() < 0.7:
            f["term_years"] = rng.randint(1, 30)
        return rule, f
    if rule == "loan_quota":
        f = elig_facts(rng)
        f["balance"] = money(rng, 0, 200000)
        f["monthly_income"] = money(rng, 0, 40000)
        if rng.random() < 0.4: f["children"] = rng.randint(0, 4)
        if rng.random() < 0.2: f["talent"] = rng.random() < 0.5
        if rng.random() < 0.4: f["price"] = money(rng, 100000, 3000000, 10000)
        if rng.random() < 0.3: f["co_borrower_balance"] = money(rng, 0, 100000)
        if rng.random() < 0.3: f["co_borrower_income"] = money(rng, 0, 20000)
        if rng.random() < 0.3: f["existing_monthly_debt"] = money(rng, 0, 8000)
        if rng.random() < 0.4: f["term_years"] = rng.randint(1, 30)
        return rule, f
    if rule == "loan_repayment":
        f = {"principal": money(rng, 10000, 1500000, 1000)}
        if rng.random() < 0.5: f["term_years"] = rng.randint(1, 30)
        else: f["term_months"] = rng.randint(1, 360)
        if rng.random() < 0.4: f["method"] = rng.choice(["equal_installment", "equal_principal"])
        if rng.random() < 0.4: f["homes_owned"] = rng.randint(0, 2)
        return rule, f
    kind = rng.choice(["rent", "rent", "repay", "purchase", "retire", "leave", "illness", "renovation", "emigrate", "death"])
    f = {"type": kind, "balance": money(rng, 0, 150000)}
    if kind == "rent":
        f.update(continuous_months=rng.randint(0, 60), homes_owned=rng.choice([0, 0, 0, 1]), outstanding_loan=rng.random() < 0.1,
                 married=rng.random() < 0.5, children=rng.randint(0, 4))
        if rng.random() < 0.5: f["annual_rent"] = money(rng, 6000, 80000)
        if rng.random() < 0.2: f["public_rental"] = rng.random() < 0.7
    elif kind == "repay":
        f.update(loan_type=rng.choice(["provident", "commercial"]), overdue=rng.random() < 0.1)
        if rng.random() < 0.5: f["annual_repayment"] = money(rng, 5000, 80000)
    elif kind == "purchase":
        f.update(months_since_purchase=rng.randint(0, 40), price=money(rng, 100000, 3000000, 10000))
        if rng.random() < 0.5: f["loan_amount"] = money(rng, 0, int(f["price"]), 10000)
    elif kind == "retire":
        f.update(birth=birth(rng), gender=rng.choice(["male", "female"]))
        if f["gender"] == "female" and rng.random() < 0.5: f["category"] = rng.choice(["cadre", "worker"])
    elif kind == "leave":
        f.update(sealed_months=rng.randint(0, 24), outstanding_loan=rng.random() < 0.15)
    elif kind == "illness":
        f["out_of_pocket"] = rng.choice([0.0, money(rng, 1000, 200000)])
    elif kind == "renovation":
        f.update(months_since_completion=rng.randint(0, 40), contribution=money(rng, 1000, 100000))
    elif kind == "emigrate":
        f["settled_abroad"] = rng.random() < 0.7
    else:
        f["heir"] = rng.random() < 0.7
    return rule, f


def close(a, b, tol=0.011):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return abs(a - b) <= tol
    return a == b


def compare(rule, mine, theirs):
    """Differences between the judge's result and the Swift rules' on the fields policy.md names."""
    diffs = []
    keys = {
        "retirement_age": ["age_years", "age_months", "date"],
        "loan_eligibility": ["eligible", "category"],
        "loan_quota": ["eligible", "amount", "binding", "term_years", "rate", "monthly_payment"],
        "loan_repayment": ["method", "rate", "term_months", "monthly_payment", "first_payment", "last_payment",
                           "monthly_decrease", "total_interest", "total_payment"],
        "withdraw_eligibility": ["eligible", "amount", "close_account"],
    }[rule]
    for k in keys:
        if k in mine or k in theirs:
            # policy.md gives only `amount` 0 and the reasons for an ineligible quota
            if k in ("binding", "term_years", "rate", "monthly_payment") and rule == "loan_quota" and not mine.get("eligible"):
                continue
            if not close(mine.get(k), theirs.get(k)):
                diffs.append(f"{k}: judge {mine.get(k)!r} swift {theirs.get(k)!r}")
    if "reasons" in mine and "reasons" in theirs:
        a = [(r["code"], r["passed"]) for r in mine["reasons"]]
        b = [(r["code"], r["passed"]) for r in theirs["reasons"]]
        if a != b:
            diffs.append(f"reasons: judge {a} swift {b}")
    return diffs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=None)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--today", default="2026-12-05")
    args = ap.parse_args()
    binary = args.bin or next(p for p in [os.path.join(ROOT, ".build/release/anju"), os.path.join(ROOT, ".build/debug/anju")]
                              if os.path.exists(p))
    rng = random.Random(args.seed)
    judge = Policy.load(os.path.join(ROOT, "Corpus/policy/reference.yaml"), today=args.today)
    vectors = [vector(rng) for _ in range(args.n)]
    lines = "\n".join(json.dumps({"rule": r, "facts": f}, ensure_ascii=False) for r, f in vectors) + "\n"
    out = subprocess.run([binary, "check", "--batch", "--today", args.today], input=lines, capture_output=True, text=True)
    results = out.stdout.splitlines()
    if len(results) != len(vectors):
        print(f"anju check --batch gave {len(results)} lines for {len(vectors)} requests\n{out.stderr}")
        return 2
    bad = 0
    by_rule: dict[str, list[int]] = {}
    for (rule, facts), line in zip(vectors, results):
        theirs = json.loads(line)
        try:
            mine = judge.check(rule, facts)
            mine_err = None
        except PolicyError as e:
            mine, mine_err = None, e
        swift_err = "error" in theirs and "eligible" not in theirs and "amount" not in theirs and "age_years" not in theirs \
            and "monthly_payment" not in theirs and "first_payment" not in theirs
        tally = by_rule.setdefault(rule, [0, 0])
        tally[0] += 1
        if mine_err or swift_err:
            if not (mine_err and swift_err):
                bad += 1
                tally[1] += 1
                print(f"DISAGREE {rule} {json.dumps(facts, ensure_ascii=False)}\n  judge: {mine_err or 'ok'}  swift: {line[:200]}")
            continue
        theirs = theirs.get("result", theirs)
        diffs = compare(rule, mine, theirs)
        if diffs:
            bad += 1
            tally[1] += 1
            print(f"DISAGREE {rule} {json.dumps(facts, ensure_ascii=False)}\n  " + "\n  ".join(diffs))
    for rule, (n, b) in sorted(by_rule.items()):
        print(f"{rule:22s} {n:4d} vectors, {b} disagreements")
    print(f"total {len(vectors)} vectors, {bad} disagreements")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
