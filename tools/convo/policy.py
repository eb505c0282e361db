#!/usr/bin/env python3
"""An independent implementation of /work/shared/spec/policy.md's rules.

Written from policy.md and the policy profile (Corpus/policy/reference.yaml), not from
the Swift code in Sources/AnjuRules, so that the two can judge each other
(tools/convo/crosscheck.py) and so that the conversation runner (tools/convo/run.py) can
compute the figure a conversation must end on from the facts the speaker meant.

    from policy import Policy
    p = Policy.load("Corpus/policy/reference.yaml", today="2026-12-05")
    p.check("loan_quota", {...})  -> dict (the result), or raises PolicyError

Only the standard library is used; the profile is read with a small YAML subset reader
(mappings, scalars, lists of inline mappings), enough for the profile files.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal


class PolicyError(Exception):
    """A request the rules refuse: unknown/missing fact, wrong type or range."""

    def __init__(self, code: str, fact: str | None, message: str):
        super().__init__(message)
        self.code = code
        self.fact = fact


# ---------------------------------------------------------------- profile reading

def _scalar(text: str):
    text = text.strip()
    if text.startswith(("'", '"')) and text.endswith(text[0]):
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _inline_map(text: str) -> dict:
    inner = text.strip()[1:-1]
    out = {}
    for part in inner.split(","):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip()] = _scalar(v)
    return out


def read_profile(path: str) -> dict:
    """A minimal YAML reader for the profile files (indentation, `key: value`, `- key: …`)."""
    root: dict = {}
    stack: list[tuple[int, object]] = [(-1, root)]
    pending_key: list = [None]
    for raw in open(path, encoding="utf-8"):
        line = re.sub(r"\s+#.*$", "", raw.rstrip("\n"))
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        while stack and indent <= stack[-1][0]:
            stack.pop()
        parent = stack[-1][1]
        if body.startswith("- "):
            item_text = body[2:]
            # the parent container for a list is created lazily by the key that opened it
            if isinstance(parent, dict) and not parent and pending_key[0] is not None:
                pass
            lst = parent
            if isinstance(parent, dict):
                # replace the empty dict opened by the key with a list
                owner, key = pending_key[0]
                if not isinstance(owner[key], list):
                    owner[key] = []
                lst = owner[key]
                stack[-1] = (stack[-1][0], lst)
            if ":" in item_text and not item_text.startswith("{"):
                k, v = item_text.split(":", 1)
                item = {k.strip(): _inline_map(v) if v.strip().startswith("{") else _scalar(v)}
                lst.append(item)
                stack.append((indent + 1, item))
            else:
                lst.append(_scalar(item_text))
            continue
        key, _, value = body.partition(":")
        key = key.strip()
        if value.strip() == "":
            child: dict = {}
            parent[key] = child
            pending_key[0] = (parent, key)
            stack.append((indent, child))
        elif value.strip().startswith("{"):
            parent[key] = _inline_map(value)
        elif value.strip().startswith("["):
            parent[key] = [_scalar(x) for x in value.strip()[1:-1].split(",") if x.strip()]
        else:
            parent[key] = _scalar(value)
    return root


# ---------------------------------------------------------------- helpers

def _ym(text, fact: str) -> int:
    """'YYYY-MM' as a month count (year*12 + month-1)."""
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}", text):
        raise PolicyError("bad_request", fact, f"{fact} must be YYYY-MM")
    y, m = int(text[:4]), int(text[5:])
    if not 1 <= m <= 12:
        raise PolicyError("bad_request", fact, f"{fact}: no such month")
    return y * 12 + m - 1


def _ym_text(n: int) -> str:
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def round2(x: float) -> float:
    return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def annuity_payment(principal: float, annual_rate_percent: float, months: int) -> float:
    r = annual_rate_percent / 100 / 12
    if r == 0:
        return principal / months
    f = (1 + r) ** months
    return principal * r * f / (f - 1)


def annuity_principal(payment: float, annual_rate_percent: float, months: int) -> float:
    r = annual_rate_percent / 100 / 12
    if payment <= 0:
        return 0.0
    if r == 0:
        return payment * months
    f = (1 + r) ** months
    return payment * (f - 1) / (r * f)


class Facts:
    """Typed access to a fact object with policy.md's checks."""

    def __init__(self, facts: dict, allowed: set[str]):
        unknown = set(facts) - allowed
        if unknown:
            raise PolicyError("bad_request", sorted(unknown)[0], f"unknown fact {sorted(unknown)[0]}")
        self.f = facts

    def has(self, name):
        return name in self.f and self.f[name] is not None

    def money(self, name, default=None):
        if not self.has(name):
            if default is None:
                raise PolicyError("missing_fact", name, f"missing {name}")
            return float(default)
        v = self.f[name]
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise PolicyError("bad_request", name, f"{name} must be a number")
        if v < 0:
            raise PolicyError("bad_request", name, f"{name} must not be negative")
        return float(v)

    def count(self, name, hi, default=None):
        if not self.has(name):
            if default is None:
                raise PolicyError("missing_fact", name, f"missing {name}")
            return default
        v = self.f[name]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v != int(v):
            raise PolicyError("bad_request", name, f"{name} must be an integer")
        if not 0 <= v <= hi:
            raise PolicyError("bad_request", name, f"{name} out of range")
        return int(v)

    def flag(self, name, default=None):
        if not self.has(name):
            if default is None:
                raise PolicyError("missing_fact", name, f"missing {name}")
            return default
        v = self.f[name]
        if not isinstance(v, bool):
            raise PolicyError("bad_request", name, f"{name} must be true or false")
        return v

    def choice(self, name, options, default=None):
        if not self.has(name):
            if default is None:
                raise PolicyError("missing_fact", name, f"missing {name}")
            return default
        v = self.f[name]
        if v not in options:
            raise PolicyError("bad_request", name, f"{name} must be one of {options}")
        return v


def reason(code, passed, message):
    return {"code": code, "passed": bool(passed), "message": message}


# ---------------------------------------------------------------- the rules

class Policy:
    def __init__(self, profile: dict, today: str | None = None):
        self.p = profile
        day = today or _dt.date.today().isoformat()
        self.today = day
        self.month_now = int(day[:4]) * 12 + int(day[5:7]) - 1

    @classmethod
    def load(cls, path: str, today: str | None = None) -> "Policy":
        return cls(read_profile(path), today)

    # -- retirement
    def retirement(self, birth: str, gender: str, category: str = "cadre") -> dict:
        b = _ym(birth, "birth")
        r = self.p["retirement"]
        key = "male" if gender == "male" else ("female_worker" if category == "worker" else "female_cadre")
        spec = r[key]
        base = int(spec["base_age"]) * 12
        start = _ym(str(spec["reform_from"]), "reform_from")
        step = int(spec["months_per_step"])
        cap = (int(spec["max_age"]) - int(spec["base_age"])) * 12
        extra = 0
        if b >= start:
            k = b - start + 1          # 1 for the first month of the reform
            extra = min(cap, math.ceil(k / step))
        age = base + extra
        return {"age_years": age // 12, "age_months": age % 12, "date": _ym_text(b + age), "_age": age, "_date": b + age}

    def retirement_age(self, facts: dict) -> dict:
        f = Facts(facts, {"birth", "gender", "category"})
        birth = f.f.get("birth")
        if not f.has("birth"):
            raise PolicyError("missing_fact", "birth", "missing birth")
        gender = f.choice("gender", ["male", "female"])
        category = f.choice("category", ["cadre", "worker"], "cadre")
        r = self.retirement(birth, gender, category)
        return {k: v for k, v in r.items() if not k.startswith("_")}

    # -- rates
    def rate(self, second_home: bool, months: int) -> float:
        sched = sorted(self.p["rates"]["schedule"], key=lambda s: str(s["effective"]), reverse=True)
        row = next(s for s in sched if str(s["effective"]) <= self.today)
        band = "short" if months <= int(self.p["rates"]["short_term_max_months"]) else "long"
        return float(row["second_home" if second_home else "first_home"][band])

    # -- loan eligibility
    ELIG_FACTS = {"account_status", "continuous_months", "outstanding_loan", "loans_used", "overdue", "homes_owned",
                  "birth", "gender", "category", "term_years", "on"}

    def _eligibility(self, f: Facts, term_years: int | None) -> dict:
        L = self.p["loan"]
        status = f.choice("account_status", ["normal", "sealed", "closed"])
        months = f.count("continuous_months", 600)
        outstanding = f.flag("outstanding_loan")
        used = f.count("loans_used", 100)
        overdue = f.flag("overdue")
        homes = f.count("homes_owned", 100)
        reasons = [
            reason("account_normal", status == "normal", "账户状态正常"),
            reason("continuous_months", months >= L["min_continuous_months"], "连续缴存"),
            reason("no_outstanding_loan", not outstanding, "无未结清贷款"),
            reason("loans_used", used < L["max_loans_used"], "贷款次数"),
            reason("no_overdue", not overdue, "无逾期"),
            reason("homes_owned", homes <= L["max_homes_owned"], "住房套数"),
        ]
        if f.has("birth") and f.has("gender") and term_years is not None:
            reasons.append(reason("age_term", self._age_ok(f, term_years), "年龄与期限"))
        return {"eligible": all(r["passed"] for r in reasons),
                "category": "first_home" if homes == 0 else "second_home", "reasons": reasons}

    def _on(self, f: Facts) -> int:
        return _ym(f.f["on"], "on") if f.has("on") else self.month_now

    def _age_ok(self, f: Facts, term_years: int) -> bool:
        gender = f.choice("gender", ["male", "female"])
        category = f.choice("category", ["cadre", "worker"], "cadre")
        r = self.retirement(f.f["birth"], gender, category)
        age_now = self._on(f) - _ym(f.f["birth"], "birth")
        return age_now + term_years * 12 <= r["_age"] + int(self.p["loan"]["retirement_extra_years"]) * 12

    def loan_eligibility(self, facts: dict) -> dict:
        f = Facts(facts, self.ELIG_FACTS)
        term = f.count("term_years", 30) if f.has("term_years") else None
        if term is not None and term < 1:
            raise PolicyError("bad_request", "term_years", "term out of range")
        return self._eligibility(f, term)

    # -- loan quota
    QUOTA_FACTS = ELIG_FACTS | {"balance", "monthly_income", "children", "talent", "price", "co_borrower_balance",
                                "co_borrower_income", "existing_monthly_debt"}

    def loan_quota(self, facts: dict) -> dict:
        L = self.p["loan"]
        f = Facts(facts, self.QUOTA_FACTS)
        balance = f.money("balance")
        income = f.money("monthly_income")
        children = f.count("children", 10, 0)
        talent = f.flag("talent", False)
        price = f.money("price") if f.has("price") else None
        cob = f.money("co_borrower_balance", 0)
        coi = f.money("co_borrower_income", 0)
        debt = f.money("existing_monthly_debt", 0)
        max_term = int(L["max_term_years"])
        if f.has("term_years"):
            term = f.count("term_years", max_term)
            if term < 1:
                raise PolicyError("bad_request", "term_years", "term out of range")
        else:
            term = max_term
            if f.has("birth") and f.has("gender"):
                while term > 1 and not self._age_ok(f, term):
                    term -= 1
        elig = self._eligibility(f, term)
        second = elig["category"] == "second_home"
        if not elig["eligible"]:
            return {"eligible": False, "amount": 0, "category": elig["category"], "reasons": elig["reasons"]}
        cap = L["cap"]["second_home" if second else "first_home"]
        uplift = 0.0
        if children >= L["uplift"]["children_min"]:
            uplift += L["uplift"]["children"]
        if talent:
            uplift += L["uplift"]["talent"]
        limits = {"cap": min(cap * (1 + uplift), L["cap_max"]),
                  "balance": L["balance_multiplier"] * (balance + cob)}
        rate = self.rate(second, term * 12)
        pay = L["repayment_ratio"] * (income + coi) - debt
        limits["capacity"] = annuity_principal(pay, rate, term * 12) if pay > 0 else 0.0
        if price is not None:
            limits["price"] = price * L["loan_to_price"]["second_home" if second else "first_home"]
        binding = min(limits, key=lambda k: limits[k])
        step = L["quota_rounding"]
        amount = math.floor(limits[binding] / step + 1e-9) * step
        return {"eligible": True, "amount": amount, "binding": binding, "limits": limits, "category": elig["category"],
                "term_years": term, "rate": rate,
                "monthly_payment": round2(annuity_payment(amount, rate, term * 12)) if amount > 0 else 0.0,
                "reasons": elig["reasons"]}

    # -- repayment
    def loan_repayment(self, facts: dict) -> dict:
        f = Facts(facts, {"principal", "term_years", "term_months", "method", "homes_owned", "rate"})
        p = f.money("principal")
        if f.has("term_months"):
            n = f.count("term_months", 360)
        elif f.has("term_years"):
            n = f.count("term_years", 30) * 12
        else:
            raise PolicyError("missing_fact", "term_years", "missing term_years")
        if n < 1:
            raise PolicyError("bad_request", "term_months", "term out of range")
        method = f.choice("method", ["equal_installment", "equal_principal"], "equal_installment")
        if f.has("rate"):
            rate = f.money("rate")
        else:
            rate = self.rate(f.count("homes_owned", 100, 0) >= 1, n)
        r = rate / 100 / 12
        out = {"method": method, "rate": rate, "term_months": n}
        if method == "equal_installment":
            m = annuity_payment(p, rate, n)
            interest = m * n - p
            out.update(monthly_payment=round2(m), total_interest=round2(interest))
        else:
            first = p / n + p * r
            last = p / n + (p - (n - 1) * p / n) * r
            interest = p * r * (n + 1) / 2
            out.update(first_payment=round2(first), last_payment=round2(last), monthly_decrease=round2(p / n * r),
                       total_interest=round2(interest))
        out["total_payment"] = round2(p + interest)
        return out

    # -- withdrawals
    W_FACTS = {
        "rent": {"continuous_months", "homes_owned", "outstanding_loan", "married", "children", "annual_rent", "public_rental"},
        "repay": {"loan_type", "overdue", "annual_repayment"},
        "purchase": {"months_since_purchase", "price", "loan_amount"},
        "retire": {"birth", "gender", "category", "on"},
        "leave": {"sealed_months", "outstanding_loan"},
        "illness": {"out_of_pocket"},
        "renovation": {"months_since_completion", "contribution"},
        "emigrate": {"settled_abroad"},
        "death": {"heir"},
    }

    def withdraw_eligibility(self, facts: dict) -> dict:
        kind = facts.get("type")
        if kind not in self.W_FACTS:
            raise PolicyError("bad_request", "type", "unknown withdrawal type")
        f = Facts(facts, self.W_FACTS[kind] | {"type", "balance"})
        W = self.p["withdraw"]
        bal = f.money("balance")
        close = False
        if kind == "rent":
            months = f.count("continuous_months", 600)
            homes = f.count("homes_owned", 100)
            outstanding = f.flag("outstanding_loan")
            married = f.flag("married")
            children = f.count("children", 10)
            rent = f.money("annual_rent") if f.has("annual_rent") else None
            public = f.flag("public_rental", False)
            rs = [reason("continuous_months", months >= W["rent"]["min_continuous_months"], ""),
                  reason("no_home", homes == 0, ""), reason("no_outstanding_loan", not outstanding, "")]
            caps = W["rent"]["annual_cap"]
            if not married:
                cap = caps["single"]
            elif children >= 3:
                cap = caps["married_three_or_more_children"]
            elif children == 2:
                cap = caps["married_two_children"]
            else:
                cap = caps["married"]
            if public:
                # policy.md: min(balance, annual_rent) — the formula needs the rent, so without it the
                # request is incomplete (the Swift rules agree: missing annual_rent).
                if rent is None:
                    raise PolicyError("missing_fact", "annual_rent", "public rental needs annual_rent")
                amount = min(bal, rent)
            else:
                amount = min([bal, cap] + ([rent] if rent is not None else []))
        elif kind == "repay":
            lt = f.choice("loan_type", ["provident", "commercial", "none"])
            overdue = f.flag("overdue")
            rs = [reason("has_loan", lt in ("provident", "commercial"), ""), reason("no_overdue", not overdue, "")]
            amount = min(bal, f.money("annual_repayment")) if f.has("annual_repayment") else bal
        elif kind == "purchase":
            m = f.count("months_since_purchase", 600)
            price = f.money("price")
            loan = f.money("loan_amount", 0)
            rs = [reason("within_period", m <= W["purchase"]["max_months_since_purchase"], "")]
            amount = max(0.0, min(bal, price - loan))
        elif kind == "retire":
            gender = f.choice("gender", ["male", "female"])
            category = f.choice("category", ["cadre", "worker"], "cadre")
            if not f.has("birth"):
                raise PolicyError("missing_fact", "birth", "missing birth")
            r = self.retirement(f.f["birth"], gender, category)
            on = _ym(f.f["on"], "on") if f.has("on") else self.month_now
            rs = [reason("retirement_age_reached", on >= r["_date"], "")]
            amount, close = bal, True
        elif kind == "leave":
            sealed = f.count("sealed_months", 600)
            outstanding = f.flag("outstanding_loan")
            rs = [reason("sealed_period", sealed >= W["leave"]["min_sealed_months"], ""),
                  reason("no_outstanding_loan", not outstanding, "")]
            amount, close = bal, True
        elif kind == "illness":
            cost = f.money("out_of_pocket")
            rs = [reason("has_cost", cost > 0, "")]
            amount = min(bal, cost)
        elif kind == "renovation":
            m = f.count("months_since_completion", 600)
            c = f.money("contribution")
            rs = [reason("within_period", m <= W["renovation"]["max_months_since_completion"], "")]
            amount = min(bal, c)
        elif kind == "emigrate":
            rs = [reason("settled_abroad", f.flag("settled_abroad"), "")]
            amount, close = bal, True
        else:
            rs = [reason("heir", f.flag("heir"), "")]
            amount, close = bal, True
        ok = all(r["passed"] for r in rs)
        return {"eligible": ok, "amount": round2(amount) if ok else 0, "close_account": close and ok, "reasons": rs}

    def check(self, rule: str, facts: dict) -> dict:
        fn = {"retirement_age": self.retirement_age, "loan_eligibility": self.loan_eligibility, "loan_quota": self.loan_quota,
              "loan_repayment": self.loan_repayment, "withdraw_eligibility": self.withdraw_eligibility}.get(rule)
        if fn is None:
            raise PolicyError("bad_request", None, f"unknown rule {rule}")
        return fn(facts)
