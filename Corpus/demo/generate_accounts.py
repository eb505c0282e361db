#!/usr/bin/env python3
"""Generates Corpus/demo/accounts.csv: fictional provident fund members for the demo.

Every person here is invented. ID numbers are well-formed (GB 11643 check digit, real
region codes, a birth date that exists, the sequence digit odd for men and even for women)
but are drawn at random, so they are not anyone's number; phone numbers likewise.

The output is deterministic (fixed seed), so regenerating gives the same file:

    python3 Corpus/demo/generate_accounts.py > Corpus/demo/accounts.csv

The first three members are fixed, for tests and the README:
    330902198807150013 / PIN 135790  张明远  normal, repaying a provident fund loan (420,000 over 25 years)
    330903199203220026 / PIN 246802  李静怡  sealed since 2026-03, no loan
    32090219751108003X / PIN 112233  王建国  normal, ID ending in X, one home, one loan settled
"""

import calendar
import csv
import random
import sys

COLUMNS = [
    "account_no", "id_number", "name", "phone", "pin", "birth", "gender", "status",
    "balance", "monthly_deposit", "deposit_base", "continuous_months", "last_deposit",
    "sealed_since", "homes_owned", "children", "married", "loans_used", "loan_outstanding",
    "loan_monthly_payment", "overdue",
]

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"

# The month the data describes: the latest contribution of a normal account.
NOW_YEAR, NOW_MONTH = 2026, 11

# Real county-level region codes: mostly Zhoushan (the reference profile), some elsewhere
# (members who were born in another city).
REGIONS = (
    ["330902"] * 8 + ["330903"] * 5 + ["330921"] * 3 + ["330922"] * 2
    + ["330102", "330106", "330203", "330212", "330302", "330402", "330602", "330782",
       "320902", "320903", "340104", "360102", "110105", "310115", "410105", "420106",
       "430104", "510107", "370202", "350203"]
)

SURNAMES = list("张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵万钱严戴孔汤")
GIVEN_MALE = list("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志海峰")
GIVEN_FEMALE = list("芳娜敏静丽艳娟霞秀燕玲桂丹萍红琳雪梅婷慧莹颖倩琴云洁佳悦欣怡晴璐瑶")


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return CHECK[total % 11]


def id_number(region: str, year: int, month: int, day: int, seq: int, male: bool) -> str:
    # The third sequence digit (position 17) is odd for men, even for women.
    last = seq % 10
    if male != (last % 2 == 1):
        seq = seq + 1 if seq % 10 != 9 else seq - 1
    body = f"{region}{year:04d}{month:02d}{day:02d}{seq:03d}"
    return body + check_digit(body)


def months_between(y1: int, m1: int, y2: int, m2: int) -> int:
    return (y2 - y1) * 12 + (m2 - m1)


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    index = y * 12 + (m - 1) + n
    return index // 12, index % 12 + 1


def ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def monthly_payment(principal: float, years_left: int, rate_percent: float) -> float:
    r = rate_percent / 100 / 12
    n = years_left * 12
    return principal * r * (1 + r) ** n / ((1 + r) ** n - 1)


def money(x: float) -> str:
    return f"{x:.2f}"


def main() -> None:
    rng = random.Random(20261122)
    rows = []
    used_ids, used_phones, used_names = set(), set(), set()

    # Fixed members first (see the module docstring).
    fixed = [
        dict(account_no="330900100001", id_number="330902198807150013", name="张明远",
             phone="13857201234", pin="135790", birth="1988-07", gender="male", status="normal",
             balance="86420.50", monthly_deposit="1920.00", deposit_base="8000", continuous_months="96",
             last_deposit="2026-11", sealed_since="", homes_owned="1", children="1", married="true",
             loans_used="0", loan_outstanding="420000.00", loan_monthly_payment="1905.41", overdue="false"),
        dict(account_no="330900100002", id_number="330903199203220026", name="李静怡",
             phone="13967305678", pin="246802", birth="1992-03", gender="female", status="sealed",
             balance="32150.00", monthly_deposit="1200.00", deposit_base="6000", continuous_months="0",
             last_deposit="2026-02", sealed_since="2026-03", homes_owned="0", children="0", married="false",
             loans_used="0", loan_outstanding="0.00", loan_monthly_payment="0.00", overdue="false"),
        dict(account_no="330900100003", id_number="32090219751108003X", name="王建国",
             phone="15058009876", pin="112233", birth="1975-11", gender="male", status="normal",
             balance="153600.00", monthly_deposit="2880.00", deposit_base="12000", continuous_months="180",
             last_deposit="2026-11", sealed_since="", homes_owned="1", children="2", married="true",
             loans_used="1", loan_outstanding="0.00", loan_monthly_payment="0.00", overdue="false"),
    ]
    for row in fixed:
        assert check_digit(row["id_number"][:17]) == row["id_number"][17], row["id_number"]
        used_ids.add(row["id_number"])
        used_phones.add(row["phone"])
        used_names.add(row["name"])
        rows.append(row)

    total = 64
    # Status plan: mostly normal, every status present; a few shapes forced for coverage.
    statuses = ["normal"] * 45 + ["sealed"] * 10 + ["closed"] * 6
    rng.shuffle(statuses)
    overdue_left = 2

    for i in range(len(fixed), total):
        status = statuses[i - len(fixed)]
        male = rng.random() < 0.5
        # Working members are below retirement age; closed and sealed ones may be older.
        if status == "normal":
            year = rng.randint(1968 if male else 1972, 2002)
        else:
            year = rng.randint(1960, 2000)
        month = rng.randint(1, 12)
        day = rng.randint(1, calendar.monthrange(year, month)[1])
        while True:
            number = id_number(rng.choice(REGIONS), year, month, day, rng.randint(1, 999), male)
            if number not in used_ids:
                break
        used_ids.add(number)

        while True:
            name = rng.choice(SURNAMES) + "".join(
                rng.choice(GIVEN_MALE if male else GIVEN_FEMALE) for _ in range(rng.choice([1, 2, 2])))
            if name not in used_names:
                break
        used_names.add(name)

        while True:
            phone = rng.choice(["138", "139", "135", "136", "137", "150", "151", "152", "158", "159",
                                "186", "187", "188", "130", "131", "132", "155", "156", "133", "153",
                                "180", "189", "177", "199"]) + f"{rng.randint(0, 99_999_999):08d}"
            if phone not in used_phones:
                break
        used_phones.add(phone)

        pin = f"{rng.randint(0, 999_999):06d}"
        age = NOW_YEAR - year
        # Working months since age 22 (at least 0), the upper bound of continuous months.
        working = max(0, months_between(year + 22, month, NOW_YEAR, NOW_MONTH))

        base = rng.choice([2280, 2500, 3000, 3500, 4200, 5000, 6000, 6800, 7500, 8000, 9500,
                           10000, 12000, 15000, 18000, 22000, 26000, 30000])
        ratio = rng.choice([5, 6, 7, 8, 8, 10, 12, 12])
        deposit = base * 2 * ratio / 100

        married = age >= 24 and rng.random() < min(0.9, 0.2 + (age - 22) * 0.06)
        children = 0
        if married:
            children = rng.choices([0, 1, 2, 3], weights=[2, 5, 3, 1])[0]
        homes = rng.choices([0, 1, 2], weights=[4, 5, 1])[0]
        loans_used = 0
        outstanding = 0.0
        payment = 0.0
        overdue = False

        if status == "normal":
            continuous = min(240, working, rng.choice([0, 2, 5, 8, 12, 24, 36, 60, 96, 120, 180, 240, rng.randint(1, 240)]))
            last = ym(NOW_YEAR, NOW_MONTH) if rng.random() < 0.8 else ym(*add_months(NOW_YEAR, NOW_MONTH, -1))
            if continuous == 0 and rng.random() < 0.5:
                last = ""  # a brand-new account: no contribution yet
            sealed = ""
            balance = deposit * continuous * rng.uniform(0.35, 1.1) + rng.uniform(0, 20000) * (continuous > 0)
        elif status == "sealed":
            continuous = 0
            sealed_y, sealed_m = add_months(NOW_YEAR, NOW_MONTH, -rng.randint(1, 40))
            sealed = ym(sealed_y, sealed_m)
            last = ym(*add_months(sealed_y, sealed_m, -1))
            months = min(240, max(6, working - months_between(sealed_y, sealed_m, NOW_YEAR, NOW_MONTH)))
            balance = deposit * months * rng.uniform(0.3, 0.9)
        else:  # closed: the balance was withdrawn
            continuous = 0
            last = ym(*add_months(NOW_YEAR, NOW_MONTH, -rng.randint(6, 60)))
            sealed = ""
            balance = 0.0
        balance = round(min(balance, 300_000.0), 2)
        if balance < 0:
            balance = 0.0

        # Loans: a third of working members with a home are repaying one.
        if status == "normal" and homes >= 1 and rng.random() < 0.45:
            outstanding = round(rng.uniform(60_000, 780_000) / 100) * 100.0
            years_left = rng.randint(5, 28)
            payment = monthly_payment(outstanding, years_left, 2.6 if homes == 1 else 3.075)
            if overdue_left > 0 and rng.random() < 0.4:
                overdue = True
                overdue_left -= 1
        if homes >= 1 and rng.random() < 0.35:
            loans_used = rng.choice([1, 1, 2])

        rows.append(dict(
            account_no=f"3309001{i + 1:05d}", id_number=number, name=name, phone=phone, pin=pin,
            birth=ym(year, month), gender="male" if male else "female", status=status,
            balance=money(balance), monthly_deposit=money(deposit),
            deposit_base=str(base), continuous_months=str(continuous), last_deposit=last, sealed_since=sealed,
            homes_owned=str(homes), children=str(children), married="true" if married else "false",
            loans_used=str(loans_used), loan_outstanding=money(outstanding),
            loan_monthly_payment=money(payment), overdue="true" if overdue else "false",
        ))

    # Make sure the overdue case exists even if the draw produced too few.
    for row in rows[3:]:
        if overdue_left == 0:
            break
        if row["status"] == "normal" and row["overdue"] == "false" and float(row["loan_outstanding"]) > 0:
            row["overdue"] = "true"
            overdue_left -= 1

    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


if __name__ == "__main__":
    main()
