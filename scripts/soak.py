#!/usr/bin/env python3
"""Soak: the daemon under a steady load for a long while, with figures.

Runs `upward run` (release build) for --minutes (default 30) on a program of --people
participants, in one of two setups:

  maildir   the embedded default: replies are delivered into var/inbox/new as a mail server
            would (tmp/ then new/), mail goes to the file outbox;
  postfix   a throw-away Postfix and Dovecot (tests/mailstack/mailstack.sh): replies are
            submitted over SMTP to Postfix, which delivers them to Dovecot, which the daemon
            reads over IMAPS with IDLE; the daemon sends through Postfix.

Replies arrive in bursts at --rate a second for --burst seconds, then nothing for --idle
seconds, over and over; prompts and digests go out on an accelerated schedule. Every
--sample seconds it records the daemon's CPU time, resident memory, open descriptors and
outbox depth. At the end it prints:

  CPU share while idle (from --settle seconds after a burst to the next) and while busy;
  RSS and open descriptors at the start (after the first burst) and the end;
  reply-to-confirmation latency p50 and p99 (from the reply's submission to the moment its
  confirmation was handed to the relay or written to the outbox, as the store records it);
  outbox depth over time (the largest depth in each minute).

Run by hand, never in the test suite:  scripts/soak.py --setup maildir --minutes 30
"""

import argparse
import calendar
import email.utils
import os
import pathlib
import shutil
import smtplib
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def program(dir_, setup, people, stack):
    domain = "acme.test" if setup == "postfix" else "acme.example"
    rows = ["name,email,role,level,department,offers,wants"]
    for i in range(people):
        role, level = ("mentor", 1) if i % 2 == 0 else ("mentee", 7)
        rows.append(
            f"Person {i},p{i}@{domain},{role},{level},Dept {i % 7},ai tools;budgeting,ai tools;budgeting"
        )
    (dir_ / "participants.csv").write_text("\n".join(rows) + "\n")
    today = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 7 * 86400))
    end = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 60 * 86400))
    text = f"""participants = "participants.csv"

[program]
name = "Soak"
coordinator = "hr@{domain}"
from = "Soak <mentoring@{domain}>"
reply_to = "mentoring+{{token}}@{domain}"
timezone = "UTC"
start = {today}
end = {end}
propose_first_meeting = false
secret_env = "UPWARD_SECRET"

[pairing]
require_common_language = false

[schedule]
prompts = "0 */2 * * * *"
hr_digest = "0 */10 * * * *"
participant_digest = "30 */10 * * * *"
"""
    if setup == "postfix":
        text += f"""
[smtp]
host = "127.0.0.1"
port = {stack['SMTP_PORT']}
security = "none"

[inbound.imap]
host = "127.0.0.1"
port = {stack['IMAPS_PORT']}
security = "tls"
username = "mentoring"
password_file = "imap.password"
ca_file = "{stack['dir']}/tls/ca.pem"
"""
        (dir_ / "imap.password").write_text("secret\n")
    (dir_ / "program.toml").write_text(text)
    return domain


def start_stack(base):
    stack_dir = base / "mailstack"
    env = dict(os.environ, SMTP_PORT="3525", SUBMISSION_PORT="3587", SMTPS_PORT="3465", IMAP_PORT="3143",
               IMAPS_PORT="3993", MAIL_USERS="mentoring")
    script = str(REPO / "tests/mailstack/mailstack.sh")
    # NOTE: should a start fail half way (a port taken by a test run), what started is
    # stopped, and it is tried again.
    for attempt in range(3):
        if subprocess.run([script, "start", str(stack_dir)], env=env).returncode == 0:
            return {"dir": stack_dir, "SMTP_PORT": 3525, "IMAPS_PORT": 3993}
        subprocess.run([script, "stop", str(stack_dir)], env=env)
        time.sleep(2)
    sys.exit("the mail servers did not start; see " + str(stack_dir / "log"))


def stop_stack(stack):
    subprocess.run([str(REPO / "tests/mailstack/mailstack.sh"), "stop", str(stack["dir"])])


def proc(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    kib = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile"):
                kib[name] = int(value.split()[0])
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    return ticks, kib.get("VmRSS", 0), fds, kib.get("RssAnon", 0), kib.get("RssFile", 0)


def db(dir_):
    conn = sqlite3.connect(f"file:{dir_}/var/upward.db?mode=ro", uri=True, timeout=30)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


def reply_addresses(conn, domain):
    """The intro's Reply-To of every pair (both partners may answer it), by partner."""
    out = []
    for (body, recipients) in conn.execute(
        "SELECT b.body, o.recipient FROM outbox o JOIN outbox_body b ON b.outbox_id = o.id"
        " WHERE o.kind = 'intro'"
    ):
        text = bytes(body).decode("utf-8", "replace").replace("\r\n ", " ")
        reply_to = next(l for l in text.splitlines() if l.startswith("Reply-To:"))
        address = reply_to[reply_to.rfind("<") + 1 : reply_to.rfind(">")]
        for who in recipients.split(", "):
            out.append((who, address))
    return out


def message(n, sender, to):
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: Re: How did it go?\r\n"
        f"Date: {email.utils.formatdate()}\r\nMessage-ID: <soak.{n}@client.test>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Met: yes\r\nMinutes: {30 + n % 60}\r\nRating: {1 + n % 5}\r\n"
        "Notes: we talked about ai tools and budgeting\r\n"
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--setup", choices=["maildir", "postfix"], default="maildir")
    ap.add_argument("--minutes", type=float, default=30)
    ap.add_argument("--people", type=int, default=200)
    ap.add_argument("--rate", type=float, default=20, help="replies a second during a burst")
    ap.add_argument("--burst", type=float, default=30, help="seconds of each burst")
    ap.add_argument("--idle", type=float, default=90, help="seconds of quiet between bursts")
    ap.add_argument("--settle", type=float, default=15, help="seconds after a burst not counted as idle")
    ap.add_argument("--sample", type=float, default=5)
    ap.add_argument("--keep", action="store_true", help="keep the working directory")
    ap.add_argument("--malloc-arenas", type=int, default=2,
                    help="MALLOC_ARENA_MAX for the daemon, as deploy/upward.service and the Dockerfile "
                         "set it (0: glibc's default, 8 a core; `upward run` sets 2 itself only "
                         "when the variable is unset)")
    ap.add_argument("--binary", type=pathlib.Path,
                    help="run this upward binary instead of building the worktree's release one")
    args = ap.parse_args()

    if args.binary:
        binary = args.binary.resolve()
    else:
        run(["cargo", "build", "--release", "--quiet"], cwd=REPO)
        binary = REPO / "target/release/upward"
    base = pathlib.Path(tempfile.mkdtemp(prefix=f"soak-{args.setup}-"))
    # NOTE: Postfix's and Dovecot's own users must reach their folders inside it.
    base.chmod(0o755)
    dir_ = base / "program"
    dir_.mkdir()
    stack = start_stack(base) if args.setup == "postfix" else None
    env = dict(os.environ, UPWARD_SECRET="a soak test secret that signs reply tokens")
    env.pop("UPWARD_LOG", None)
    env.pop("MALLOC_ARENA_MAX", None)
    # NOTE: glibc's default is 8 a core; set so, as the daemon sets 2 when it finds none.
    env["MALLOC_ARENA_MAX"] = str(args.malloc_arenas or 8 * (os.cpu_count() or 1))
    daemon = None
    try:
        domain = program(dir_, args.setup, args.people, stack)
        run([str(binary), "pair", "-c", "program.toml"], cwd=dir_, env=env, stdout=subprocess.DEVNULL)
        log = open(base / "daemon.log", "w")
        daemon = subprocess.Popen([str(binary), "run", "-c", "program.toml"], cwd=dir_, env=env,
                                  stdout=subprocess.DEVNULL, stderr=log)
        conn = db(dir_) if (dir_ / "var/upward.db").exists() else None
        deadline = time.time() + 120
        addresses = []
        while time.time() < deadline:
            time.sleep(1)
            conn = conn or db(dir_)
            pending = conn.execute(
                "SELECT count(*) FROM outbox WHERE kind = 'intro' AND state = 'sent'").fetchone()[0]
            if pending >= args.people // 2:
                addresses = reply_addresses(conn, domain)
                break
        if not addresses:
            sys.exit("the introductions were not sent within two minutes; see " + str(base / "daemon.log"))

        smtp = smtplib.SMTP("127.0.0.1", stack["SMTP_PORT"]) if stack else None
        inbox = dir_ / "var/inbox"
        submitted = {}
        samples = []  # (t, phase, ticks, rss, fds, depth, anon, file): memory in KiB
        start = time.time()
        end = start + args.minutes * 60
        n = 0
        next_sample = start
        print(f"soak: {args.setup}, {args.people} people, {args.minutes} min, bursts of "
              f"{args.burst:.0f} s at {args.rate:.0f}/s every {args.burst + args.idle:.0f} s, "
              f"MALLOC_ARENA_MAX={env.get('MALLOC_ARENA_MAX', 'unset')}", flush=True)
        while time.time() < end:
            cycle = (time.time() - start) % (args.burst + args.idle)
            busy = cycle < args.burst
            if busy:
                who, to = addresses[n % len(addresses)]
                raw = message(n, who, to)
                if smtp:
                    smtp.sendmail(who, [to], raw.encode())
                else:
                    name = f"{time.time():.6f}.soak{n}.host"
                    (inbox / "tmp" / name).write_text(raw)
                    os.rename(inbox / "tmp" / name, inbox / "new" / name)
                submitted[f"soak.{n}@client.test"] = time.time()
                n += 1
            now = time.time()
            if now >= next_sample:
                ticks, rss, fds, anon, file = proc(daemon.pid)
                depth = conn.execute(
                    "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')").fetchone()[0]
                phase = "busy" if busy else ("settle" if cycle < args.burst + args.settle else "idle")
                samples.append((now, phase, ticks, rss, fds, depth, anon, file))
                next_sample += args.sample
            if busy:
                time.sleep(max(0.0, 1.0 / args.rate - (time.time() - now)))
            else:
                time.sleep(min(0.2, max(0.0, next_sample - time.time())))
        if smtp:
            smtp.quit()
        # Let the last replies be answered.
        time.sleep(30)

        latencies = []
        rows = conn.execute(
            "SELECT i.message_id, o.sent_at FROM inbound i JOIN outbox o"
            " ON o.idempotency_key LIKE 'confirm:%:%:' || i.id"
            " WHERE i.message_id LIKE 'soak.%' AND o.sent_at IS NOT NULL").fetchall()
        for message_id, sent_at in rows:
            t = submitted.get(message_id)
            if t is None:
                continue
            sent = calendar.timegm(time.strptime(sent_at[:19], "%Y-%m-%dT%H:%M:%S"))
            sent += float("0." + sent_at[20:23]) if len(sent_at) > 22 else 0.0
            latencies.append(sent - t)
        latencies.sort()

        def share(phase):
            total_ticks = total_time = 0.0
            for a, b in zip(samples, samples[1:]):
                if a[1] == phase and b[1] == phase:
                    total_ticks += b[2] - a[2]
                    total_time += b[0] - a[0]
            return 100.0 * total_ticks / TICK / total_time if total_time else float("nan")

        first = next((s for s in samples if s[1] == "idle"), samples[0])
        last = samples[-1]
        print(f"replies submitted: {n}; confirmed: {len(latencies)}")
        print(f"CPU while idle: {share('idle'):.2f}% of a core; while busy: {share('busy'):.1f}%")
        print(f"RSS: {first[3] / 1024:.1f} MiB after the first burst, {last[3] / 1024:.1f} MiB at the end "
              f"({100.0 * (last[3] - first[3]) / first[3]:+.1f}%); of it anonymous (the heap) "
              f"{first[6] / 1024:.1f} → {last[6] / 1024:.1f} MiB, file-backed (the binary, libraries) "
              f"{first[7] / 1024:.1f} → {last[7] / 1024:.1f} MiB")
        # Where the memory went over time: SQLite's page cache (8 MiB) fills as the database
        # grows, then stays, as do malloc's arenas (two with --malloc-arenas 2); a leak keeps
        # climbing.
        marks = []
        for minute in range(0, int(args.minutes) + 1, 5):
            at = [s for s in samples if s[0] - start >= minute * 60]
            if at:
                marks.append(f"{minute} min {at[0][3] / 1024:.1f} (heap {at[0][6] / 1024:.1f})")
        half = next((s for s in samples if s[0] - start >= args.minutes * 30), last)
        print("RSS over time (MiB):", ", ".join(marks),
              f"; second half {100.0 * (last[3] - half[3]) / half[3]:+.1f}%")
        size = sum(f.stat().st_size for f in (dir_ / "var").glob("upward.db*"))
        print(f"database and its log: {size / 1048576:.1f} MiB")
        print(f"open descriptors: {first[4]} after the first burst, {last[4]} at the end "
              f"(min {min(s[4] for s in samples)}, max {max(s[4] for s in samples)})")
        if latencies:
            p50 = statistics.median(latencies)
            p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
            print(f"reply to confirmation: p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
                  f"max {latencies[-1] * 1000:.0f} ms")
        print("outbox depth, largest in each minute:", " ".join(
            str(max(s[5] for s in samples if int((s[0] - start) // 60) == m))
            for m in range(int((last[0] - start) // 60) + 1)
            if any(int((s[0] - start) // 60) == m for s in samples)))
    finally:
        if daemon:
            daemon.terminate()
            daemon.wait(timeout=120)
        if stack:
            stop_stack(stack)
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
        else:
            print("kept", base)


if __name__ == "__main__":
    main()
