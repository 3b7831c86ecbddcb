//! The scripted real-mail round trip (issue 7): `upward run` sends through a real Postfix,
//! which delivers each participant's mail into their own Maildir and the program's replies
//! (`mentoring+TOKEN@acme.test`) into a Maildir that Dovecot serves over IMAPS, which the
//! daemon reads with TLS verified against the stack's own CA. Participants answer the prompts
//! they really received, with swaks through Postfix: a form, a Gmail free-text reply, an
//! Outlook reply, an out-of-office auto-reply, a STOP and two spoofs. The store and the
//! Maildirs are then checked: sessions and feedback as sent, the auto-reply unanswered, STOP
//! honoured, the spoofs refused with a notice that names no one.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::util::{Daemon, MailStack, run_in};

/// Three mentors and three mentees, every mentor eligible for every mentee.
pub const PEOPLE: [(&str, &str, &str, u8, &str); 6] = [
    ("Ana Mentor", "ana", "mentor", 1, "Sales"),
    ("Ben Mentor", "ben", "mentor", 1, "Product"),
    ("Cat Mentor", "cat", "mentor", 1, "Legal"),
    ("Dan Mentee", "dan", "mentee", 7, "Finance"),
    ("Eve Mentee", "eve", "mentee", 7, "Operations"),
    ("Fay Mentee", "fay", "mentee", 7, "People"),
];

/// Today in UTC, the program's zone: the real daemon runs on the wall clock.
pub fn today() -> NaiveDate {
    #[allow(clippy::disallowed_methods)] // NOTE: the test sets the program's dates around now
    Utc::now().date_naive()
}

/// A prompt schedule firing every 20 seconds over the next eight minutes (6-field cron).
// NOTE: not `*/10 * * * * *`: the prompt job scans back 62 days of its schedule for the
// previous occurrence, which takes minutes for a schedule firing every few seconds all day.
pub fn soon() -> String {
    use chrono::Timelike;
    #[allow(clippy::disallowed_methods)] // NOTE: the schedule is set around now
    let now = Utc::now();
    let times: Vec<_> = (0..8).map(|m| now + chrono::Duration::minutes(m)).collect();
    let list = |f: &dyn Fn(&chrono::DateTime<Utc>) -> u32| {
        let mut v: Vec<u32> = times.iter().map(f).collect();
        v.sort_unstable();
        v.dedup();
        v.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
    };
    format!(
        "0,20,40 {} {} * * *",
        list(&|t| t.minute()),
        list(&|t| t.hour())
    )
}

/// Writes a program for `people` (local parts at acme.test) that sends through the stack's
/// Postfix, reads replies from its Dovecot over IMAPS and prompts every 10 seconds; stores
/// its pairing round and dates it five days back, so the pairs are old enough for prompts.
pub fn real_mail_program(dir: &Path, stack: &MailStack, people: &[(&str, &str, &str, u8, &str)]) {
    let mut csv = String::from("name,email,role,level,department,offers,wants\n");
    for (name, user, role, level, dept) in people {
        csv.push_str(&format!(
            "{name},{user}@acme.test,{role},{level},{dept},ai tools;social media,ai tools;social media\n"
        ));
    }
    std::fs::write(dir.join("participants.csv"), csv).unwrap();
    let today = today();
    let program = format!(
        r#"participants = "participants.csv"

[program]
name = "Round trip"
coordinator = "hr@acme.test"
from = "Round trip <mentoring@acme.test>"
reply_to = "mentoring+{{token}}@acme.test"
timezone = "UTC"
start = {start}
end = {end}
propose_first_meeting = false

[pairing]
require_common_language = false

[schedule]
prompts = "{prompts}"
prompt_every_weeks = 0
hr_digest = "0 8 1 1 *"
participant_digest = "0 8 1 1 *"

[smtp]
host = "127.0.0.1"
port = {smtp}
security = "none"

[inbound.imap]
host = "127.0.0.1"
port = {imaps}
security = "tls"
username = "mentoring"
password_file = "imap.password"
ca_file = "{ca}"
poll_seconds = 5
"#,
        prompts = soon(),
        start = today - chrono::Duration::days(7),
        end = today + chrono::Duration::days(60),
        smtp = stack.smtp_port,
        imaps = stack.imaps_port,
        ca = stack.ca_file().display(),
    );
    std::fs::write(dir.join("program.toml"), program).unwrap();
    std::fs::write(dir.join("imap.password"), "secret\n").unwrap();
    run_in(dir, &["pair"]).expect_code(0);
    // NOTE: a pair gets prompts once it is three days old; the daemon has no clock to move,
    // so the stored round is dated as if HR had made it five days ago.
    #[allow(clippy::disallowed_methods)]
    let made = (Utc::now() - chrono::Duration::days(5)).to_rfc3339();
    let db = Connection::open(dir.join("var/upward.db")).unwrap();
    db.execute("UPDATE rounds SET created_at = ?1", [&made])
        .unwrap();
    db.execute("UPDATE pairs SET created_at = ?1", [&made])
        .unwrap();
}

/// Starts `upward run` and waits until it runs.
pub fn start_daemon(dir: &Path) -> Daemon {
    let mut d = Daemon::start(dir);
    d.wait_for("upward is running");
    d
}

/// The store, read-only (the daemon owns it).
pub fn store(dir: &Path) -> Connection {
    let c = Connection::open_with_flags(
        dir.join("var/upward.db"),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    c.busy_timeout(Duration::from_secs(10)).unwrap();
    c
}

pub fn count(db: &Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Waits up to `secs` for `done`, then fails with `what`.
#[track_caller]
pub fn wait_until(secs: u64, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// One delivered message, as the test reads it.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The kind, from our Message-ID `<KIND.RANDOM@domain>` (`other` for anyone else's).
    pub kind: String,
    pub message_id: String,
    pub reply_to: Option<String>,
    pub from: Option<String>,
    pub to: Vec<String>,
    pub subject: String,
    pub auto_submitted: Option<String>,
    pub x_loop: Option<String>,
    pub text: String,
    pub raw: String,
}

pub fn read(raw: &[u8]) -> Mail {
    let msg = mail_parser::MessageParser::default()
        .parse(raw)
        .expect("a delivered message parses");
    let message_id = msg.message_id().unwrap_or("").to_string();
    let kind = if message_id.ends_with("@acme.test") {
        message_id.split('.').next().unwrap_or("").to_string()
    } else {
        "other".to_string()
    };
    let header = |name: &str| {
        msg.header_raw(name)
            .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    Mail {
        kind,
        message_id,
        reply_to: msg
            .reply_to()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(str::to_string),
        from: msg
            .from()
            .and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(str::to_string),
        to: msg
            .to()
            .map(|a| {
                a.iter()
                    .filter_map(|m| m.address())
                    .map(str::to_lowercase)
                    .collect()
            })
            .unwrap_or_default(),
        subject: msg.subject().unwrap_or("").to_string(),
        auto_submitted: header("Auto-Submitted"),
        x_loop: header("X-Loop"),
        text: msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        raw: String::from_utf8_lossy(raw).into_owned(),
    }
}

/// The mail in `user`'s Maildir.
pub fn inbox(stack: &MailStack, user: &str) -> Vec<Mail> {
    stack.messages(user).iter().map(|r| read(r)).collect()
}

fn kinds(mails: &[Mail]) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for m in mails {
        *out.entry(m.kind.clone()).or_default() += 1;
    }
    out
}

/// A stored pair by its partners' local parts.
#[derive(Debug, Clone)]
pub struct Pair {
    pub id: i64,
    pub mentor: String,
    pub mentee: String,
}

pub fn pairs(db: &Connection, status: &str) -> Vec<Pair> {
    let mut stmt = db
        .prepare(
            "SELECT p.id, m.email, e.email FROM pairs p
             JOIN participants m ON m.id = p.mentor_id JOIN participants e ON e.id = p.mentee_id
             WHERE p.status = ?1 ORDER BY p.id",
        )
        .unwrap();
    let local = |e: String| e.split('@').next().unwrap_or("").to_string();
    stmt.query_map([status], |r| {
        Ok(Pair {
            id: r.get(0)?,
            mentor: local(r.get(1)?),
            mentee: local(r.get(2)?),
        })
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// The one prompt in `user`'s Maildir.
fn prompt(stack: &MailStack, user: &str) -> Mail {
    let mut prompts: Vec<Mail> = inbox(stack, user)
        .into_iter()
        .filter(|m| m.kind == "prompt")
        .collect();
    assert_eq!(prompts.len(), 1, "{user}: {prompts:?}");
    prompts.remove(0)
}

/// Headers of a reply to `to` (its Message-ID and Reply-To).
fn reply_headers(from: &str, name: &str, to: &Mail, id: &str, subject_prefix: &str) -> String {
    format!(
        "From: {name} <{from}>\nTo: \"Round trip\" <{reply}>\nSubject: {subject_prefix} {subject}\nDate: {date}\nMessage-ID: <{id}>\nIn-Reply-To: <{parent}>\nReferences: <{parent}>\nMIME-Version: 1.0\n",
        reply = to.reply_to.as_deref().unwrap_or(""),
        subject = to.subject,
        date = now_rfc2822(),
        parent = to.message_id,
    )
}

/// An RFC 2822 date for a reply written now.
fn now_rfc2822() -> String {
    #[allow(clippy::disallowed_methods)] // NOTE: a participant writes the reply now
    Utc::now().to_rfc2822()
}

#[test]
fn a_program_runs_over_real_postfix_and_dovecot_and_reads_real_replies() {
    let users: Vec<&str> = PEOPLE.iter().map(|p| p.1).collect();
    let Some(stack) = MailStack::start_with_users(&users) else {
        return;
    };
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    real_mail_program(dir.path(), &stack, &PEOPLE);
    let d = dir.path();
    let ps = pairs(&store(d), "active");
    assert_eq!(ps.len(), 3, "{ps:?}");
    let (a, b, c) = (ps[0].clone(), ps[1].clone(), ps[2].clone());

    let mut daemon = start_daemon(d);
    // An introduction (to both partners at once) and today's prompt for everyone.
    let arrived = || {
        users.iter().all(|u| {
            let k = kinds(&inbox(&stack, u));
            k.get("intro").is_some_and(|n| *n >= 1) && k.get("prompt").is_some_and(|n| *n >= 1)
        })
    };
    let deadline = Instant::now() + Duration::from_secs(90);
    while !arrived() {
        if Instant::now() > deadline {
            let got: Vec<_> = users
                .iter()
                .map(|u| (u, kinds(&inbox(&stack, u))))
                .collect();
            panic!(
                "no introduction and prompt in every Maildir: {got:?}\nlog:\n{}",
                daemon.log_so_far()
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let day = today();
    for u in &users {
        let mails = inbox(&stack, u);
        let k = kinds(&mails);
        eprintln!("roundtrip: {u} received {k:?}");
        assert_eq!(k.get("intro"), Some(&1), "{u}: exactly one introduction");
        assert_eq!(k.get("prompt"), Some(&1), "{u}: one prompt for {day}");
        assert_eq!(mails.len(), 2, "{u}: nothing else yet: {k:?}");
        for m in &mails {
            assert_eq!(m.auto_submitted.as_deref(), Some("auto-generated"), "{u}");
            assert_eq!(m.x_loop.as_deref(), Some("upward@acme.test"), "{u}");
            assert!(
                m.raw.contains(&format!("Delivered-To: {u}@acme.test")),
                "{u}: delivered by Postfix"
            );
        }
        let intro = mails.iter().find(|m| m.kind == "intro").unwrap();
        let pair = ps
            .iter()
            .find(|p| p.mentor == *u || p.mentee == *u)
            .unwrap();
        assert_eq!(
            intro.to,
            vec![
                format!("{}@acme.test", pair.mentor),
                format!("{}@acme.test", pair.mentee)
            ],
            "{u}: the introduction goes to both partners"
        );
    }

    // The participants answer the prompts they received: `answer(from, prompt of, id,
    // subject prefix, rest)` sends the headers of a reply to that prompt, then `rest`.
    let met_a = day - chrono::Duration::days(2);
    let met_b = day - chrono::Duration::days(3);
    let name = |u: &str| {
        PEOPLE.iter().find(|x| x.1 == u).map_or_else(
            || u.split('@').next().unwrap_or(u).to_string(),
            |x| x.0.to_string(),
        )
    };
    let from = |u: &str| format!("{u}@acme.test");
    let answer = |sender: &str, prompt_of: &str, id: &str, prefix: &str, rest: &str| {
        let to = prompt(&stack, prompt_of);
        let address = if sender.contains('@') {
            sender.to_string()
        } else {
            from(sender)
        };
        let head = reply_headers(&address, &name(sender), &to, id, prefix);
        let rest = rest
            .replace("{RT}", to.reply_to.as_deref().unwrap_or(""))
            .replace("{SUBJECT}", &to.subject);
        stack.send_raw(
            &address,
            to.reply_to.as_deref().unwrap_or(""),
            &(head + &rest),
        );
    };
    // A's mentor: the form, filled in, above the quoted prompt.
    answer(
        &a.mentor,
        &a.mentor,
        "form.1@acme.test",
        "Re:",
        &format!(
            "Content-Type: text/plain; charset=utf-8\n\nMet: yes\nDate: {met_a}\nMinutes: 45\nTopics: ai tools\nRating 1-5: 5\nNotes: a good first talk.\n\nOn {day} Round trip <{{RT}}> wrote:\n> Did you meet them recently?\n>\n> Met: yes / no\n> Date:\n> Minutes:\n"
        ),
    );
    // B's mentor: Gmail, free text, the prompt quoted below "On ... wrote:".
    answer(
        &b.mentor,
        &b.mentor,
        "CAF+gmail.rt1@mail.gmail.com",
        "Re:",
        &format!(
            "Content-Type: multipart/alternative; boundary=\"000000000000a1b2c3\"\n\n--000000000000a1b2c3\nContent-Type: text/plain; charset=\"UTF-8\"\n\nWe met on {met_b} for 30 minutes and talked about social media. I'd give it 4/5.\n\nOn {day}, at 9:00 AM Round trip <{{RT}}> wrote:\n\n> Did you meet them recently?\n>\n> Met: yes / no\n> Minutes:\n>\n\n--000000000000a1b2c3\nContent-Type: text/html; charset=\"UTF-8\"\n\n<div dir=\"ltr\">We met on {met_b} for 30 minutes and talked about social media. I'd give it 4/5.</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On {day}, at 9:00 AM Round trip &lt;{{RT}}&gt; wrote:<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex\">Did you meet them recently?<br>Met: yes / no</blockquote></div>\n\n--000000000000a1b2c3--\n"
        ),
    );
    // B's mentee: Outlook, the form in text and HTML above an "Original Message" block.
    answer(
        &b.mentee,
        &b.mentee,
        "DB9PR01MB0042@eurprd01.prod.outlook.com",
        "RE:",
        &format!(
            "Thread-Topic: {{SUBJECT}}\nX-Auto-Response-Suppress: All\nContent-Type: multipart/alternative; boundary=\"_000_DB9PR01MB0042_\"\n\n--_000_DB9PR01MB0042_\nContent-Type: text/plain; charset=\"us-ascii\"\n\nMet: yes\nDate: {met_b}\nMinutes: 30\nTopics: social media\nRating: 5\n\n-----Original Message-----\nFrom: Round trip <{{RT}}>\nSent: {day} 9:00 AM\nTo: {me} <{addr}>\nSubject: {{SUBJECT}}\n\nDid you meet them recently?\nMet: yes / no\n\n--_000_DB9PR01MB0042_\nContent-Type: text/html; charset=\"us-ascii\"\n\n<html><body><div>Met: yes<br>Date: {met_b}<br>Minutes: 30<br>Topics: social media<br>Rating: 5</div><div><br></div><hr style=\"display:inline-block;width:98%\"><div id=\"divRplyFwdMsg\"><b>From:</b> Round trip &lt;{{RT}}&gt;<br><b>Sent:</b> {day} 9:00 AM<br><b>To:</b> {me}<br><b>Subject:</b> {{SUBJECT}}</div><div>Did you meet them recently?<br>Met: yes / no</div></body></html>\n\n--_000_DB9PR01MB0042_--\n",
            me = name(&b.mentee),
            addr = from(&b.mentee),
        ),
    );
    // C's mentor is away: an auto-reply (that even looks like a report) to the prompt.
    answer(
        &c.mentor,
        &c.mentor,
        "ooo.rt1@acme.test",
        "Automatic reply:",
        "Auto-Submitted: auto-replied\nContent-Type: text/plain; charset=utf-8\n\nI am out of the office with no access to email.\nMet: yes\nMinutes: 60\n",
    );
    // C's mentee stops.
    answer(
        &c.mentee,
        &c.mentee,
        "stop.rt1@acme.test",
        "Re:",
        "Content-Type: text/plain; charset=utf-8\n\nSTOP\n\n> Did you meet them recently?\n",
    );
    // Spoofs: a stranger and B's mentor, each with a report in A's name (on the reply
    // address of the prompt A's mentee received).
    for (who, id) in [
        ("mallory@example.com", "spoof.1@example.com"),
        (b.mentor.as_str(), "spoof.2@acme.test"),
    ] {
        answer(
            who,
            &a.mentee,
            id,
            "Re:",
            "Content-Type: text/plain; charset=utf-8\n\nMet: yes\nMinutes: 99\nRating: 1\n",
        );
    }

    // Everything arrives at Dovecot, is read over IMAPS and committed.
    wait_until(90, "all 7 replies recorded", || {
        count(&store(d), "SELECT count(*) FROM inbound") >= 7
    });
    let db = store(d);
    wait_until(90, "every answer sent", || {
        count(
            &store(d),
            "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')",
        ) == 0
    });
    let inbound: Vec<(String, String, String, Option<String>)> = {
        let mut stmt = db
            .prepare("SELECT coalesce(message_id, ''), status, coalesce(classification, ''), reason FROM inbound ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    eprintln!("roundtrip: inbound rows {inbound:#?}");
    assert_eq!(inbound.len(), 7, "one row per reply");
    let row = |id: &str| {
        inbound
            .iter()
            .find(|r| r.0 == id)
            .unwrap_or_else(|| panic!("no inbound row for {id}: {inbound:?}"))
            .clone()
    };
    assert_eq!(row("form.1@acme.test").1, "processed");
    assert_eq!(row("form.1@acme.test").2, "reply");
    assert_eq!(row("CAF+gmail.rt1@mail.gmail.com").2, "reply");
    assert_eq!(row("DB9PR01MB0042@eurprd01.prod.outlook.com").2, "reply");
    assert_eq!(row("ooo.rt1@acme.test").2, "auto_reply");
    assert_eq!(row("stop.rt1@acme.test").2, "command");
    for spoof in ["spoof.1@example.com", "spoof.2@acme.test"] {
        let r = row(spoof);
        assert_eq!(r.1, "refused", "{r:?}");
        assert!(
            r.3.as_deref()
                .is_some_and(|x| x.contains("not a participant of the pair")),
            "{r:?}"
        );
    }

    // Sessions and feedback exactly as sent, and nothing in anyone else's name.
    let session = |pair: i64| -> (i64, String, i64, String) {
        db.query_row(
            "SELECT met, date, minutes, topics FROM sessions WHERE pair_id = ?1",
            [pair],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap_or_else(|e| panic!("session of pair {pair}: {e}"))
    };
    let (met, date, minutes, topics) = session(a.id);
    assert_eq!(
        (met, date.as_str(), minutes),
        (1, met_a.to_string().as_str(), 45)
    );
    assert!(topics.contains("ai tools"), "{topics}");
    let (met, date, minutes, topics) = session(b.id);
    assert_eq!(
        (met, date.as_str(), minutes),
        (1, met_b.to_string().as_str(), 30)
    );
    assert!(topics.contains("social media"), "{topics}");
    assert_eq!(count(&db, "SELECT count(*) FROM sessions"), 2);
    let feedback: Vec<(i64, String, Option<i64>)> = {
        let mut stmt = db
            .prepare(
                "SELECT f.pair_id, p.email, f.rating FROM feedback f
                 JOIN participants p ON p.id = f.participant_id ORDER BY f.id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    eprintln!("roundtrip: feedback rows {feedback:?}");
    let mut expected = vec![
        (a.id, from(&a.mentor), Some(5)),
        (b.id, from(&b.mentor), Some(4)),
        (b.id, from(&b.mentee), Some(5)),
    ];
    let mut got = feedback.clone();
    got.sort();
    expected.sort();
    assert_eq!(got, expected, "feedback as sent, none misattributed");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM feedback WHERE rating = 1 OR notes LIKE '%99%'"
        ),
        0
    );

    // STOP: the person stopped, their pair ended, the partner has no one free to meet.
    let status: String = db
        .query_row(
            "SELECT status FROM participants WHERE email = ?1",
            [from(&c.mentee)],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "stopped");
    assert_eq!(
        pairs(&db, "ended").iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![c.id]
    );

    // What arrived where: confirmations to the three who reported, the answer to STOP, a
    // notice to the spoofing participant (never naming A's partners), nothing for the
    // stranger (a notice to a possibly forged sender would be backscatter) nor for the
    // auto-reply.
    let expect = [
        (a.mentor.as_str(), vec![("confirmation", 1)]),
        (a.mentee.as_str(), vec![]),
        (b.mentor.as_str(), vec![("confirmation", 1), ("command", 1)]),
        (b.mentee.as_str(), vec![("confirmation", 1)]),
        // Cy's partner stopped: Cy is told, kindly and without the reason.
        (c.mentor.as_str(), vec![("partner-left", 1)]),
        (c.mentee.as_str(), vec![("command", 1)]),
    ];
    for (u, more) in &expect {
        let n = 2 + more.iter().map(|(_, n)| n).sum::<usize>();
        wait_until(60, &format!("{n} messages for {u}"), || {
            stack.messages(u).len() >= n
        });
    }
    // A prompt run after STOP and the answers: it adds nothing for anyone.
    let at = |sql: &str| -> chrono::DateTime<chrono::FixedOffset> {
        let text: String = store(d).query_row(sql, [], |r| r.get(0)).unwrap();
        chrono::DateTime::parse_from_rfc3339(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
    };
    let stop_at = at("SELECT received_at FROM inbound WHERE message_id = 'stop.rt1@acme.test'");
    wait_until(120, "a prompt run after the STOP", || {
        at("SELECT last_run_at FROM schedule_state WHERE job = 'prompts@UTC'") > stop_at
    });
    wait_until(60, "its mail sent", || {
        count(
            &store(d),
            "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')",
        ) == 0
    });
    for (u, more) in &expect {
        let mails = inbox(&stack, u);
        let k = kinds(&mails);
        eprintln!("roundtrip: {u} has {k:?}");
        let mut want: HashMap<String, usize> =
            [("intro".to_string(), 1), ("prompt".to_string(), 1)]
                .into_iter()
                .collect();
        for (kind, n) in more {
            want.insert(kind.to_string(), *n);
        }
        assert_eq!(k, want, "{u}");
        for m in &mails {
            // Answers to a person's own mail say so (RFC 3834); the rest is scheduled.
            let expected = match m.kind.as_str() {
                "confirmation" | "command" | "challenge" => "auto-replied",
                _ => "auto-generated",
            };
            assert_eq!(m.auto_submitted.as_deref(), Some(expected), "{u}");
            assert!(m.x_loop.is_some(), "{u}");
        }
    }
    let confirmation = inbox(&stack, &a.mentor)
        .into_iter()
        .find(|m| m.kind == "confirmation")
        .unwrap();
    assert!(confirmation.text.contains("45"), "{}", confirmation.text);
    let stranger = inbox(&stack, "outbound");
    eprintln!(
        "roundtrip: outbound/ (other domains) holds {} message(s)",
        stranger.len()
    );
    assert!(
        stranger.is_empty(),
        "the stranger was answered: {stranger:?}"
    );
    let notice = inbox(&stack, &b.mentor)
        .into_iter()
        .find(|m| m.kind == "command")
        .unwrap();
    assert!(notice.text.contains("was not logged"), "{}", notice.text);
    for partner in [&a.mentor, &a.mentee] {
        assert!(
            // Their address or their name; not the bare local part, which a random MIME
            // boundary can hold ("…cWcVdaN…" has "dan").
            !notice.raw.to_lowercase().contains(&format!("{partner}@"))
                && !notice.raw.contains(&name(partner)),
            "the notice names {partner}: {}",
            notice.raw
        );
    }
    // Nothing answers the auto-reply: no outbox row was made after it for its sender (the
    // notice that their partner stopped is about the STOP, not the auto-reply).
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM outbox WHERE recipient = '{}' AND kind NOT IN ('intro', 'prompt', 'partner_left')",
                from(&c.mentor)
            )
        ),
        0
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM outbox WHERE recipient LIKE '%{}%' AND kind = 'prompt'",
                from(&c.mentee)
            )
        ),
        1,
        "no prompt after STOP"
    );
    let mentoring = stack.messages("mentoring").len();
    eprintln!(
        "roundtrip: mentoring Maildir (served over IMAPS) holds {mentoring}; outbox {} sent; {} s",
        count(&db, "SELECT count(*) FROM outbox WHERE state = 'sent'"),
        started.elapsed().as_secs()
    );
    assert_eq!(mentoring, 7);

    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    assert_eq!(daemon.wait_exit(), Some(0));
}
