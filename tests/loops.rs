//! R11 loop safety against the real daemon over real mail: two vacation bots (a participant
//! and a stranger) answer every message delivered to their Maildirs with a plain reply, no
//! `Auto-Submitted`, to its Reply-To (or From), while a few hundred more provocations arrive:
//! the stranger writing on the participant's thread, the participant writing to a forged
//! reply address, auto-replies, bounces, mail from our own addresses and mail carrying our
//! own `X-Loop` tag. Our mail to each address stays within the program's own plus at most
//! one notice a day, automated mail is never answered, mail from our own addresses (or with
//! our tag) is dropped, and everything we send carries `Auto-Submitted` and `X-Loop`.

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
    assert!(
        answers("vacbot@acme.test") <= 1,
        "more than one notice a day to the stranger's bot: {outbound:?}"
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
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM outbox WHERE kind NOT IN ('intro', 'prompt', 'command')"
        ),
        0,
        "no confirmation for anything a bot wrote"
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
            assert_eq!(
                m.auto_submitted.as_deref(),
                Some("auto-generated"),
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
