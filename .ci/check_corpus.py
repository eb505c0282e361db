#!/usr/bin/env python3
"""Checks Corpus/passages/*.yaml and Corpus/faq/*.yaml.

Errors (exit 1): YAML that does not parse or lacks fields; duplicate or malformed ids;
unknown intent ids; an intent with fewer than 3 FAQ entries; a `cites` id that is no
passage; a spoken answer with [0-9%/()（）：；] outside placeholders; a placeholder of
unknown kind or whose path is not in Corpus/policy/reference.yaml (rates.current =
rates.schedule.0).
Warnings: long spoken answers; answers typing a figure the profile holds; text sharing a
long verbatim run with the shared facts/seeds.

usage: python3 .ci/check_corpus.py [REPO_ROOT] [--shared /work/shared]
"""
import glob, os, re, sys
import yaml

args = [a for a in sys.argv[1:] if not a.startswith("--")]
root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
shared = "/work/shared"
if "--shared" in sys.argv:
    shared = sys.argv[sys.argv.index("--shared") + 1]

errors, warnings = [], []
def err(msg): errors.append(msg)
def warn(msg): warnings.append(msg)

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PH_RE = re.compile(r"\{\{([a-z]+):([A-Za-z0-9_.]+)\}\}")
KINDS = {"money", "percent", "ratio", "months", "years", "times", "count", "date"}
SPOKEN_BAD = re.compile(r"[0-9%/()（）：；:;¥]")

# ---- intents
intents = []
with open(os.path.join(shared, "spec/intents.md"), encoding="utf-8") as f:
    for line in f:
        m = re.match(r"^\|\s*([a-z_]+)\s*\|", line)
        if m and m.group(1) != "id":
            intents.append(m.group(1))
if len(intents) != 40:
    err(f"intents.md: expected 40 intent ids, found {len(intents)}")

# ---- profile
with open(os.path.join(root, "Corpus/policy/reference.yaml"), encoding="utf-8") as f:
    profile = yaml.safe_load(f)

def resolve(path):
    parts = path.split(".")
    if parts[:2] == ["rates", "current"]:
        parts = ["rates", "schedule", "0"] + parts[2:]
    node = profile
    for p in parts:
        if isinstance(node, dict) and p in node:
            node = node[p]
        elif isinstance(node, list) and p.isdigit() and int(p) < len(node):
            node = node[int(p)]
        else:
            raise KeyError(path)
    return node

def check_placeholders(where, text):
    for kind, path in PH_RE.findall(text):
        if kind not in KINDS:
            err(f"{where}: unknown placeholder kind '{kind}'")
            continue
        try:
            value = resolve(path)
        except KeyError:
            err(f"{where}: placeholder path '{path}' not in reference.yaml")
            continue
        if kind == "date":
            import datetime
            if not isinstance(value, datetime.date):
                err(f"{where}: {{{{date:{path}}}}} is not a full date ({value!r})")
        elif isinstance(value, (dict, list)) or isinstance(value, bool) or not isinstance(value, (int, float)):
            err(f"{where}: {{{{{kind}:{path}}}}} is not a number ({value!r})")
    rest = PH_RE.sub("", text)
    if "{{" in rest or "}}" in rest:
        err(f"{where}: malformed placeholder in: {text[:60]}")

# ---- passages
passages = {}
pfiles = sorted(glob.glob(os.path.join(root, "Corpus/passages/*.yaml")))
per_pfile = {}
for path in pfiles:
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except yaml.YAMLError as e:
        err(f"{name}: YAML error: {e}")
        continue
    for key in ("doc", "source", "effective", "passages"):
        if not isinstance(data, dict) or key not in data:
            err(f"{name}: missing '{key}'")
    if not isinstance(data, dict):
        continue
    per_pfile[name] = 0
    for p in data.get("passages") or []:
        pid = p.get("id")
        where = f"{name}:{pid}"
        for key in ("id", "section", "title", "text"):
            if not p.get(key):
                err(f"{where}: missing '{key}'")
        if pid is None:
            continue
        if not ID_RE.match(pid):
            err(f"{where}: malformed id")
        if pid in passages:
            err(f"{where}: duplicate passage id (also in {passages[pid]['file']})")
        passages[pid] = {"file": name, **p}
        per_pfile[name] += 1
        text = str(p.get("text", ""))
        n = len([s for s in re.split(r"[。！？]", text) if s.strip()])
        if n > 6:
            warn(f"{where}: {n} sentences (aim for 1–6)")
        if "{{" in text:
            check_placeholders(where, text)

# ---- faq
faq_ids, per_intent, per_ffile = {}, {i: 0 for i in intents}, {}
ffiles = sorted(glob.glob(os.path.join(root, "Corpus/faq/*.yaml")))
for path in ffiles:
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except yaml.YAMLError as e:
        err(f"{name}: YAML error: {e}")
        continue
    if not isinstance(data, list):
        err(f"{name}: top level must be a list of entries")
        continue
    per_ffile[name] = len(data)
    for e in data:
        fid = e.get("id")
        where = f"{name}:{fid}"
        for key in ("id", "intent", "question", "answer", "spoken", "keywords", "cites"):
            if not e.get(key):
                err(f"{where}: missing '{key}'")
        if fid is None:
            continue
        if not ID_RE.match(fid):
            err(f"{where}: malformed id")
        if fid in faq_ids:
            err(f"{where}: duplicate FAQ id (also in {faq_ids[fid]})")
        faq_ids[fid] = name
        intent = e.get("intent")
        if intent not in per_intent:
            err(f"{where}: unknown intent '{intent}'")
        else:
            per_intent[intent] += 1
        cites = e.get("cites") or []
        if not isinstance(cites, list) or not cites:
            err(f"{where}: cites must be a non-empty list")
        for c in cites if isinstance(cites, list) else []:
            if c not in passages:
                err(f"{where}: cites unknown passage '{c}'")
        kws = e.get("keywords") or []
        if not isinstance(kws, list) or not all(isinstance(k, str) for k in kws):
            err(f"{where}: keywords must be a list of strings")
        answer, spoken = str(e.get("answer", "")), str(e.get("spoken", ""))
        check_placeholders(where + " answer", answer)
        check_placeholders(where + " spoken", spoken)
        bare = PH_RE.sub("", spoken)
        bad = SPOKEN_BAD.findall(bare)
        if bad:
            err(f"{where}: spoken has {''.join(sorted(set(bad)))} outside placeholders")
        if re.search(r"https?:|www\.|\n\s*[-*•]|\n\s*\d+\.", spoken):
            err(f"{where}: spoken has a URL or a list")
        est = len(PH_RE.sub("十二个字左右的数", spoken))
        if est > 110:
            warn(f"{where}: spoken is long (~{est} chars)")
        # a profile figure typed literally in the answer?
        for pat in [r"\d+(\.\d+)?%", r"\d+(\.\d+)?万", r"\d+个月", r"\d+倍", r"\d+周岁", r"\d+年(?!\d)"]:
            for m in re.finditer(pat, PH_RE.sub("", answer)):
                warn(f"{where}: literal figure '{m.group(0)}' in answer — is it in the profile?")

missing = [i for i, n in per_intent.items() if n < 3]
for i in missing:
    err(f"intent '{i}' has {per_intent[i]} FAQ entries (needs ≥ 3)")

# ---- own words: long verbatim runs shared with the facts and seeds
def norm(s):
    return re.sub(r"[\s，。、；：:;,.（）()“”\"'《》\-—|*#>\[\]`]", "", s)
sources = [open(os.path.join(shared, "domain/facts.md"), encoding="utf-8").read()]
sources += [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(shared, "seeds/*.txt")))]
N = 16
grams = set()
for s in sources:
    t = norm(s)
    grams.update(t[i:i + N] for i in range(len(t) - N + 1))
# official names, legal enumerations and formulas that must be quoted as they are
ALLOW = ["贷款职工住房公积金缴存使用证明", "住房公积金个人住房贷款全部还清证明", "个人住房贷款全部还清证明",
         "国家机关国有企业城镇集体企业外商投资企业城镇私营企业及其他城镇企业事业单位民办非企业单位社会团体",
         "国家机关国有企业城镇集体企业外商投资企业城镇私营企业和其他城镇企业事业单位民办非企业单位以及社会团体",
         "尿毒症恶性肿瘤再生障碍性贫血慢性重型肝炎心脏瓣膜置换冠状动脉旁路手术颅内肿瘤开颅摘除重大器官移植主动脉手术",
         "P×r×1+r^n÷1+r^n−1", "P/n×r", "总利息=P×r×n+1÷2", "总利息=P×r×n+1"]
def overlap(where, text):
    t = norm(PH_RE.sub("", text))
    for name in ALLOW:
        t = t.replace(norm(name), "|")
    for i in range(len(t) - N + 1):
        if t[i:i + N] in grams:
            warn(f"{where}: {N}+ chars verbatim from facts/seeds: '{t[i:i + N]}'")
            return
for pid, p in passages.items():
    overlap(f"passage {pid}", str(p.get("text", "")))
for path in ffiles:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or []
    except yaml.YAMLError:
        continue
    for e in data if isinstance(data, list) else []:
        overlap(f"faq {e.get('id')}", str(e.get("answer", "")) + "。" + str(e.get("spoken", "")))

# ---- report
print(f"passages: {len(passages)}  " + ", ".join(f"{k} {v}" for k, v in per_pfile.items()))
print(f"faq entries: {len(faq_ids)}  " + ", ".join(f"{k} {v}" for k, v in per_ffile.items()))
print("per intent: " + ", ".join(f"{k} {v}" for k, v in per_intent.items()))
for w in warnings:
    print("WARN ", w)
for e in errors:
    print("ERROR", e)
print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
sys.exit(1 if errors else 0)
