#!/usr/bin/env python3
"""Runs the held-out scripted conversations and single questions against the `anju`
binary and judges them (issue 11's measure).

    python3 tools/convo/run.py [--bin .build/release/anju] [--today 2026-12-05]
                               [--min-conversations 0.9] [--min-questions 0.9] [--failures] [--json]

The binary runs in scripted mode (stdin not a terminal: one reply line per input line);
`:reset` separates conversations and `:channel` sets the channel. A conversation passes
when its last reply states the figure that tools/convo/policy.py computes from the facts
the speaker meant (Corpus/eval/conversations/*.yaml; facts not said take the form's
defaults from Corpus/dialogue/forms.yaml). A single question
(Corpus/eval/conversations/questions*.tsv: text, intent, words) passes when the reply is
classified as that intent and states one of its words. Every reply of every turn is also
checked for developer text and raw ID numbers; rates are also reported by batch (conversations whose id
starts "h2-", "h3-" … and questions_h2.tsv were written for a later round, apart from the older items); a crash ends the run with the crash noted.

Exit status 1 when a pass rate is below its --min-… threshold, or on any bad reply or crash.
"""
from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from policy import Policy  # noqa: E402

CONV_DIR = os.path.join(ROOT, "Corpus/eval/conversations")

# ------------------------------------------------------------------ numbers in replies

CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_integer(text: str) -> int | None:
    """一百二十万三千 → 1203000; 四千零三 → 4003; 十五 → 15."""
    if not text:
        return None
    total, section, number = 0, 0, 0
    for ch in text:
        if ch in CN_DIGIT:
            number = CN_DIGIT[ch]
        elif ch in CN_UNIT:
            section += (number or 1) * CN_UNIT[ch]
            number = 0
        elif ch == "万":
            total += (section + number) * 10_000
            section, number = 0, 0
        elif ch == "亿":
            total = (total + section + number) * 100_000_000
            section, number = 0, 0
        else:
            return None
    return total + section + number


WRITTEN = re.compile(r"(\d[\d,]*(?:\.\d+)?)(万)?元")
SPOKEN = re.compile(r"([零〇一二两三四五六七八九十百千万亿]+)元(?:([一二三四五六七八九])角)?(?:零?([一二三四五六七八九])分)?")


def money_in(text: str) -> list[float]:
    """Every sum of money a reply states, written (45万元, 4,003.40元) or spoken (四千零三元四角)."""
    out = []
    for m in WRITTEN.finditer(text):
        v = float(m.group(1).replace(",", ""))
        out.append(v * 10_000 if m.group(2) else v)
    for m in SPOKEN.finditer(text):
        v = cn_integer(m.group(1))
        if v is None:
            continue
        v = float(v) + (CN_DIGIT[m.group(2)] / 10 if m.group(2) else 0) + (CN_DIGIT[m.group(3)] / 100 if m.group(3) else 0)
        out.append(v)
    return out


# ------------------------------------------------------------------ reply hygiene

DEV_TEXT = re.compile(r"\bFact\b|must be|[Ee]rror|invalid|Optional\(|\bnil\b|\bnull\b|\\u[0-9a-f]{4}|JSON|[{}]|Swift|fatal")
RAW_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)|[零〇一二三四五六七八九]{17,}")


def hygiene(reply: str) -> list[str]:
    problems = []
    if DEV_TEXT.search(reply):
        problems.append("developer text: " + DEV_TEXT.search(reply).group(0))
    if RAW_ID.search(reply):
        problems.append("raw ID number")
    return problems


# ------------------------------------------------------------------ the expected figure

FORM_RULES = {"loan_quota": ("loan_quota", None), "loan_eligibility": ("loan_eligibility", None),
              "loan_repayment": ("loan_repayment", None)}


def rule_of(intent: str):
    if intent in FORM_RULES:
        return FORM_RULES[intent]
    if intent.startswith("withdraw_"):
        return "withdraw_eligibility", intent[len("withdraw_"):]
    raise ValueError(f"no rule for intent {intent}")


def allowed_facts(judge: Policy, rule: str, kind: str | None) -> set[str]:
    if rule == "loan_quota":
        return judge.QUOTA_FACTS
    if rule == "loan_eligibility":
        return judge.ELIG_FACTS
    if rule == "loan_repayment":
        return {"principal", "term_years", "term_months", "method", "homes_owned", "rate"}
    return judge.W_FACTS[kind] | {"balance"}


def member_facts(id_number: str) -> dict:
    """A demo member's facts as policy.md names them, from Corpus/demo/accounts.csv."""
    for row in csv.DictReader(open(os.path.join(ROOT, "Corpus/demo/accounts.csv"), encoding="utf-8")):
        if row["id_number"] == id_number:
            return {"account_status": row["status"], "balance": float(row["balance"]),
                    "continuous_months": int(row["continuous_months"]), "homes_owned": int(row["homes_owned"]),
                    "children": int(row["children"]), "married": row["married"] == "true", "loans_used": int(row["loans_used"]),
                    "outstanding_loan": float(row["loan_outstanding"]) > 0, "overdue": row["overdue"] == "true",
                    "birth": row["birth"], "gender": row["gender"], "monthly_income": float(row["deposit_base"])}
    raise KeyError(id_number)


def months_since(judge: Policy, anchor: str) -> int:
    """A month said relative to today ("Y-1-03": March of last year, "Y-05": May of this year)
    as the months from it to the judge's today, so relative dates stay right as time passes."""
    if anchor.startswith("since "):      # an absolute month: "since 2025-08"
        y, m = anchor[6:].split("-")
        return judge.month_now - (int(y) * 12 + int(m) - 1)
    parts = anchor.split("-")
    year = int(judge.today[:4]) + (int(parts[1]) * -1 if len(parts) == 3 else 0)
    month = int(parts[-1])
    return judge.month_now - (year * 12 + month - 1)


def intended(judge: Policy, conv: dict, defaults: dict) -> tuple[str, dict]:
    """The rule and the full fact object the speaker meant: their facts over the form's defaults."""
    rule, kind = rule_of(conv["intent"])
    allowed = allowed_facts(judge, rule, kind)
    facts = {k: v for k, v in defaults.items() if k in allowed}
    if kind in ("rent", "leave"):
        facts.setdefault("outstanding_loan", False)
    if kind == "repay":
        facts.setdefault("overdue", False)
    if kind == "rent":
        facts.setdefault("children", 0)
    if conv.get("member"):
        facts.update({k: v for k, v in member_facts(str(conv["member"])).items() if k in allowed})
    for k, v in (conv["facts"] or {}).items():
        facts[k] = months_since(judge, v) if isinstance(v, str) and v.startswith(("Y", "since ")) else v
    if kind:
        facts["type"] = kind
    return rule, facts


def judge_reply(rule: str, result: dict, reply: str, channel: str) -> tuple[bool, str]:
    """Whether the reply states the result's figure; and what was expected."""
    said = money_in(reply)
    tolerance = 0.5 if channel == "ivr" else 0.006
    refused = "不符合" in reply or "不能" in reply[:12]

    def states(v: float) -> bool:
        return any(abs(x - v) <= tolerance for x in said)

    if rule == "loan_eligibility":
        if not result["eligible"]:
            return refused, "不符合"
        words = ("首套",) if result["category"] == "first_home" else ("第二套", "二套")
        return (not refused and "符合" in reply and any(w in reply for w in words)), "符合 " + words[0]
    if rule == "loan_repayment":
        v = result.get("monthly_payment", result.get("first_payment"))
        return states(v), f"{v}"
    if not result["eligible"] or result["amount"] == 0:
        return refused, "不符合 / 0"
    return (states(result["amount"]) and not refused), f"{result['amount']}"


# ------------------------------------------------------------------ running the binary

def run_lines(binary: str, lines: list[str], env: dict) -> list[str]:
    proc = subprocess.run([binary], input="\n".join(lines) + "\n", capture_output=True, text=True, env=env, timeout=600)
    out = proc.stdout.split("\n")
    if out and out[-1] == "":
        out.pop()
    return out, proc.returncode, proc.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=None)
    ap.add_argument("--today", default=None, help="the date the judge computes as of (default today, as the assistant does)")
    ap.add_argument("--min-conversations", type=float, default=0.0)
    ap.add_argument("--min-questions", type=float, default=0.0)
    ap.add_argument("--failures", action="store_true", help="print every failed conversation and question")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", default=None, help="only conversations whose id contains this")
    args = ap.parse_args()
    binary = args.bin or next(p for p in [os.path.join(ROOT, ".build/release/anju"), os.path.join(ROOT, ".build/debug/anju")]
                              if os.path.exists(p))
    judge = Policy.load(os.path.join(ROOT, "Corpus/policy/reference.yaml"), today=args.today)
    forms = yaml.safe_load(open(os.path.join(ROOT, "Corpus/dialogue/forms.yaml"), encoding="utf-8"))
    defaults = forms["defaults"]

    convs = []
    for path in sorted(glob.glob(os.path.join(CONV_DIR, "*.yaml"))):
        for c in yaml.safe_load(open(path, encoding="utf-8")):
            if args.only and args.only not in c["id"]:
                continue
            convs.append(c)
    questions = []
    for qpath in sorted(glob.glob(os.path.join(CONV_DIR, "questions*.tsv"))):
        if args.only:
            break
        batch = os.path.basename(qpath)[len("questions"):-len(".tsv")].lstrip("_") or "old"
        for row in csv.reader(open(qpath, encoding="utf-8"), delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "text":
                continue
            questions.append({"text": row[0], "intent": row[1], "words": [w for w in (row[2] if len(row) > 2 else "").split("|") if w],
                              "channel": row[3] if len(row) > 3 and row[3] else "chat", "batch": batch})

    # One script: each conversation after :reset and :channel; then each question likewise, with :explain on.
    script: list[str] = []
    spans = []   # (kind, index, first output line of its turns, count)
    for i, c in enumerate(convs):
        script += [":reset", f":channel {c['channel']}"]
        spans.append(("conv", i, len(script), len(c["turns"])))
        script += [str(t) for t in c["turns"]]
    if questions:
        script.append(":explain")
    for i, q in enumerate(questions):
        script += [":reset", f":channel {q['channel']}"]
        spans.append(("question", i, len(script), 1))
        script.append(q["text"])

    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_DATA_HOME=home, HOME=home)
        out, code, err = run_lines(binary, script, env)
    crashed = len(out) < len(script)

    conv_pass = {"chat": [0, 0], "ivr": [0, 0], "staff": [0, 0]}
    by_intent: dict[str, list[int]] = {}
    q_pass = [0, 0]
    batches: dict[str, list[int]] = {}   # "conversations old", "questions h2", ...: [passed, total]
    bad_replies = []
    failures = []
    for kind, i, start, n in spans:
        replies = out[start:start + n]
        if kind == "conv":
            c = convs[i]
            rule, facts = intended(judge, c, defaults)
            result = judge.check(rule, facts)
            tally = conv_pass[c["channel"]]
            itally = by_intent.setdefault(c["intent"], [0, 0])
            tally[1] += 1
            itally[1] += 1
            btally = batches.setdefault("conversations " + (c["id"].split("-", 1)[0] if re.match(r"h\d+-", c["id"]) else "old"), [0, 0])
            btally[1] += 1
            if len(replies) < n:
                failures.append({"id": c["id"], "why": "no reply (crash)", "turns": c["turns"], "replies": replies})
                continue
            for t, r in zip(c["turns"], replies):
                for p in hygiene(r):
                    bad_replies.append({"id": c["id"], "turn": t, "reply": r, "problem": p})
            ok, expected = judge_reply(rule, result, replies[-1], c["channel"])
            if ok:
                tally[0] += 1
                itally[0] += 1
                btally[0] += 1
            else:
                failures.append({"id": c["id"], "why": f"expected {expected}", "facts": facts, "turns": c["turns"], "replies": replies})
        else:
            q = questions[i]
            q_pass[1] += 1
            qtally = batches.setdefault("questions " + q["batch"], [0, 0])
            qtally[1] += 1
            if not replies:
                failures.append({"id": f"q{i + 1}", "why": "no reply (crash)", "turns": [q["text"]], "replies": []})
                continue
            line = replies[0]
            reply, _, explain = line.partition(" [intent ")
            intent = explain.split(" ", 1)[0] if explain else "?"
            for p in hygiene(reply):
                bad_replies.append({"id": f"q{i + 1}", "turn": q["text"], "reply": reply, "problem": p})
            ok = intent in q["intent"].split("|") and (not q["words"] or any(w in reply for w in q["words"]))
            if ok:
                q_pass[0] += 1
                qtally[0] += 1
            else:
                failures.append({"id": f"q{i + 1}", "why": f"expected {q['intent']} with {'|'.join(q['words'])}; got {intent}",
                                 "turns": [q["text"]], "replies": [reply]})

    total = [sum(v[0] for v in conv_pass.values()), sum(v[1] for v in conv_pass.values())]
    rate = lambda p: p[0] / p[1] if p[1] else 1.0  # noqa: E731
    report = {
        "conversations": {"passed": total[0], "total": total[1], "rate": round(rate(total), 3),
                          "by_channel": {k: {"passed": v[0], "total": v[1]} for k, v in conv_pass.items()},
                          "by_intent": {k: {"passed": v[0], "total": v[1]} for k, v in sorted(by_intent.items())}},
        "questions": {"passed": q_pass[0], "total": q_pass[1], "rate": round(rate(q_pass), 3)},
        "batches": {k: {"passed": v[0], "total": v[1]} for k, v in sorted(batches.items())},
        "bad_replies": len(bad_replies), "crashed": crashed,
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    if args.failures:
        for f in failures:
            print(f"FAIL {f['id']}: {f['why']}")
            for t, r in zip(f["turns"], f["replies"] + [""] * (len(f["turns"]) - len(f["replies"]))):
                print(f"   > {t}\n     {r[:300]}")
    for b in bad_replies:
        print(f"BAD REPLY {b['id']} ({b['problem']}): {b['turn']} → {b['reply'][:200]}")
    if not args.json:
        print(f"conversations: {total[0]}/{total[1]} = {rate(total):.3f}  " +
              "  ".join(f"{k} {v[0]}/{v[1]}" for k, v in conv_pass.items()))
        print("  by intent: " + "  ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(by_intent.items())))
        print(f"single questions: {q_pass[0]}/{q_pass[1]} = {rate(q_pass):.3f}")
        print("  by batch: " + "  ".join(f"{k} {v[0]}/{v[1]} = {rate(v):.3f}" for k, v in sorted(batches.items())))
        print(f"bad replies: {len(bad_replies)}; crashed: {crashed}" + (f" (exit {code}: {err.strip()[-300:]})" if crashed else ""))
    failed = rate(total) < args.min_conversations or rate(q_pass) < args.min_questions or bad_replies or crashed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
