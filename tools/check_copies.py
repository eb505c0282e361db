#!/usr/bin/env python3
"""Training examples that are too close to a measurement sentence.

Usage: tools/check_copies.py [--threshold 0.6] [SET.tsv ...]
Compares every example in Intents/*.yaml with every sentence of the measurement sets
(default: Corpus/eval/eval.tsv, Corpus/eval/real/*.tsv, Corpus/eval/heldout/*.tsv, ../shared/dev/dev.tsv,
../shared/dev/real_dev.tsv) by character-bigram Dice similarity after removing spaces and
punctuation. Prints the offending *training* examples (file, example, score) — never the
measurement sentence — and exits 1 when any is at or above the threshold, or when a
measurement sentence of 8+ characters appears verbatim inside Intents/.
Both sides are converted from Traditional to Simplified Chinese first (OpenCC's t2s table when
`opencc-python-reimplemented` is installed, else a built-in table of the common characters of
this domain), so a Traditional copy of a sentence is caught like a Simplified one.
"""
import glob, os, re, sys

# Common Traditional → Simplified characters of this domain, used when OpenCC is missing.
_T2S = str.maketrans(
    "積貸額專項繳劃歸帳賬戶銷戶轉統個職單業資證證據號碼變書記請問謝盤買賣樓層梯裝間雙們臺灣澳門"
    "還償運動機構濟辦處離職續啟開關閉險醫療務產權證權稅費價錢銀錄聯絡網頁點擊腦電話頻線確認"
    "時間長後來這麼麼樣為與從會給讓對應該當實際經過歷記錄說話語讀寫標準規則則條例據計算額餘額",
    "积贷额专项缴划归帐账户销户转统个职单业资证证据号码变书记请问谢盘买卖楼层梯装间双们台湾澳门"
    "还偿运动机构济办处离职续启开关闭险医疗务产权证权税费价钱银录联络网页点击脑电话频线确认"
    "时间长后来这么么样为与从会给让对应该当实际经过历记录说话语读写标准规则则条例据计算额余额")
try:
    from opencc import OpenCC
    _t2s = OpenCC("t2s").convert
except ImportError:
    _t2s = lambda s: s.translate(_T2S)

def norm(s):
    return re.sub(r"[\s\W_]", "", _t2s(s).lower())

def bigrams(s):
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}

def read_sets(paths):
    out = []
    for p in paths:
        if not os.path.exists(p):
            continue
        for i, line in enumerate(open(p, encoding="utf-8-sig").read().splitlines()):
            parts = line.split("\t")
            if len(parts) < 2 or (i == 0 and parts[0] == "expected"):
                continue
            out.append(norm(parts[1]))
    return out

def examples():
    for path in sorted(glob.glob("Intents/*.yaml")):
        in_examples = False
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            if re.match(r"^\w", line):
                in_examples = line.startswith("examples:")
                continue
            m = re.match(r"^\s+-\s+(.*)$", line)
            if in_examples and m:
                yield path, n, m.group(1).strip().strip("'\"")

def main():
    args = sys.argv[1:]
    threshold = 0.6
    if "--threshold" in args:
        i = args.index("--threshold"); threshold = float(args[i + 1]); del args[i:i + 2]
    sets = args or (["Corpus/eval/eval.tsv"] + sorted(glob.glob("Corpus/eval/real/*.tsv") + glob.glob("Corpus/eval/heldout/*.tsv"))
                    + ["../shared/dev/dev.tsv", "../shared/dev/real_dev.tsv"])
    sentences = [s for s in read_sets(sets) if len(s) >= 4]
    grams = [(s, bigrams(s)) for s in sentences]
    bad = 0
    for path, line, ex in examples():
        e = norm(ex)
        if len(e) < 4:
            continue
        eg = bigrams(e)
        best = max((2 * len(eg & g) / (len(eg) + len(g)) for _, g in grams), default=0)
        if best >= threshold:
            bad += 1
            print(f"{path}:{line}: {best:.2f} too close to a measurement sentence: {ex}")
    blob = "".join(norm(open(p, encoding="utf-8").read()) for p in glob.glob("Intents/**/*", recursive=True) if os.path.isfile(p))
    verbatim = sum(1 for s in sentences if len(s) >= 8 and s in blob)
    if verbatim:
        bad += verbatim
        print(f"{verbatim} measurement sentence(s) appear verbatim in Intents/")
    print(f"{bad} problem(s); {len(sentences)} measurement sentences, threshold {threshold}")
    sys.exit(1 if bad else 0)

main()
