//! R11 loop safety and R12 routing security.
//!
//! R11, against the real daemon over real mail: two vacation bots (a participant
//! and a stranger) answer every message delivered to their Maildirs with a plain reply, no
//! `Auto-Submitted`, to its Reply-To (or From), while a few hundred more provocations arrive:
//! the stranger writing on the participant's thread, the participant writing to a forged
//! reply address, auto-replies, bounces, mail from our own addresses and mail carrying our
//! own `X-Loop` tag. Our mail to each participant stays within the program's own plus at
//! most one notice a day, the stranger gets none, automated mail is never answered, mail
//! from our own addresses (or with our tag) is dropped, and everything we send carries
//! `Auto-Submitted` and `X-Loop`.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::roundtrip::{
    Mail, count, inbox, pairs, read, real_mail_program, start_daemon, store, wait_until,
};
use crate::util::MailStack;

const PEOPLE: [(&str, &str, &str, u8, &str); 4] = [
    ("Bot Mentor", "bot", "mentor", 1, "Sales"),
    ("Ana Mentor", "ana", "mentor", 1, "Product"),
    ("Dan Mentee", "dan", "mentee", 7, "Finance"),
    ("Eve Mentee", "eve", "mentee", 7, "Operations"),
];

/// Provocations of each kind.
const N: usize = 40;

/// A plain reply from `user@acme.test` to `to`, as a vacation responder that sets no
/// `Auto-Submitted` writes it.
fn vacation_reply(user: &str, to: &Mail) -> Option<(String, String, String)> {
    let address = to.reply_to.clone().or_else(|| to.from.clone())?;
    let raw = format!(
        "From: {user} <{user}@acme.test>\nTo: {address}\nSubject: Re: {subject}\nMessage-ID: <vacation.{n}.{user}@acme.test>\nIn-Reply-To: <{parent}>\nReferences: <{parent}>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nThanks for your email. I am travelling with limited access to email and will answer when I am back.\n",
        subject = to.subject,
        n = to.message_id.replace(['@', '<', '>'], "."),
        parent = to.message_id,
    );
    Some((format!("{user}@acme.test"), address, raw))
}

/// `n` messages from `from` to `to` with the body `rest` after the common headers.
fn many(
    n: usize,
    tag: &str,
    from: &str,
    to: &str,
    extra: &str,
    body: &str,
) -> Vec<(String, String, String)> {
    (0..n)
        .map(|i| {
            let raw = format!(
                "From: {from}\nTo: {to}\nSubject: Re: your message\nMessage-ID: <{tag}.{i}@loops.test>\n{extra}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
            );
            let envelope = if extra.contains("Return-Path: <>") {
                String::new()
            } else {
                from.rsplit(['<', ' ']).next().unwrap_or(from).trim_end_matches('>').to_string()
            };
            (envelope, to.to_string(), raw)
        })
        .collect()
}

#[test]
fn vacation_bots_and_automated_mail_get_at_most_one_notice_a_day_and_no_loop() {
    let users = ["bot", "ana", "dan", "eve", "vacbot"];
    let Some(stack) = MailStack::start_with_users(&users) else {
        return;
    };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    real_mail_program(d, &stack, &PEOPLE);
    let mut daemon = start_daemon(d);
    wait_until(90, "the bot's introduction and prompt", || {
        let k: Vec<String> = inbox(&stack, "bot").into_iter().map(|m| m.kind).collect();
        k.contains(&"intro".to_string()) && k.contains(&"prompt".to_string())
    });
    let prompt = inbox(&stack, "bot")
        .into_iter()
        .find(|m| m.kind == "prompt")
        .unwrap();
    let reply_to = prompt.reply_to.clone().unwrap();
    let (local, domain) = reply_to.split_once('@').unwrap();
    let last = local.chars().last().unwrap();
    let forged = format!(
        "{}{}@{domain}",
        &local[..local.len() - 1],
        if last == 'a' { 'b' } else { 'a' }
    );

    let stop = AtomicBool::new(false);
    let (bot_rounds, provocations) = std::thread::scope(|scope| {
        // The bots: every message delivered to them gets one plain reply.
        let bots = scope.spawn(|| {
            let mut seen: HashSet<String> = HashSet::new();
            let mut rounds: HashMap<&str, usize> = HashMap::new();
            while !stop.load(Ordering::SeqCst) {
                let mut batch = Vec::new();
                for user in ["bot", "vacbot"] {
                    for raw in stack.messages(user) {
                        let mail = read(&raw);
                        if seen.insert(format!("{user} {}", mail.message_id))
                            && let Some(reply) = vacation_reply(user, &mail)
                        {
                            *rounds.entry(user).or_default() += 1;
                            batch.push(reply);
                        }
                    }
                }
                if !batch.is_empty() {
                    stack.submit_all(&batch);
                }
                std::thread::sleep(Duration::from_millis(300));
            }
            rounds
        });

        // The provocations.
        let bounce_body = "This is the mail system at host mx.acme.test.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<nobody@elsewhere.test>: host mx.elsewhere.test said: 550 5.1.1 <nobody@elsewhere.test>:\n    Recipient address rejected: User unknown";
        let mut pumped = Vec::new();
        pumped.extend(many(
            N,
            "stranger",
            "Vacation <vacbot@acme.test>",
            &reply_to,
            "",
            "Thanks for your email. I am away this week.",
        ));
        pumped.extend(many(
            N,
            "forged",
            "Bot Mentor <bot@acme.test>",
            &forged,
            "",
            "Thanks for your email. I am away this week.",
        ));
        pumped.extend(many(
            N,
            "auto",
            "Bot Mentor <bot@acme.test>",
            &reply_to,
            "Auto-Submitted: auto-replied\n",
            "I am out of the office. Met: yes. Minutes: 30.",
        ));
        pumped.extend(many(
            N,
            "bounce",
            "Mail Delivery System <MAILER-DAEMON@mx.acme.test>",
            "mentoring@acme.test",
            "Return-Path: <>\n",
            bounce_body,
        ));
        pumped.extend(many(
            N,
            "own",
            "Round trip <mentoring@acme.test>",
            &reply_to,
            "",
            "Met: yes\nMinutes: 30",
        ));
        pumped.extend(many(
            N,
            "ownreply",
            &format!("Round trip <{reply_to}>"),
            &reply_to,
            "",
            "Met: yes\nMinutes: 30",
        ));
        // A bot that copies our headers into its answer: our own X-Loop tag comes back.
        pumped.extend(many(
            N,
            "xloop",
            "Bot Mentor <bot@acme.test>",
            &reply_to,
            "X-Loop: upward@acme.test\n",
            "Met: yes\nMinutes: 30",
        ));
        stack.submit_all(&pumped);

        // Until everything sent (pumped and the bots' replies) is recorded, nothing is left
        // to send and the bots have had nothing new to answer for a while.
        let mut quiet_since = Instant::now();
        let mut last = (0, 0);
        wait_until(180, "the exchange to settle", || {
            let db = store(d);
            let now = (
                count(&db, "SELECT count(*) FROM inbound"),
                count(&db, "SELECT count(*) FROM outbox"),
            );
            let pending = count(
                &db,
                "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')",
            );
            if now != last || pending > 0 {
                last = now;
                quiet_since = Instant::now();
            }
            now.0 as usize >= pumped.len() && quiet_since.elapsed() > Duration::from_secs(15)
        });
        stop.store(true, Ordering::SeqCst);
        (bots.join().unwrap(), pumped.len())
    });
    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    assert_eq!(daemon.wait_exit(), Some(0));

    let db = store(d);
    let by_class: Vec<(String, String, i64)> = {
        let mut stmt = db
            .prepare("SELECT status, coalesce(classification, ''), count(*) FROM inbound GROUP BY 1, 2 ORDER BY 1, 2")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let outbound: Vec<(String, String, i64)> = {
        let mut stmt = db
            .prepare("SELECT recipient, kind, count(*) FROM outbox GROUP BY 1, 2 ORDER BY 1, 2")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let total_in = count(&db, "SELECT count(*) FROM inbound");
    eprintln!(
        "loops: {provocations} provocations, bot replies {bot_rounds:?}, {total_in} inbound recorded, {} s",
        started.elapsed().as_secs()
    );
    eprintln!("loops: inbound by status/classification {by_class:?}");
    eprintln!("loops: our outbox by recipient/kind {outbound:?}");
    let answers = |who: &str| -> i64 {
        outbound
            .iter()
            .filter(|(r, k, _)| r == who && k != "intro" && k != "prompt")
            .map(|(_, _, n)| n)
            .sum()
    };
    assert!(
        answers("bot@acme.test") <= 1,
        "more than one notice a day to the participant's bot: {outbound:?}"
    );
    assert_eq!(
        answers("vacbot@acme.test"),
        0,
        "a stranger gets no notice (backscatter): {outbound:?}"
    );
    let pair_count = pairs(&db, "active").len() as i64;
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM outbox WHERE kind IN ('intro', 'prompt')"
        ),
        3 * pair_count,
        "the program's own mail: an introduction and two prompts per pair"
    );
    // Whichever of the bot's answers comes first, its answer to a prompt reads as an away
    // notice: logged, and neither forwarded to the coordinator nor answered.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM outbox WHERE kind NOT IN ('intro', 'prompt', 'command', 'relay')"
        ),
        0,
        "no confirmation or forward for anything a bot wrote: {outbound:?}"
    );
    // The participant's bot answered its introduction once: its partner gets those words,
    // as they would from a reply to all; the same words are not passed on again.
    assert!(
        count(&db, "SELECT count(*) FROM outbox WHERE kind = 'relay'") <= 1,
        "{outbound:?}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM outbox WHERE kind = 'relay' AND recipient IN ('bot@acme.test', 'vacbot@acme.test')"
        ),
        0,
        "{outbound:?}"
    );
    // Automated mail is recorded and never answered; our own mail is dropped unanswered.
    let class = |status: &str, c: &str| -> i64 {
        by_class
            .iter()
            .filter(|(s, k, _)| s == status && k == c)
            .map(|(_, _, n)| n)
            .sum()
    };
    // (A bounce from MAILER-DAEMON that names no recipient of ours may be read as an
    // auto-reply: either way it is automated.)
    assert_eq!(
        class("processed", "auto_reply")
            + class("processed", "bounce")
            + class("processed", "delivery_report"),
        2 * N as i64,
        "{by_class:?}"
    );
    assert_eq!(
        class("refused", "rejected"),
        3 * N as i64,
        "mail from our own addresses or with our X-Loop is dropped: {by_class:?}"
    );
    let answered_automated = count(
        &db,
        "SELECT count(*) FROM outbox o JOIN inbound i
           ON o.idempotency_key LIKE '%:' || i.id
         WHERE i.classification IN ('auto_reply', 'bounce', 'delivery_report', 'rejected')",
    );
    assert_eq!(answered_automated, 0, "automated or own mail answered");
    assert_eq!(count(&db, "SELECT count(*) FROM feedback"), 0);
    // Everything we sent, wherever it landed, says it is automatic and carries our loop tag.
    let mut ours = 0;
    for user in users {
        for m in inbox(&stack, user)
            .into_iter()
            .filter(|m| m.kind != "other")
        {
            ours += 1;
            // Answers to a person's own mail say so (RFC 3834); the rest is scheduled.
            let expected = match m.kind.as_str() {
                "confirmation" | "command" | "challenge" => "auto-replied",
                _ => "auto-generated",
            };
            assert_eq!(
                m.auto_submitted.as_deref(),
                Some(expected),
                "{user}: {}",
                m.message_id
            );
            assert_eq!(m.x_loop.as_deref(), Some("upward@acme.test"), "{user}");
        }
    }
    eprintln!("loops: {ours} of our messages delivered, all with Auto-Submitted and X-Loop");
    assert_eq!(
        ours as i64,
        count(&db, "SELECT count(*) FROM outbox WHERE state = 'sent'")
            + count(&db, "SELECT count(*) FROM outbox WHERE kind = 'intro'"),
        "every message we sent arrived (an introduction to both partners)"
    );
}

// R12 routing security, through `upward ingest` on a real store whose pairs, introductions
// and participants' digests the real daemon made.

const SECRET: &str = "a test secret that signs reply tokens in the routing test";

/// Four mentors and four mentees, all in UTC, every mentor eligible for every mentee.
const ROSTER: [(&str, &str, &str, u8, &str); 8] = [
    ("Amy Mentor", "amy", "mentor", 1, "Sales"),
    ("Bea Mentor", "bea", "mentor", 1, "Product"),
    ("Cal Mentor", "cal", "mentor", 1, "Legal"),
    ("Dov Mentor", "dov", "mentor", 1, "People"),
    ("Ida Mentee", "ida", "mentee", 7, "Finance"),
    ("Jon Mentee", "jon", "mentee", 7, "Operations"),
    ("Kim Mentee", "kim", "mentee", 7, "Marketing"),
    ("Lou Mentee", "lou", "mentee", 7, "Engineering"),
];

fn ingest_now(dir: &std::path::Path, raw: &str, now: &str) -> crate::util::Ran {
    use std::io::Write;
    let mut child = crate::util::upward()
        .args(["ingest", "--now", now, "-"])
        .current_dir(dir)
        .env("UPWARD_SECRET", SECRET)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A refused write (the child exited early) is the child's business.
    let _ = child.stdin.take().unwrap().write_all(raw.as_bytes());
    let out = child.wait_with_output().unwrap();
    crate::util::Ran {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn token(pair: i64, person: i64, purpose: upward::outbound::token::Purpose) -> String {
    upward::outbound::token::TokenKey::new(SECRET).sign(upward::outbound::token::TokenClaims {
        pair: pair as u64,
        person: person as u64,
        purpose,
    })
}

fn message(id: &str, from: &str, to: &str, extra: &str, body: &str) -> String {
    format!(
        "From: {from}\nTo: {to}\nSubject: Re: How are things going?\nMessage-ID: <{id}>\n{extra}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
    )
}

#[test]
fn misrouted_forged_ended_digest_and_long_thread_replies_log_nothing_in_another_pairs_name() {
    use upward::outbound::token::Purpose::{Command, Confirm, Reply};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut csv = String::from("name,email,role,level,department\n");
    for (name, user, role, level, dept) in ROSTER {
        csv.push_str(&format!(
            "{name},{user}@acme.example,{role},{level},{dept}\n"
        ));
    }
    std::fs::write(d.join("participants.csv"), csv).unwrap();
    let today = crate::roundtrip::today();
    let end = today + chrono::Duration::days(60);
    // Participants' digests every 20 seconds over the next minutes (in UTC, everyone's zone).
    let digests = crate::roundtrip::soon();
    std::fs::write(
        d.join("program.toml"),
        format!(
            r#"participants = "participants.csv"

[program]
name = "Routing"
coordinator = "hr@acme.example"
from = "Routing <mentoring@acme.example>"
reply_to = "mentoring+{{token}}@acme.example"
timezone = "UTC"
start = {start}
end = {end}
propose_first_meeting = false
secret_env = "UPWARD_SECRET"

[pairing]
require_common_language = false

[schedule]
prompts = "0 9 1 1 *"
hr_digest = "0 8 1 1 *"
participant_digest = "{digests}"
"#,
            start = today - chrono::Duration::days(7),
        ),
    )
    .unwrap();
    // The daemon pairs, introduces and sends everyone their digest (to the file outbox).
    let mut daemon = crate::util::Daemon::start_with_env(d, &[("UPWARD_SECRET", SECRET.as_ref())]);
    daemon.wait_for("upward is running");
    wait_until(120, "the participants' digests", || {
        count(
            &store(d),
            "SELECT count(*) FROM outbox WHERE kind = 'participant_digest'",
        ) == 8
    });
    daemon.signal("TERM");
    assert_eq!(daemon.wait_exit(), Some(0));

    let db = store(d);
    let ps = pairs(&db, "active");
    assert_eq!(ps.len(), 4, "{ps:?}");
    let id = |user: &str| -> i64 {
        db.query_row(
            "SELECT id FROM participants WHERE email = ?1",
            [format!("{user}@acme.example")],
            |r| r.get(0),
        )
        .unwrap()
    };
    let msgid = |key: &str| -> String {
        db.query_row(
            "SELECT message_id FROM outbox WHERE idempotency_key = ?1",
            [key],
            |r| r.get::<_, String>(0),
        )
        .unwrap_or_else(|e| panic!("{key}: {e}"))
        .trim_matches(['<', '>'])
        .to_string()
    };
    let digest_of = |user: &str| -> String {
        db.query_row(
            "SELECT message_id FROM outbox WHERE kind = 'participant_digest' AND recipient = ?1",
            [format!("{user}@acme.example")],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .trim_matches(['<', '>'])
        .to_string()
    };
    let (a, b, c, e) = (&ps[0], &ps[1], &ps[2], &ps[3]);
    let addr = |user: &str| format!("{user}@acme.example");
    let reply = |pair: i64, person: i64, purpose| {
        format!("mentoring+{}@acme.example", token(pair, person, purpose))
    };
    let report = "Met: yes\nMinutes: 99\nRating: 1";
    #[allow(clippy::disallowed_methods)] // NOTE: notices are counted per real UTC day
    let now = chrono::Utc::now().to_rfc3339();
    let after_end = format!("{}T12:00:00Z", end + chrono::Duration::days(30));
    let a_token = token(a.id, id(&a.mentor), Reply);
    let tampered: String = {
        // One character of the signature changed.
        let mut chars: Vec<char> = a_token.chars().collect();
        let i = chars.len() - 3;
        chars[i] = if chars[i] == 'a' { 'b' } else { 'a' };
        chars.into_iter().collect()
    };
    let mut refs: Vec<String> = vec![format!("<{}>", msgid(&format!("intro:1:{}", a.id)))];
    refs.extend((1..500).map(|i| format!("<unknown.{i}@elsewhere.example>")));
    let a_first = refs.join(" ");
    refs.rotate_left(1);
    let b_last = {
        let mut r = refs.clone();
        r.pop();
        r.push(format!("<{}>", msgid(&format!("intro:1:{}", b.id))));
        r.join(" ")
    };

    // (case, sender, recipient, extra headers, body, expected exit code); each refused
    // case is sent twice.
    let in_reply_to_digest = format!("In-Reply-To: <{}>\n", digest_of(&e.mentor));
    let references = format!("References: {a_first}\n");
    let table: Vec<(&str, String, String, &str, &str, i32)> = vec![
        (
            "valid token, wrong From",
            "mallory@evil.example".into(),
            reply(a.id, id(&a.mentee), Reply),
            "",
            report,
            65,
        ),
        (
            "token of another pair",
            addr(&b.mentor),
            reply(a.id, id(&a.mentor), Reply),
            "",
            report,
            65,
        ),
        (
            "tampered HMAC",
            addr(&a.mentor),
            format!("mentoring+{tampered}@acme.example"),
            "",
            report,
            65,
        ),
        (
            "the pair's partner stops",
            addr(&c.mentee),
            reply(c.id, id(&c.mentee), Reply),
            "",
            "STOP",
            0,
        ),
        // A report on the ended pair's own token is that pair's meeting, logged late there
        // (never in another pair's name).
        (
            "ended pair",
            addr(&c.mentor),
            reply(c.id, id(&c.mentor), Reply),
            "",
            report,
            0,
        ),
        (
            "reply to one's own digest",
            addr(&e.mentor),
            reply(0, id(&e.mentor), Command),
            &in_reply_to_digest,
            report,
            65,
        ),
        (
            "bare address, In-Reply-To someone else's digest",
            addr(&a.mentee),
            "mentoring@acme.example".into(),
            &in_reply_to_digest,
            report,
            65,
        ),
        (
            "500 References, another pair's introduction first",
            addr(&b.mentee),
            "mentoring@acme.example".into(),
            &references,
            report,
            65,
        ),
    ];
    let cases: Vec<(&str, String, i32)> = table
        .iter()
        .enumerate()
        .map(|(i, (case, from, to, extra, body, code))| {
            (
                *case,
                message(&format!("r{i}@x"), from, to, extra, body),
                *code,
            )
        })
        .collect();
    for (case, raw, code) in &cases {
        let ran = ingest_now(d, raw, &now);
        eprintln!(
            "routing: {case}: exit {:?}: {}",
            ran.code,
            ran.stderr.trim()
        );
        assert_eq!(ran.code, Some(*code), "{case}: {}", ran.stderr);
        if *code == 65 {
            let again = raw.replace("Message-ID: <r", "Message-ID: <again.r");
            assert_eq!(ingest_now(d, &again, &now).code, Some(65), "{case}, again");
        }
    }
    // Attributed to the sender's own pair: the 500th reference is their own introduction
    // (only the first five are looked up), so their one current pair is used; but with no
    // token of theirs it only counts once they confirm it, from their own mailbox.
    let own = message(
        "r9@x",
        &addr(&b.mentee),
        "mentoring@acme.example",
        &format!("References: {b_last}\n"),
        "Met: yes\nMinutes: 40\nRating: 4",
    );
    let ran = ingest_now(d, &own, &now);
    eprintln!(
        "routing: 500 References, own introduction last: exit {:?}",
        ran.code
    );
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    let request = count(
        &store(d),
        "SELECT max(id) FROM confirmations WHERE state = 'waiting'",
    );
    let confirm = message(
        "r9c@x",
        &addr(&b.mentee),
        &reply(request, id(&b.mentee), Confirm),
        "",
        "Yes, that was me.",
    );
    let ran = ingest_now(d, &confirm, &now);
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    // After the program's end, a valid report on a valid token: logged today (late replies
    // to the closing reflection are welcome), but only ever on the sender's own pair.
    let late = message(
        "r10@x",
        &addr(&a.mentor),
        &reply(a.id, id(&a.mentor), Reply),
        "",
        report,
    );
    let ran = ingest_now(d, &late, &after_end);
    eprintln!(
        "routing: after the program ended: exit {:?}: {}",
        ran.code,
        ran.stderr.trim()
    );

    let db = store(d);
    // 0 misattributed feedback: every row's author is a partner of its pair.
    let misattributed = count(
        &db,
        "SELECT count(*) FROM feedback f JOIN pairs p ON p.id = f.pair_id
         WHERE f.participant_id NOT IN (p.mentor_id, p.mentee_id)",
    );
    let feedback: Vec<(i64, i64, Option<i64>)> = {
        let mut stmt = db
            .prepare("SELECT f.pair_id, f.participant_id, s.minutes FROM feedback f LEFT JOIN sessions s ON s.id = f.session_id ORDER BY f.id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    eprintln!(
        "routing: feedback rows (pair, participant, minutes) {feedback:?}; misattributed {misattributed}"
    );
    assert_eq!(misattributed, 0);
    assert_eq!(
        feedback
            .iter()
            .filter(|f| f.0 != b.id && !(f.0 == c.id && f.1 == id(&c.mentor)))
            .count(),
        feedback
            .iter()
            .filter(|f| f.0 == a.id && f.1 == id(&a.mentor))
            .count(),
        "no feedback but B's own, C's mentor's late one on C's own pair and (at most) A's mentor's late one: {feedback:?}"
    );
    assert_eq!(
        feedback
            .iter()
            .filter(|f| f.0 == c.id && f.1 == id(&c.mentor))
            .count(),
        1,
        "{feedback:?}"
    );
    assert!(
        feedback.contains(&(b.id, id(&b.mentee), Some(40))),
        "{feedback:?}"
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM feedback WHERE rating = 1 AND pair_id NOT IN ({}, {})",
                a.id, c.id
            )
        ),
        0,
        "the misrouted report's rating is nowhere but on the senders' own pairs"
    );

    // Notices: at most one per address and day, and none names anyone but its recipient.
    let notices: Vec<(String, String)> = {
        let mut stmt = db
            .prepare("SELECT o.recipient, b.body FROM outbox o JOIN outbox_body b ON b.outbox_id = o.id WHERE o.kind = 'command' AND CAST(b.body AS TEXT) LIKE '%was not logged%'")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                String::from_utf8_lossy(&r.get::<_, Vec<u8>>(1)?).into_owned(),
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let mut per_address: HashMap<&str, usize> = HashMap::new();
    for (to, body) in &notices {
        *per_address.entry(to.as_str()).or_default() += 1;
        for (name, user, ..) in ROSTER {
            if to != &addr(user) {
                let first = name.split(' ').next().unwrap_or(name);
                // NOTE: the first name as a word: a random MIME boundary may hold "Jon".
                let names_them = body
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| word == first);
                assert!(
                    !body.contains(&addr(user)) && !names_them,
                    "the notice to {to} names {name}: {body}"
                );
            }
        }
    }
    eprintln!(
        "routing: {} refused messages, {} notices {per_address:?}",
        count(&db, "SELECT count(*) FROM inbound WHERE status = 'refused'"),
        notices.len()
    );
    assert!(per_address.values().all(|n| *n <= 1), "{per_address:?}");
    assert_eq!(
        count(&db, "SELECT count(*) FROM inbound WHERE status = 'refused'"),
        2 * cases.iter().filter(|c| c.2 == 65).count() as i64
    );
}
