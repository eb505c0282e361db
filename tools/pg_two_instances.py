#!/usr/bin/env python3
"""Two `anju serve` instances on one PostgreSQL (issue 14's multi-instance scenarios).

usage: tools/pg_two_instances.py ANJU_BINARY POSTGRES_URL [--cluster VERSION/NAME]

Creates a fresh database next to POSTGRES_URL's, migrates it, imports the demo members,
starts two instances with --sessions postgres, and checks:
  1. a conversation alternating between them completes a verification and a form;
  2. 20 concurrent wrong PINs for one member, spread over both, lock it after exactly 5;
  3. kill -9 of one instance mid-form: the next turn on the other continues the form;
  4. no two turns of one session interleave: the last 2 answers of a form sent at once, one
     to each instance, both land (exactly one reply completes the form), 10 times;
  5. both instances restarted (one SIGTERM, one kill -9) mid-conversation: a form, a
     verification awaiting its PIN and a verified member all continue;
  6. every database connection cut: the instance reconnects by itself;
  7. two instances without ANJU_SESSION_SECRET: a verification alternating between them
     completes (they share the database's key);
  8. PostgreSQL unreachable: policy questions answered, member questions told 暂时不可用;
  9. with --cluster (pg_ctlcluster, as root; nothing else may use the cluster then): the
     server itself stopped while the instances run — policy still answered, member
     questions unavailable — then started again: the instances reconnect on their own and
     a conversation begun before the stop continues.
Prints 'N passed, N failed' last; exits 1 on any failure.
"""
import argparse, json, os, signal, socket, subprocess, sys, threading, time, uuid, urllib.parse

arguments = argparse.ArgumentParser(description="Two anju serve instances on one PostgreSQL.")
arguments.add_argument("anju"); arguments.add_argument("url")
arguments.add_argument("--cluster", help="VERSION/NAME of the cluster to stop and start (pg_ctlcluster) for scenario 8")
options = arguments.parse_args()
ANJU, URL = options.anju, options.url
passed, failed = 0, 0

def check(name, ok, detail=""):
    global passed, failed
    if ok: passed += 1; print(f"ok   {name}")
    else: failed += 1; print(f"FAIL {name}: {detail}")

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

class Conn:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.file = self.sock.makefile("rwb")
    def send(self, obj):
        self.file.write((json.dumps(obj, ensure_ascii=False) + "\n").encode()); self.file.flush()
        return json.loads(self.file.readline())
    def close(self): self.sock.close()

def ask(port, session, text):
    c = Conn(port)
    try: return c.send({"op": "ask", "session": session, "text": text})
    finally: c.close()

def open_session(port):
    c = Conn(port)
    try: return c.send({"op": "open"})
    finally: c.close()

def reply_text(r): return json.dumps(r, ensure_ascii=False)

def concurrently(calls):
    """Runs the calls at once (one thread each, released together); their results in order."""
    results, barrier = [None] * len(calls), threading.Barrier(len(calls))
    def run(i):
        barrier.wait(); results[i] = calls[i]()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    [t.start() for t in threads]; [t.join() for t in threads]
    return results

def stop(p, how):
    p.send_signal(how); p.wait(timeout=30)

def start(port, db_url, secret=True):
    """An instance with --sessions postgres; secret=False: without ANJU_SESSION_SECRET."""
    env = {k: v for k, v in os.environ.items() if k != "ANJU_SESSION_SECRET"}
    if secret: env["ANJU_SESSION_SECRET"] = "e2e-" + name
    p = subprocess.Popen([ANJU, "serve", "--port", str(port), "--store", db_url, "--sessions", "postgres",
                          "--max-failed-verifications", "100", "--max-failed-verifications-per-peer", "0",
                          "--max-new-sessions-per-minute", "0"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    for _ in range(300):
        try: socket.create_connection(("127.0.0.1", port), timeout=1).close(); return p
        except OSError: time.sleep(0.1)
    raise SystemExit(f"instance on {port} did not start")

parts = urllib.parse.urlsplit(URL)
name = "anju_e2e_" + uuid.uuid4().hex[:10]
admin_env = dict(os.environ, PGPASSWORD=urllib.parse.unquote(parts.password or ""))
psql = ["psql", "-X", "-q", "-h", parts.hostname, "-p", str(parts.port or 5432), "-U", urllib.parse.unquote(parts.username), "-d", parts.path.lstrip("/")]
subprocess.run(psql + ["-c", f"CREATE DATABASE {name}"], check=True, env=admin_env)
db_url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))
procs = []
try:
    subprocess.run([ANJU, "store", "migrate", "--store", db_url], check=True)
    subprocess.run([ANJU, "accounts", "import", "--store", db_url, "Corpus/demo/accounts.csv"], check=True, stdout=subprocess.DEVNULL)
    a, b = free_port(), free_port()
    procs = [start(a, db_url), start(b, db_url)]

    # 1. alternate: verification then a form
    s = open_session(a).get("session") or str(uuid.uuid4())
    r1 = ask(a, s, "查余额"); r2 = ask(b, s, "330902198807150013"); r3 = ask(a, s, "135790")
    check("verification completes across instances", "余额" in reply_text(r3) and "元" in reply_text(r3), reply_text(r3)[:300])
    f = open_session(b)["session"]
    turns = ["我能贷多少", "交了两年", "余额三万二", "月收入八千五", "没房"]
    replies = [ask([a, b][i % 2], f, t) for i, t in enumerate(turns)]
    expecting = [x.get("expecting") for x in replies]
    check("a form alternating between instances completes", expecting == ["continuous_months", "balance", "monthly_income", "homes_owned", None]
          and "万元" in (replies[-1].get("reply") or ""), f"{expecting} {reply_text(replies[-1])[:200]}")

    # 2. 20 concurrent wrong PINs over both
    outcomes = []
    def guess(i):
        port = [a, b][i % 2]
        sid = open_session(port).get("session") or str(uuid.uuid4())
        ask(port, sid, "查余额"); ask(port, sid, "330903199203220026")
        outcomes.append(reply_text(ask(port, sid, "000000")))
    threads = [threading.Thread(target=guess, args=(i,)) for i in range(20)]
    [t.start() for t in threads]; [t.join() for t in threads]
    row = subprocess.run(psql[:-1] + [name, "-tAc", "SELECT failed_attempts, locked_until IS NOT NULL FROM account WHERE id_number='330903199203220026'"],
                         env=admin_env, capture_output=True, text=True).stdout.strip()
    check("20 concurrent wrong PINs over both instances lock after exactly 5", row == "5|t", row)

    # 3. kill -9 mid-form
    k = open_session(a)["session"]
    ask(a, k, "我能贷多少"); ask(b, k, "交了两年"); ask(a, k, "余额三万二")
    procs[0].kill(); procs[0].wait()
    r = ask(b, k, "月收入八千五")
    check("after kill -9 of one instance the other continues the form", r.get("expecting") == "homes_owned", reply_text(r)[:300])

    procs[0] = start(a, db_url)

    # 4. no interleaving: the form's last two answers sent at once, one to each instance.
    #    Each turn reads the session, adds its fact and writes it back; were the two turns
    #    ever to run at the same time, both would read the form missing two facts and
    #    neither would complete it. Serialised, exactly one (the second to run) does.
    #    (The answers given at once are ones the form takes in either order.)
    complete = []
    for round in range(10):
        sid = open_session([a, b][round % 2])["session"]
        ask(a, sid, "我能贷多少"); ask(b, sid, "交了两年"); ask(a, sid, "余额三万二")
        rs = concurrently([lambda: ask(a, sid, "月收入八千五"), lambda: ask(b, sid, "名下没有住房")])
        complete.append(sum(1 for r in rs if r.get("expecting") is None and "万元" in (r.get("reply") or "")))
    check("2 answers of one form sent at once to both instances both land, never interleaved (10 rounds)", complete == [1] * 10, complete)

    # 5. restart BOTH instances mid-conversation (a rolling SIGTERM and a crash)
    form = open_session(a)["session"]
    ask(a, form, "我能贷多少"); ask(b, form, "交了两年")
    pin = open_session(b)["session"]
    ask(b, pin, "查余额"); ask(a, pin, "330902198807150013")
    verified = open_session(a)["session"]
    ask(a, verified, "查余额"); ask(b, verified, "330902198807150013"); ask(a, verified, "135790")
    stop(procs[0], signal.SIGTERM); stop(procs[1], signal.SIGKILL)
    procs[0], procs[1] = start(a, db_url), start(b, db_url)
    r_form = ask(b, form, "余额三万二")
    r_pin = ask(a, pin, "135790")
    r_verified = ask(b, verified, "查余额")
    check("after both instances restart a form continues", r_form.get("expecting") == "monthly_income", reply_text(r_form)[:300])
    check("after both instances restart a verification awaiting its PIN continues", "86,420.50" in (r_pin.get("reply") or ""), reply_text(r_pin)[:300])
    check("after both instances restart a verified member stays verified", "86,420.50" in (r_verified.get("reply") or ""), reply_text(r_verified)[:300])

    # 6. every connection to the database cut (as in a PostgreSQL restart): the pools reconnect by themselves
    subprocess.run(psql + ["-c", f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"],
                   env=admin_env, capture_output=True)
    v = open_session(b)["session"]
    ask(b, v, "查余额"); ask(b, v, "330902198807150013"); r = ask(b, v, "135790")
    if "86,420.50" not in (r.get("reply") or ""):  # the first turn after the cut may see a dead connection
        ask(b, v, "查余额"); ask(b, v, "330902198807150013"); r = ask(b, v, "135790")
    check("after every connection is cut the instance reconnects by itself", "86,420.50" in (r.get("reply") or ""), reply_text(r)[:300])

    # 7. instances started without ANJU_SESSION_SECRET sign session ids with the database's
    #    shared key (made by the first of them): verification still moves between them
    c1, c2 = free_port(), free_port()
    procs += [start(c1, db_url, secret=False), start(c2, db_url, secret=False)]
    w = open_session(c1)["session"]
    ask(c1, w, "查余额"); ask(c2, w, "330902198807150013"); r = ask(c1, w, "135790")
    check("without ANJU_SESSION_SECRET two instances share the database's key: a verification alternates between them",
          "86,420.50" in (r.get("reply") or ""), reply_text(r)[:300])

    # 8. PostgreSQL unreachable: policy answered, member questions told the account query is unavailable
    c = free_port()
    down = urllib.parse.urlunsplit((parts.scheme, "anju:wrong@127.0.0.1:1", "/nowhere", "", ""))
    procs.append(start(c, down))
    u = open_session(c)["session"]
    policy = ask(c, u, "租房能提多少")
    member = ask(c, u, "查余额")  # refused at once: a verification begun without session memory could not finish
    check("with PostgreSQL unreachable policy questions are answered", policy.get("ok") is True and policy.get("reply"), reply_text(policy)[:300])
    check("with PostgreSQL unreachable a member question says the account query is unavailable",
          "暂时不可用" in reply_text(member) or (member.get("error") or {}).get("code") == "store_unavailable", reply_text(member)[:300])

    # 9. the PostgreSQL server itself stopped and started again while both instances run
    if options.cluster:
        version, cluster_name = options.cluster.split("/")
        held = open_session(a)["session"]
        ask(a, held, "我能贷多少"); ask(b, held, "交了两年")
        subprocess.run(["pg_ctlcluster", version, cluster_name, "stop", "-m", "fast"], check=True)
        try:
            d = open_session(b)["session"]
            t0 = time.monotonic(); policy = ask(b, d, "租房能提多少"); policy_s = time.monotonic() - t0
            t0 = time.monotonic(); member = ask(a, d, "查余额"); member_s = time.monotonic() - t0
            check("PostgreSQL stopped: policy questions still answered", policy.get("ok") is True and "元" in (policy.get("reply") or ""),
                  reply_text(policy)[:300])
            check("PostgreSQL stopped: a member question says the account query is unavailable, within 3 s",
                  ("暂时不可用" in reply_text(member) or (member.get("error") or {}).get("code") == "store_unavailable") and member_s < 3,
                  f"{member_s:.1f} s {reply_text(member)[:300]}")
        finally:
            subprocess.run(["pg_ctlcluster", version, cluster_name, "start"], check=True)
        deadline, back = time.monotonic() + 30, None
        while time.monotonic() < deadline:
            e = open_session([a, b][int(time.monotonic()) % 2])["session"]
            ask(a, e, "查余额"); ask(b, e, "330902198807150013"); r = ask(a, e, "135790")
            if "86,420.50" in (r.get("reply") or ""): back = r; break
            time.sleep(1)
        check("PostgreSQL started again: both instances reconnect on their own (member answered within 30 s)", back is not None)
        r = ask(b, held, "余额三万二")
        check("PostgreSQL started again: a form begun before the stop continues", r.get("expecting") == "monthly_income", reply_text(r)[:300])
finally:
    for p in procs:
        if p.poll() is None: p.kill(); p.wait()
    subprocess.run(psql + ["-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], env=admin_env)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
