//! `upward ingest` and the daemon's inbound reader end to end, through the real binary and
//! the real store: Gmail-, Outlook- and Apple-shaped replies logged with confirmations,
//! commands (PAUSE UNTIL and its automatic end, STOP and silence after it, FORGET ME in two
//! steps), a spoofed sender and a forged token refused (exit 65, no answer to a stranger), a replay
//! recorded once, a Maildir delivery while `upward run` runs, the IMAP path against a real
//! Dovecot, and every file of the MIME corpus with a verdict and a reason.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use upward::outbound::token::{Purpose, TokenClaims, TokenKey};

use crate::util::{Daemon, MailStack, Ran, example_program, upward};

pub(crate) const SECRET: &str = "a test secret that signs reply tokens";

/// The example program, signing tokens with [`SECRET`] from the environment.
pub(crate) fn program() -> tempfile::TempDir {
    let dir = example_program();
    let path = dir.path().join("program.toml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "# secret_env = \"UPWARD_SECRET\"",
        "secret_env = \"UPWARD_SECRET\"",
    );
    assert!(
        text.contains("\nsecret_env = "),
        "the example names no secret_env"
    );
    std::fs::write(&path, text).unwrap();
    dir
}

pub(crate) fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = upward();
    cmd.args(args)
        .current_dir(dir)
        .env("UPWARD_SECRET", SECRET)
        .env("TEST_IMAP_PASSWORD", "secret")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

pub(crate) fn finish(cmd: &mut Command, input: &[u8]) -> Ran {
    let mut child = cmd.spawn().unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        // A refused write (the child exited early) is the child's business, not the test's.
        let _ = stdin.write_all(input);
    }
    let out = child.wait_with_output().unwrap();
    Ran {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `upward ingest --now NOW -` with `raw` on standard input.
fn ingest(dir: &Path, raw: &str, now: &str) -> Ran {
    finish(
        &mut command(dir, &["ingest", "--now", now, "-"]),
        raw.as_bytes(),
    )
}

/// Stores a round of pairs (`upward pair`).
pub(crate) fn pair_up(dir: &Path) {
    // The pairs begin with the program, before any reply these tests send.
    let ran = finish(
        &mut command(dir, &["pair", "--now", "2026-11-02T08:00:00Z"]),
        b"",
    );
    assert_eq!(ran.code, Some(0), "{}{}", ran.stdout, ran.stderr);
}

fn db(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join("var/upward.db")).unwrap()
}

pub(crate) fn count(dir: &Path, sql: &str) -> i64 {
    db(dir)
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

pub(crate) fn status(dir: &Path, email: &str) -> String {
    db(dir)
        .query_row(
            "SELECT status FROM participants WHERE email = ?1",
            [email],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{email}: {e}"))
}

/// A stored pair: its id and its partners' (id, address).
#[derive(Debug, Clone)]
pub(crate) struct Pair {
    pub(crate) id: i64,
    pub(crate) mentor: (i64, String),
    pub(crate) mentee: (i64, String),
}

pub(crate) fn pairs(dir: &Path) -> Vec<Pair> {
    pairs_in(&db(dir))
}

/// The active pairs of the database open in `db`, by id.
pub(crate) fn pairs_in(db: &rusqlite::Connection) -> Vec<Pair> {
    let mut stmt = db
        .prepare(
            "SELECT p.id, m.id, m.email, e.id, e.email FROM pairs p
             JOIN participants m ON m.id = p.mentor_id JOIN participants e ON e.id = p.mentee_id
             WHERE p.status = 'active' ORDER BY p.id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok(Pair {
            id: r.get(0)?,
            mentor: (r.get(1)?, r.get(2)?),
            mentee: (r.get(3)?, r.get(4)?),
        })
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

pub(crate) fn token(pair: i64, person: i64, purpose: Purpose) -> String {
    TokenKey::new(SECRET).sign(TokenClaims {
        pair: pair as u64,
        person: person as u64,
        purpose,
    })
}

/// The reply address of a prompt to `person` of `pair`, as a client may lowercase it.
pub(crate) fn reply_to(pair: i64, person: i64) -> String {
    format!(
        "mentoring+{}@acme.example",
        token(pair, person, Purpose::Reply)
    )
}

/// A plain reply from `from` to `to`.
pub(crate) fn plain(id: &str, from: &str, to: &str, body: &str) -> String {
    format!(
        "From: {from}\r\nTo: Acme Reverse Mentoring <{to}>\r\nSubject: Re: How did this week go?\r\nDate: Thu, 12 Nov 2026 18:04:00 +0000\r\nMessage-ID: <{id}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
        body.replace('\n', "\r\n")
    )
}

pub(crate) const NOW: &str = "2026-11-12T20:00:00Z";

fn gmail(from: &str, to: &str) -> String {
    format!(
        "From: Priya <{from}>\r\nTo: Acme Reverse Mentoring <{to}>\r\nSubject: Re: How did this week go?\r\nDate: Thu, 12 Nov 2026 12:04:00 +0000\r\nMessage-ID: <CAF+gmail.1@mail.gmail.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"000000000000a1b2c3\"\r\n\r\n--000000000000a1b2c3\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\nWe met yesterday for 45 minutes and talked about social media. I'd give it 4/5.\r\n\r\nOn Mon, Nov 9, 2026 at 9:00 AM Acme Reverse Mentoring <{to}> wrote:\r\n\r\n> How did this week go? Reply in your own words or fill in the form.\r\n>\r\n> Met:\r\n> Minutes:\r\n>\r\n--000000000000a1b2c3\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n\r\n<div dir=\"ltr\">We met yesterday for 45 minutes and talked about social media. I'd give it 4/5.</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On Mon, Nov 9, 2026 at 9:00 AM Acme Reverse Mentoring &lt;{to}&gt; wrote:<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex\">How did this week go?</blockquote></div>\r\n--000000000000a1b2c3--\r\n"
    )
}

fn outlook(from: &str, to: &str) -> String {
    format!(
        "From: Richard <{from}>\r\nTo: \"Acme Reverse Mentoring\" <{to}>\r\nSubject: RE: How did this week go?\r\nDate: Thu, 12 Nov 2026 17:30:00 +0000\r\nMessage-ID: <DB9PR01MB0001@eurprd01.prod.outlook.com>\r\nX-Auto-Response-Suppress: All\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=\"us-ascii\"\r\n\r\n<html><body><div>Met: yes<br>Date: 2026-11-10<br>Minutes: 60<br>Topics: ai tools<br>Rating: 5</div><div><br></div><hr style=\"display:inline-block;width:98%\"><div id=\"divRplyFwdMsg\"><b>From:</b> Acme Reverse Mentoring &lt;{to}&gt;<br><b>Sent:</b> Monday, November 9, 2026 9:00 AM<br><b>To:</b> Richard<br><b>Subject:</b> How did this week go?</div><div>How did this week go? Reply in your own words.</div></body></html>\r\n"
    )
}

fn apple(from: &str, to: &str) -> String {
    format!(
        "From: Lea <{from}>\r\nTo: {to}\r\nSubject: Re: How did this week go?\r\nDate: Thu, 12 Nov 2026 19:00:00 +0100\r\nMessage-ID: <8A2F-APPLE-1@icloud.com>\r\nMime-Version: 1.0 (1.0)\r\nContent-Type: text/plain; charset=us-ascii; format=flowed\r\nContent-Transfer-Encoding: 7bit\r\n\r\nWe didn't manage to meet this week, sorry. Next week!\r\n\r\nSent from my iPhone\r\n\r\n> On 9 Nov 2026, at 09:00, Acme Reverse Mentoring <{to}> wrote:\r\n>\r\n> How did this week go?\r\n"
    )
}

#[test]
fn gmail_outlook_and_apple_replies_are_logged_and_confirmed() {
    let dir = program();
    pair_up(dir.path());
    let p = pairs(dir.path());
    assert!(p.len() >= 3, "{p:?}");
    let (a, b, c) = (&p[0], &p[1], &p[2]);
    let replies = [
        gmail(&a.mentor.1, &reply_to(a.id, a.mentor.0).to_uppercase()),
        outlook(&b.mentee.1.to_uppercase(), &reply_to(b.id, b.mentee.0)),
        apple(&c.mentor.1, &reply_to(c.id, 0)),
    ];
    for raw in &replies {
        ingest(dir.path(), raw, NOW).expect_code(0);
    }
    let d = dir.path();
    assert_eq!(
        count(d, "SELECT count(*) FROM inbound WHERE status = 'processed'"),
        3
    );
    assert_eq!(count(d, "SELECT count(*) FROM sessions"), 2);
    assert_eq!(
        count(
            d,
            &format!(
                "SELECT minutes FROM sessions WHERE pair_id = {} AND date = '2026-11-11'",
                a.id
            )
        ),
        45
    );
    assert_eq!(
        count(
            d,
            &format!(
                "SELECT minutes FROM sessions WHERE pair_id = {} AND date = '2026-11-10'",
                b.id
            )
        ),
        60
    );
    assert_eq!(
        count(
            d,
            &format!(
                "SELECT count(*) FROM feedback WHERE pair_id = {} AND met = 0 AND session_id IS NULL",
                c.id
            )
        ),
        1
    );
    assert_eq!(
        count(d, "SELECT count(*) FROM feedback WHERE rating = 4"),
        1
    );
    assert_eq!(
        count(d, "SELECT count(*) FROM feedback WHERE rating = 5"),
        1
    );
    // One confirmation per report, to the partner who wrote it.
    for (pair, person, email) in [
        (a.id, a.mentor.0, &a.mentor.1),
        (b.id, b.mentee.0, &b.mentee.1),
        (c.id, c.mentor.0, &c.mentor.1),
    ] {
        assert_eq!(
            count(
                d,
                &format!(
                    "SELECT count(*) FROM outbox WHERE kind = 'confirmation' AND recipient = '{email}'
                     AND idempotency_key LIKE 'confirm:{pair}:{person}:%'"
                )
            ),
            1,
            "{email}"
        );
    }
}

#[test]
fn the_same_message_twice_is_one_row() {
    let dir = program();
    pair_up(dir.path());
    let a = pairs(dir.path()).remove(0);
    let raw = plain(
        "replay.1@example.net",
        &a.mentee.1,
        &reply_to(a.id, a.mentee.0),
        "Met: yes\nMinutes: 30",
    );
    ingest(dir.path(), &raw, NOW).expect_code(0);
    ingest(dir.path(), &raw, NOW).expect_code(0);
    let d = dir.path();
    assert_eq!(count(d, "SELECT count(*) FROM inbound"), 1);
    assert_eq!(count(d, "SELECT count(*) FROM feedback"), 1);
    assert_eq!(count(d, "SELECT count(*) FROM outbox"), 1);
}

/// `upward export FORMAT WHAT` as JSON lines.
fn export_json(dir: &Path, what: &str) -> Vec<serde_json::Value> {
    let ran = finish(
        &mut command(dir, &["export", what, "--format", "json"]),
        b"",
    );
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    ran.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The data-loss bug of the session log (invariant 6): "we met today for 45 minutes",
/// then the next day "no, we have not met this week" deleted the logged meeting; and a
/// correction two days later became a second session. Now the no-meeting report is one of
/// its own, and a reply to the confirmation changes only what it states.
#[test]
fn a_no_meeting_report_the_next_day_keeps_the_meeting_and_a_correction_changes_only_minutes() {
    let mentor = Partner::having_reported(
        false,
        "met.1@example.net",
        "We met today for 45 minutes and talked about AI tools.",
    );
    let d = mentor.dir.path();
    let before = export_json(d, "sessions");
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(before[0]["minutes"], 45, "numbers stay numbers");
    assert_eq!(before[0]["date"], "2026-11-12");

    mentor.send(
        "no.1@example.net",
        "Fri, 13 Nov 2026 09:00:00 +0000",
        "2026-11-13T09:05:00Z",
        "",
        "No, we have not met this week",
    );
    let after = export_json(d, "sessions");
    assert_eq!(after, before, "the meeting is still logged, as it was");
    assert_eq!(after[0]["retracted"], false);
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM feedback WHERE met = 0 AND session_id IS NULL"
        ),
        1,
        "the no-meeting report is kept as one of its own"
    );

    // Two days later, a reply to the confirmation of the first report.
    let thread = answering_confirmation_of(d, "met.1@example.net");
    mentor.send(
        "fix.1@example.net",
        "Sun, 15 Nov 2026 10:00:00 +0000",
        "2026-11-15T10:05:00Z",
        &thread,
        "sorry, 60 minutes not 45",
    );
    let fixed = export_json(d, "sessions");
    assert_eq!(fixed.len(), 1, "no second session: {fixed:?}");
    let mut expected = before[0].clone();
    expected["minutes"] = 60.into();
    assert_eq!(fixed[0], expected, "only the minutes changed");

    let history = export_json(d, "history");
    let kinds: Vec<(&str, &str)> = history
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap(),
                h["message_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("report", "met.1@example.net"),
            ("no_meeting", "no.1@example.net"),
            ("correction", "fix.1@example.net"),
        ]
    );
    assert_eq!(
        history[2]["changes"]["session.minutes"],
        serde_json::json!([45, 60]),
        "{history:?}"
    );
    // This mentor reads French: the first of her languages the program writes.
    let body = last_confirmation(d);
    assert!(body.contains("comme une correction de votre"), "{body}");
    assert!(body.contains("(minutes) : 60"), "{body}");
}

/// The kinds of the session history's entries, in order.
fn history_kinds(dir: &Path) -> Vec<String> {
    export_json(dir, "history")
        .iter()
        .map(|h| h["kind"].as_str().unwrap().to_string())
        .collect()
}

/// A partner of the example program's first pair, replying to the program.
struct Partner {
    dir: tempfile::TempDir,
    from: String,
    to: String,
}

impl Partner {
    /// The first pair's mentor (or mentee) of a new example program.
    fn of_the_first_pair(mentee: bool) -> Partner {
        let dir = program();
        pair_up(dir.path());
        let a = pairs(dir.path()).remove(0);
        let (id, from) = if mentee { a.mentee } else { a.mentor };
        Partner {
            to: reply_to(a.id, id),
            from,
            dir,
        }
    }

    /// As [`Partner::of_the_first_pair`], having sent message `id` saying `body` on
    /// Thursday 12 November 2026 ([`NOW`]).
    fn having_reported(mentee: bool, id: &str, body: &str) -> Partner {
        let partner = Partner::of_the_first_pair(mentee);
        partner.send(id, "Thu, 12 Nov 2026 18:04:00 +0000", NOW, "", body);
        partner
    }

    /// Ingests message `id`, sent at `date` (RFC 2822) with `thread` headers, at `now`.
    fn send(&self, id: &str, date: &str, now: &str, thread: &str, body: &str) {
        self.send_to(&self.to, id, date, now, thread, body);
    }

    /// As [`Partner::send`], to the address `to`.
    fn send_to(&self, to: &str, id: &str, date: &str, now: &str, thread: &str, body: &str) {
        let from = &self.from;
        let raw = format!(
            "From: {from}\r\nTo: <{to}>\r\nSubject: Re: How did this week go?\r\nDate: {date}\r\nMessage-ID: <{id}>\r\n{thread}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n",
            body.replace('\n', "\r\n")
        );
        ingest(self.dir.path(), &raw, now).expect_code(0);
    }
}

/// `In-Reply-To` and `References` headers answering the confirmation of the report that
/// came in message `report`.
fn answering_confirmation_of(dir: &Path, report: &str) -> String {
    let confirmation: String = db(dir)
        .query_row(
            "SELECT o.message_id FROM outbox o JOIN inbound i
               ON o.idempotency_key LIKE 'confirm:%:' || i.id
             WHERE i.message_id = ?1",
            [report],
            |r| r.get(0),
        )
        .unwrap();
    format!("In-Reply-To: {confirmation}\r\nReferences: {confirmation}\r\n")
}

/// The text of the confirmation queued last (quoted-printable soft breaks joined).
fn last_confirmation(dir: &Path) -> String {
    let body: Vec<u8> = db(dir)
        .query_row(
            "SELECT b.body FROM outbox o JOIN outbox_body b ON b.outbox_id = o.id WHERE o.kind = 'confirmation' ORDER BY o.id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    String::from_utf8_lossy(&body).replace("=\r\n", "")
}

/// Invariant 6: a reply to a confirmation's address whose mail client dropped the thread
/// headers is still that report's correction: the confirmation's reply token names it.
#[test]
fn a_reply_to_a_confirmations_address_without_thread_headers_corrects_its_report() {
    let mentor = Partner::having_reported(
        false,
        "t.1@example.net",
        "Met: yes\nMinutes: 45\nTopics: ai tools",
    );
    let d = mentor.dir.path();
    let body = last_confirmation(d);
    let reply_to = body
        .lines()
        .find_map(|l| l.strip_prefix("Reply-To: "))
        .and_then(|v| v.split_once('<'))
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_string())
        .unwrap_or_else(|| panic!("no Reply-To in {body}"));
    assert_ne!(
        reply_to, mentor.to,
        "the confirmation's token names its report"
    );
    mentor.send_to(
        &reply_to,
        "t.2@example.net",
        "Sun, 15 Nov 2026 10:00:00 +0000",
        "2026-11-15T10:05:00Z",
        "",
        "Minutes: 60",
    );
    let sessions = export_json(d, "sessions");
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    assert_eq!(sessions[0]["minutes"], 60);
    assert_eq!(sessions[0]["date"], "2026-11-12");
    let kinds = history_kinds(d);
    assert_eq!(kinds, ["report", "correction"]);
}

/// Invariant 6: a correction in words only ("actually it was Monday") changes the date of
/// the sender's latest report, and "we didn't meet after all" in reply to the confirmation
/// marks the session retracted: still exported, out of the figures.
#[test]
fn a_correction_in_words_changes_the_date_and_a_retraction_marks_the_session() {
    let mentee = Partner::having_reported(
        true,
        "r.1@example.net",
        "Met: yes\nDate: 2026-11-10\nMinutes: 30",
    );
    let d = mentee.dir.path();
    mentee.send(
        "r.2@example.net",
        "Fri, 13 Nov 2026 09:00:00 +0000",
        "2026-11-13T09:05:00Z",
        "",
        "Actually, it was on Monday.",
    );
    let sessions = export_json(d, "sessions");
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    assert_eq!(
        (&sessions[0]["date"], &sessions[0]["minutes"]),
        (&"2026-11-09".into(), &30.into())
    );

    let thread = answering_confirmation_of(d, "r.1@example.net");
    mentee.send(
        "r.3@example.net",
        "Sat, 14 Nov 2026 09:00:00 +0000",
        "2026-11-14T09:05:00Z",
        &thread,
        "We didn't meet after all.",
    );
    let sessions = export_json(d, "sessions");
    assert_eq!(sessions.len(), 1, "kept in the log: {sessions:?}");
    assert_eq!(sessions[0]["retracted"], true);
    assert_eq!(sessions[0]["minutes"], 30);
    assert_eq!(count(d, "SELECT sessions FROM totals"), 0);
    let kinds = history_kinds(d);
    assert_eq!(kinds, ["report", "correction", "retraction"]);
    let body = last_confirmation(d);
    assert!(body.contains("did not meet after all"), "{body}");
}

#[test]
fn a_spoofed_sender_is_refused_and_never_answered() {
    let dir = program();
    pair_up(dir.path());
    let a = pairs(dir.path()).remove(0);
    let to = reply_to(a.id, a.mentee.0);
    let first = plain(
        "spoof.1@evil.example",
        "Mallory <mallory@evil.example>",
        &to,
        "Met: yes",
    );
    let ran = ingest(dir.path(), &first, NOW).expect_code(65);
    assert!(
        ran.stderr.contains("not a participant of the pair"),
        "{}",
        ran.stderr
    );
    // Security review, finding 7: 20 forged strangers on one valid token got 20 notices.
    for n in 0..20 {
        let spoof = plain(
            &format!("spoof.{n}.2@evil.example"),
            &format!("victim{n}@elsewhere.example"),
            &to,
            "Met: yes",
        );
        ingest(dir.path(), &spoof, "2026-11-12T22:00:00Z").expect_code(65);
    }
    let d = dir.path();
    assert_eq!(count(d, "SELECT count(*) FROM feedback"), 0);
    assert_eq!(
        count(d, "SELECT count(*) FROM inbound WHERE status = 'refused'"),
        21
    );
    // A stranger's From may be forged: a notice would be backscatter.
    assert_eq!(
        count(d, "SELECT count(*) FROM outbox"),
        0,
        "a stranger was answered"
    );
}

#[test]
fn a_forged_token_is_refused() {
    let dir = program();
    pair_up(dir.path());
    let a = pairs(dir.path()).remove(0);
    let good = token(a.id, a.mentor.0, Purpose::Reply);
    let forged: String = good.chars().rev().collect::<String>();
    let raw = plain(
        "forged.1@example.net",
        &a.mentor.1,
        &format!("mentoring+{forged}@acme.example"),
        "Met: yes",
    );
    let ran = ingest(dir.path(), &raw, NOW).expect_code(65);
    assert!(ran.stderr.contains("did not sign"), "{}", ran.stderr);
    assert_eq!(count(dir.path(), "SELECT count(*) FROM sessions"), 0);
}

#[test]
fn pause_until_a_date_ends_by_itself_on_that_day() {
    let dir = program();
    pair_up(dir.path());
    let a = pairs(dir.path()).remove(0);
    let d = dir.path();
    let pause = plain(
        "pause.1@example.net",
        &a.mentor.1,
        &reply_to(a.id, a.mentor.0),
        "PAUSE UNTIL 2026-11-30\n\nOff on holiday.",
    );
    ingest(d, &pause, NOW).expect_code(0);
    assert_eq!(status(d, &a.mentor.1), "paused");
    assert_eq!(
        count(d, "SELECT count(*) FROM outbox WHERE kind = 'command'"),
        1,
        "the command is answered"
    );
    // Any later ingest is an inbound tick: before the day the pause holds, on it it ends.
    let help = |id: &str| plain(id, &a.mentee.1, &reply_to(a.id, a.mentee.0), "HELP");
    ingest(d, &help("help.1@example.net"), "2026-11-29T12:00:00Z").expect_code(0);
    assert_eq!(status(d, &a.mentor.1), "paused");
    ingest(d, &help("help.2@example.net"), "2026-11-30T08:00:00Z").expect_code(0);
    assert_eq!(status(d, &a.mentor.1), "active");
    assert_eq!(
        count(d, "SELECT count(*) FROM events WHERE kind = 'resumed'"),
        1
    );
}

#[test]
fn after_stop_nothing_is_sent_but_the_answer_to_stop() {
    let dir = program();
    pair_up(dir.path());
    let a = pairs(dir.path()).remove(0);
    let d = dir.path();
    let to = reply_to(a.id, a.mentee.0);
    let who = &a.mentee.1;
    ingest(
        d,
        &plain("r.1@example.net", who, &to, "Met: yes\nMinutes: 20"),
        NOW,
    )
    .expect_code(0);
    ingest(d, &plain("stop.1@example.net", who, &to, "STOP"), NOW).expect_code(0);
    assert_eq!(status(d, who), "stopped");
    assert_eq!(
        count(
            d,
            &format!(
                "SELECT count(*) FROM pairs WHERE id = {} AND status = 'ended'",
                a.id
            )
        ),
        1
    );
    // A later report on the old thread is that ended pair's meeting, logged late; nothing
    // answers it (they stopped).
    ingest(d, &plain("r.2@example.net", who, &to, "Met: yes"), NOW).expect_code(0);

    // The daemon's sender delivers what is queued: for them, only the answer to STOP.
    let mut daemon = Daemon::start_with_env(d, &[("UPWARD_SECRET", SECRET.as_ref())]);
    daemon.wait_for("upward is running");
    drained(d);
    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    let mut sent_to_them = Vec::new();
    for entry in std::fs::read_dir(d.join("var/outbox")).unwrap() {
        let path = entry.unwrap().path();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{} is not private", path.display());
        let text = std::fs::read_to_string(&path).unwrap();
        let to_line = text.lines().find(|l| l.starts_with("To:")).unwrap_or("");
        if to_line.to_lowercase().contains(who.as_str()) {
            sent_to_them.push(text);
        }
    }
    assert_eq!(sent_to_them.len(), 1, "{sent_to_them:#?}");
    assert!(sent_to_them[0].contains("STOP"));
    assert_eq!(
        count(
            d,
            &format!(
                "SELECT count(*) FROM outbox WHERE kind = 'confirmation' AND state = 'suppressed' AND recipient = '{who}'"
            )
        ),
        2,
        "the confirmations of both reports, held back after STOP"
    );
}

#[test]
fn forget_me_asks_for_confirmation_then_erases_the_person() {
    let dir = program();
    pair_up(dir.path());
    let a = pairs(dir.path()).remove(0);
    let d = dir.path();
    let to = reply_to(a.id, a.mentor.0);
    let who = a.mentor.1.clone();
    ingest(
        d,
        &plain(
            "n.1@example.net",
            &who,
            &to,
            "Met: yes\nRating: 5\nNotes: my own words",
        ),
        NOW,
    )
    .expect_code(0);
    ingest(d, &plain("f.1@example.net", &who, &to, "FORGET ME"), NOW).expect_code(0);
    assert_eq!(
        status(d, &who),
        "active",
        "nothing is erased before the confirmation"
    );
    assert_eq!(
        count(d, "SELECT count(*) FROM feedback WHERE notes IS NOT NULL"),
        1
    );
    // A second FORGET ME from the address is no confirmation (anyone can forge one): only
    // a reply to the email that asked, whose address carries a single-use token.
    ingest(
        d,
        &plain("f.2@example.net", &who, &to, "Forget me"),
        "2026-11-14T09:00:00Z",
    )
    .expect_code(0);
    assert_eq!(status(d, &who), "active");
    let request = count(d, "SELECT max(id) FROM confirmations");
    let confirm = format!(
        "mentoring+{}@acme.example",
        token(request, a.mentor.0, Purpose::Confirm)
    );
    ingest(
        d,
        &plain("f.3@example.net", &who, &confirm, "FORGET ME"),
        "2026-11-14T09:00:00Z",
    )
    .expect_code(0);
    let id = a.mentor.0;
    assert_eq!(
        count(
            d,
            &format!("SELECT count(*) FROM participants WHERE email = '{who}'")
        ),
        0
    );
    assert_eq!(
        count(
            d,
            &format!(
                "SELECT count(*) FROM participants WHERE id = {id} AND status = 'forgotten' AND email = 'forgotten-{id}@invalid'"
            )
        ),
        1
    );
    assert_eq!(
        count(d, "SELECT count(*) FROM feedback WHERE notes IS NOT NULL"),
        0
    );
    assert_eq!(
        count(d, "SELECT count(*) FROM feedback WHERE rating = 5"),
        1,
        "counts stay"
    );
    assert_eq!(
        count(
            d,
            &format!("SELECT count(*) FROM inbound WHERE sender = '{who}' OR raw IS NOT NULL")
        ),
        0
    );
    assert_eq!(
        count(
            d,
            &format!(
                "SELECT count(*) FROM pairs WHERE id = {} AND status = 'ended'",
                a.id
            )
        ),
        1
    );
}

#[test]
fn a_maildir_delivery_while_the_daemon_runs_is_committed_then_moved_to_cur() {
    let dir = program();
    pair_up(dir.path());
    let a = pairs(dir.path()).remove(0);
    let d = dir.path();
    let mut daemon = Daemon::start_with_env(d, &[("UPWARD_SECRET", SECRET.as_ref())]);
    daemon.wait_for("reading replies from the Maildir");
    let raw = plain(
        "md.1@example.net",
        &a.mentee.1,
        &reply_to(a.id, a.mentee.0),
        "Met: yes\nMinutes: 50\nRating: 4",
    );
    let name = "1763000000.M1P1.test";
    let inbox = deliver(d, name, &raw);
    daemon.wait_for("maildir batch committed");
    assert!(inbox.join("cur").join(format!("{name}:2,S")).exists());
    assert_eq!(std::fs::read_dir(inbox.join("new")).unwrap().count(), 0);
    assert_eq!(count(d, "SELECT minutes FROM sessions"), 50);
    // The confirmation, drafted in the commit, is composed once nothing more waits.
    daemon.wait_for("drafted answers composed into the outbox");
    assert_eq!(
        count(d, "SELECT count(*) FROM outbox WHERE kind = 'confirmation'"),
        1
    );
    assert_eq!(count(d, "SELECT count(*) FROM drafts"), 0);
    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    assert_eq!(daemon.wait_exit(), Some(0));
}

/// Delivers `raw` into the daemon's Maildir as a mail server does (written to `tmp/`, then
/// moved into `new/`); returns the Maildir.
pub(crate) fn deliver(d: &Path, name: &str, raw: &str) -> PathBuf {
    let inbox = d.join("var/inbox");
    std::fs::write(inbox.join("tmp").join(name), raw).unwrap();
    std::fs::rename(inbox.join("tmp").join(name), inbox.join("new").join(name)).unwrap();
    inbox
}

/// CPU time (user + system, in clock ticks) the process `pid` has used so far.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command name (which may hold spaces) start after the last ')'.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// Waits until no email is pending or being sent.
pub(crate) fn drained(d: &Path) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while count(
        d,
        "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')",
    ) > 0
    {
        assert!(Instant::now() < deadline, "the outbox did not drain");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_idle_daemon_rests_and_wakes_at_once_for_a_delivery_or_a_commit() {
    let dir = program();
    pair_up(dir.path());
    let a = pairs(dir.path()).remove(0);
    let d = dir.path();
    let log = "info,upward::inbound::source::maildir=trace,upward::outbound::sender=debug";
    let mut daemon = Daemon::start_with_env(
        d,
        &[
            ("UPWARD_SECRET", SECRET.as_ref()),
            ("UPWARD_LOG", log.as_ref()),
        ],
    );
    daemon.wait_for("reading replies from the Maildir");
    drained(d);
    std::thread::sleep(Duration::from_secs(1));

    // Idle: nothing arrives for four seconds.
    let lines = |daemon: &mut Daemon, needle: &str| {
        daemon
            .log_so_far()
            .lines()
            .filter(|l| l.contains(needle))
            .count()
    };
    let listed = lines(&mut daemon, "listed new/");
    let waited = lines(&mut daemon, "nothing due in the outbox");
    let ticks = cpu_ticks(daemon.child.id());
    std::thread::sleep(Duration::from_secs(4));
    let listed = lines(&mut daemon, "listed new/") - listed;
    let waited = lines(&mut daemon, "nothing due in the outbox") - waited;
    let used = cpu_ticks(daemon.child.id()) - ticks;
    // The Maildir rescan is every 30 s and the sender's safety net every 60 s: at most one
    // look each in four idle seconds (and zero when neither came round).
    assert!(
        listed <= 1,
        "the idle reader listed new/ {listed} times in 4 s"
    );
    assert!(
        waited <= 1,
        "the idle sender looked at the outbox {waited} times in 4 s"
    );
    // A clock tick is 10 ms: 20 ticks is 5% of a core over 4 s, far above a resting daemon
    // and far below a loop that wakes itself.
    assert!(
        used <= 20,
        "the idle daemon used {used} ticks of CPU in 4 s"
    );

    // A commit by another process (the mail server running `upward ingest`) wakes the
    // sender at once, long before its 60-second safety net.
    let started = Instant::now();
    ingest(
        d,
        &plain(
            "idle.1@example.net",
            &a.mentor.1,
            &reply_to(a.id, a.mentor.0),
            "Met: yes\nMinutes: 30",
        ),
        NOW,
    )
    .expect_code(0);
    drained(d);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "the confirmation waited {:?} for the sender",
        started.elapsed()
    );

    // A delivery wakes the reader at once, long before its 30-second rescan.
    let started = Instant::now();
    let raw = plain(
        "idle.2@example.net",
        &a.mentee.1,
        &reply_to(a.id, a.mentee.0),
        "Met: yes\nMinutes: 30",
    );
    deliver(d, "1763000001.M1P1.test", &raw);
    daemon.wait_for("maildir batch committed");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "the delivery waited {:?} for the reader",
        started.elapsed()
    );
    drained(d);
    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    assert_eq!(daemon.wait_exit(), Some(0));
}

/// A program of one pair (Alice mentors Bob) that reads replies from `stack`'s `mentoring`
/// INBOX over IMAPS, paired up.
fn imap_program(d: &Path, stack: &MailStack) {
    std::fs::write(
        d.join("program.toml"),
        format!(
            r#"
[program]
name = "IMAP pilot"
coordinator = "hr@acme.test"
from = "Mentoring <mentoring@acme.test>"
reply_to = "mentoring+{{token}}@acme.test"
timezone = "Europe/London"
start = 2026-11-02
end = 2027-04-30
secret_env = "UPWARD_SECRET"

[[participants]]
name = "Alice Ng"
email = "alice@acme.test"
role = "mentor"
level = 1
department = "Sales"

[[participants]]
name = "Bob Ode"
email = "bob@acme.test"
role = "mentee"
level = 6
department = "Finance"

[inbound.imap]
host = "127.0.0.1"
port = {port}
security = "tls"
username = "mentoring"
password_env = "TEST_IMAP_PASSWORD"
folder = "INBOX"
ca_file = "{ca}"
poll_seconds = 5
"#,
            port = stack.imaps_port,
            ca = stack.ca_file().display()
        ),
    )
    .unwrap();
    pair_up(d);
}

/// A mail stack and a program reading its `mentoring` INBOX, with the program's one pair;
/// `None` where Postfix and Dovecot are not installed (outside CI).
fn imap_world() -> Option<(MailStack, tempfile::TempDir, Pair)> {
    let stack = MailStack::start()?;
    let dir = tempfile::tempdir().unwrap();
    imap_program(dir.path(), &stack);
    let pair = pairs(dir.path()).remove(0);
    Some((stack, dir, pair))
}

/// The daemon, reading `stack` over IMAP with the test password.
fn imap_daemon(d: &Path) -> Daemon {
    Daemon::start_with_env(
        d,
        &[
            ("UPWARD_SECRET", SECRET.as_ref()),
            ("TEST_IMAP_PASSWORD", "secret".as_ref()),
        ],
    )
}

#[test]
fn the_imap_reader_logs_a_reply_and_marks_it_seen_only_after_commit() {
    let Some((stack, dir, p)) = imap_world() else {
        return;
    };
    let d = dir.path();
    let to = format!(
        "mentoring+{}@acme.test",
        token(p.id, p.mentee.0, Purpose::Reply)
    );
    stack.send(
        "bob@acme.test",
        &to,
        "Re: How did this week go?",
        "Met: yes\nMinutes: 35\nRating: 5",
        &[],
    );
    stack.wait_delivered("mentoring", 1);
    let mut daemon = imap_daemon(d);
    daemon.wait_for("imap mailbox selected");
    daemon.wait_for("imap batch committed");
    assert_eq!(count(d, "SELECT minutes FROM sessions"), 35);
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM inbound WHERE source = 'imap' AND status = 'processed'"
        ),
        1
    );
    // Its confirmation is composed once the reader has read what was waiting.
    daemon.wait_for("drafted answers composed into the outbox");
    assert_eq!(
        count(d, "SELECT count(*) FROM outbox WHERE kind = 'confirmation'"),
        1
    );
    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    assert_eq!(daemon.wait_exit(), Some(0));

    // The server has it flagged \Seen: nothing unseen is left.
    let settings = upward::config::ImapSettings {
        host: "127.0.0.1".into(),
        port: stack.imaps_port,
        security: upward::config::Security::Tls,
        username: "mentoring".into(),
        password: upward::config::SecretSource::Env {
            var: "TEST_IMAP_PASSWORD".into(),
            value: upward::config::Secret::new("secret"),
        },
        folder: "INBOX".into(),
        processed_folder: None,
        ca_file: Some(stack.ca_file()),
        poll_seconds: 60,
        reconnect_max_seconds: 60,
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let mut mb = upward::inbound::source::imap::ImapMailbox::connect(&settings)
            .await
            .unwrap();
        assert!(mb.fetch_unseen(10).await.unwrap().is_empty());
        mb.logout().await;
    });
}

pub(crate) fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/mime")
}

pub(crate) fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.file_name().is_some_and(|n| n != "README.md") {
            out.push(path);
        }
    }
}

#[test]
fn every_mime_corpus_file_gets_a_verdict_with_a_reason_and_no_panic() {
    let dir = program();
    pair_up(dir.path());
    let d = dir.path();
    let mut all = Vec::new();
    files(&corpus(), &mut all);
    all.sort();
    assert!(all.len() > 200, "the corpus has {} files", all.len());
    let mut codes = std::collections::BTreeMap::new();
    for path in &all {
        let before = count(d, "SELECT count(*) FROM inbound");
        let raw = std::fs::read(path).unwrap();
        let ran = finish(&mut command(d, &["ingest", "--now", NOW, "-"]), &raw);
        let after = count(d, "SELECT count(*) FROM inbound");
        let name = path.display();
        match ran.code {
            Some(0) => {
                // Recorded now, or a duplicate of a file recorded before (the corpus has
                // copies of one message in several line-ending forms).
                assert!(
                    after == before + 1 || ran.stderr.contains("already ingested"),
                    "{name}: exit 0 without a record\n{}",
                    ran.stderr
                );
            }
            Some(65) => {
                assert_eq!(after, before + 1, "{name}: refused without a record");
                assert!(ran.stderr.contains("refused:"), "{name}: {}", ran.stderr);
            }
            Some(75) => {
                assert_eq!(
                    after, before,
                    "{name}: a temporary failure must record nothing"
                );
                assert!(
                    ran.stderr.contains("try again later:"),
                    "{name}: {}",
                    ran.stderr
                );
            }
            other => panic!("{name}: exit {other:?}\n{}", ran.stderr),
        }
        assert!(
            !ran.stderr.contains("panicked") && !ran.stderr.contains("a panic;"),
            "{name}: {}",
            ran.stderr
        );
        *codes.entry(ran.code.unwrap_or(-1)).or_insert(0) += 1;
    }
    // Every recorded message has a reason unless it was acted on as a person's mail.
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM inbound WHERE status <> 'processed' AND (reason IS NULL OR reason = '')"
        ),
        0
    );
    eprintln!("exit codes over the corpus: {codes:?}");
}

#[test]
fn cut_off_input_or_a_locked_database_asks_the_mta_to_try_again() {
    let dir = program();
    pair_up(dir.path());
    let d = dir.path();
    let ran = ingest(d, "From: a@b.example\r\nReceived:\r\n\t", NOW).expect_code(75);
    assert!(ran.stderr.contains("try again later"), "{}", ran.stderr);
    assert_eq!(count(d, "SELECT count(*) FROM inbound"), 0);

    let a = pairs(d).remove(0);
    let raw = plain(
        "locked.1@example.net",
        &a.mentor.1,
        &reply_to(a.id, a.mentor.0),
        "Met: yes\nMinutes: 25",
    );
    // Another process holds the write lock past the busy timeout: nothing is committed,
    // and the MTA is told to retry; once the lock is gone, the retry goes through.
    let holder = db(d);
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let ran = ingest(d, &raw, NOW).expect_code(75);
    assert!(
        ran.stderr.contains("locked") || ran.stderr.contains("busy"),
        "{}",
        ran.stderr
    );
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(count(d, "SELECT count(*) FROM inbound"), 0);
    ingest(d, &raw, NOW).expect_code(0);
    assert_eq!(count(d, "SELECT minutes FROM sessions"), 25);
}

#[test]
fn mail_from_our_own_address_is_dropped_without_an_answer_or_a_bounce() {
    let dir = program();
    pair_up(dir.path());
    let a = pairs(dir.path()).remove(0);
    let raw = plain(
        "loop.1@acme.example",
        "Acme Reverse Mentoring <mentoring@acme.example>",
        &reply_to(a.id, a.mentor.0),
        "Met: yes",
    );
    let ran = ingest(dir.path(), &raw, NOW).expect_code(0);
    assert!(ran.stderr.contains("dropped"), "{}", ran.stderr);
    let d = dir.path();
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM inbound WHERE status = 'refused' AND classification = 'rejected'"
        ),
        1
    );
    assert_eq!(count(d, "SELECT count(*) FROM outbox"), 0);
}

/// Runs `doveadm` against the stack's Dovecot.
fn doveadm(stack: &MailStack, args: &[&str]) {
    let out = Command::new("doveadm")
        .arg("-c")
        .arg(stack.dir.path().join("dovecot.conf"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "doveadm {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// R8: the server's mailbox is rebuilt under the daemon (a restore: a new UIDVALIDITY, the
/// \Seen flags lost) and the connection dropped. The daemon reconnects, says the UIDVALIDITY
/// changed, reads the old reply again without logging it twice, logs the new one, and
/// leaves nothing unseen.
#[test]
fn an_imap_mailbox_rebuilt_with_a_new_uidvalidity_is_read_again_and_nothing_is_logged_twice() {
    let Some((stack, dir, p)) = imap_world() else {
        return;
    };
    let d = dir.path();
    let reply = |(person, from): &(i64, String), body: &str| {
        let to = format!(
            "mentoring+{}@acme.test",
            token(p.id, *person, Purpose::Reply)
        );
        stack.send(from, &to, "Re: How did this week go?", body, &[]);
    };
    reply(&p.mentee, "Met: yes\nMinutes: 35\nRating: 5");
    stack.wait_delivered("mentoring", 1);
    let mut daemon = imap_daemon(d);
    daemon.wait_for("imap batch committed");
    assert_eq!(count(d, "SELECT count(*) FROM inbound"), 1);

    // The restore: a new UIDVALIDITY, every flag gone, a new reply, the session dropped.
    doveadm(
        &stack,
        &[
            "mailbox",
            "update",
            "-u",
            "mentoring",
            "--uid-validity",
            "77",
            "INBOX",
        ],
    );
    doveadm(
        &stack,
        &[
            "flags",
            "remove",
            "-u",
            "mentoring",
            "\\Seen",
            "mailbox",
            "INBOX",
            "all",
        ],
    );
    reply(&p.mentor, "Met: yes\nMinutes: 40\nRating: 4");
    stack.wait_delivered("mentoring", 2);
    doveadm(&stack, &["kick", "mentoring"]);

    daemon.wait_for("UIDVALIDITY changed");
    daemon.wait_for("imap batch committed");
    assert_eq!(
        count(d, "SELECT count(*) FROM inbound"),
        2,
        "the old reply read again is recognised, not logged twice"
    );
    assert_eq!(
        count(d, "SELECT count(DISTINCT message_id) FROM inbound"),
        2
    );
    assert_eq!(count(d, "SELECT count(*) FROM sessions"), 1);
    assert_eq!(count(d, "SELECT count(*) FROM feedback"), 2);
    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    assert_eq!(daemon.wait_exit(), Some(0));

    // Both are \Seen again on the server.
    let unseen = std::fs::read_dir(stack.maildir("mentoring").join("cur"))
        .unwrap()
        .chain(std::fs::read_dir(stack.maildir("mentoring").join("new")).unwrap())
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            !name
                .split_once(":2,")
                .is_some_and(|(_, flags)| flags.contains('S'))
        })
        .count();
    assert_eq!(unseen, 0);
}

/// Security review, finding 5 (CSV injection): a participant's name and a reply's notes that
/// begin like a formula come out of `export --format csv` quoted as text, and exact in JSON.
#[test]
fn export_csv_writes_formula_like_names_and_notes_as_text() {
    let dir = program();
    let d = dir.path();
    let evil_name = "=HYPERLINK(\"https://evil.example\",\"Priya\")";
    let csv = d.join("participants.csv");
    let people = std::fs::read_to_string(&csv).unwrap();
    assert!(people.contains("\nPriya Raman,"));
    std::fs::write(
        &csv,
        people.replace(
            "\nPriya Raman,",
            &format!("\n\"{}\",", evil_name.replace('"', "\"\"")),
        ),
    )
    .unwrap();
    let toml = d.join("program.toml");
    let text = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("hr_feedback = \"aggregate\"", "hr_feedback = \"quotes\"");
    std::fs::write(&toml, text).unwrap();
    pair_up(d);
    let a = pairs(d).remove(0);
    let notes = "@SUM(1+1)*cmd|' /C calc'!A0";
    ingest(
        d,
        &plain(
            "csv.1@example.net",
            &a.mentor.1,
            &reply_to(a.id, a.mentor.0),
            &format!("Met: yes\nRating: 5\nNotes: {notes}"),
        ),
        NOW,
    )
    .expect_code(0);

    let export = |what: &str, format: &str| {
        let ran = finish(&mut command(d, &["export", what, "--format", format]), b"");
        assert_eq!(ran.code, Some(0), "{}", ran.stderr);
        ran.stdout
    };
    let cells = |out: &str| -> Vec<String> {
        csv::Reader::from_reader(out.as_bytes())
            .records()
            .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
            .collect()
    };
    let pairs_csv = cells(&export("pairs", "csv"));
    assert!(
        pairs_csv.contains(&format!("'{evil_name}")),
        "{pairs_csv:?}"
    );
    let feedback_csv = cells(&export("feedback", "csv"));
    assert!(
        feedback_csv.contains(&format!("'{notes}")),
        "{feedback_csv:?}"
    );
    for cell in pairs_csv.iter().chain(&feedback_csv) {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a cell a spreadsheet would run: {cell:?}"
        );
    }
    // JSON stays exact.
    let json = export("feedback", "json");
    let row: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(row["notes"], notes, "{json}");
    assert!(export("pairs", "json").contains(&serde_json::to_string(evil_name).unwrap()));
}

/// Security review, finding 7: with two `From` headers the last one used to be taken as the
/// sender. A message naming other than exactly one sender is quarantined with its reason and
/// logs nothing, whichever of the two is a participant.
#[test]
fn a_message_with_two_senders_is_quarantined_and_logs_nothing() {
    let dir = program();
    let d = dir.path();
    pair_up(d);
    let a = pairs(d).remove(0);
    let to = reply_to(a.id, a.mentor.0);
    for (n, from) in [
        format!("From: mallory@evil.example\r\nFrom: {}", a.mentor.1),
        format!("From: {}\r\nFrom: mallory@evil.example", a.mentor.1),
        format!("From: {}, mallory@evil.example", a.mentor.1),
    ]
    .iter()
    .enumerate()
    {
        let raw = plain(
            &format!("two.{n}@example.net"),
            "x",
            &to,
            "Met: yes\nRating: 5",
        )
        .replacen("From: x", from, 1);
        let ran = ingest(d, &raw, NOW);
        assert!(ran.stderr.contains("exactly one sender"), "{}", ran.stderr);
    }
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM inbound WHERE status = 'quarantined' AND reason LIKE '%exactly one sender%' AND raw IS NOT NULL"
        ),
        3
    );
    assert_eq!(count(d, "SELECT count(*) FROM feedback"), 0);
    assert_eq!(
        count(d, "SELECT count(*) FROM outbox WHERE kind != 'intro'"),
        0
    );
}

/// Security review, finding 7: quarantined mail from anyone was kept whole (up to 25 MiB)
/// for ever. Now its headers and the first 64 KiB are kept, and the daemon drops even that
/// (and files set aside in the Maildir's `quarantine/`) after `[inbound] quarantine_days`
/// (30 by default), at start and then daily.
#[test]
fn quarantined_mail_keeps_its_head_only_and_is_dropped_after_its_retention() {
    let dir = program();
    let d = dir.path();
    pair_up(d);
    let big = |id: &str| {
        format!(
            "From: a@evil.example\r\nFrom: b@evil.example\r\nTo: mentoring@acme.example\r\nSubject: big\r\nMessage-ID: <{id}>\r\n\r\n{}\r\n",
            "x".repeat(300 * 1024)
        )
    };
    let head = big("old.1@evil.example").find("\r\n\r\n").unwrap() + 4;
    // Quarantined long ago (--now), and just now (the real clock).
    ingest(d, &big("old.1@evil.example"), "2026-01-05T09:00:00Z");
    finish(
        &mut command(d, &["ingest", "-"]),
        big("new.1@evil.example").as_bytes(),
    );
    // The bytes kept of the quarantined messages, oldest first (a message quarantined before
    // parsing has no Message-ID on record).
    let kept = || -> Vec<Option<i64>> {
        let db = db(d);
        let mut stmt = db
            .prepare("SELECT length(raw) FROM inbound WHERE status = 'quarantined' ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let excerpt = Some(head as i64 + 64 * 1024);
    assert_eq!(kept(), vec![excerpt, excerpt]);
    let set_aside = d.join("var/inbox/quarantine");
    std::fs::create_dir_all(&set_aside).unwrap();
    for name in ["1600000000.old.host", "1700000000.recent.host"] {
        std::fs::write(set_aside.join(name), "poison").unwrap();
    }
    let touched = Command::new("touch")
        .args(["-d", "2020-01-01 00:00:00"])
        .arg(set_aside.join("1600000000.old.host"))
        .status()
        .unwrap();
    assert!(touched.success());

    let mut daemon = Daemon::start_with_env(d, &[("UPWARD_SECRET", SECRET.as_ref())]);
    let line = daemon.wait_for("quarantined messages past their retention dropped");
    assert!(line.contains("rows=1"), "{line}");
    assert!(line.contains("files=1"), "{line}");
    assert_eq!(kept(), vec![None, excerpt]);
    assert_eq!(
        count(
            d,
            "SELECT count(*) FROM inbound WHERE reason LIKE '%exactly one sender%kept for review%dropped after its retention'"
        ),
        1
    );
    assert!(!set_aside.join("1600000000.old.host").exists());
    assert!(set_aside.join("1700000000.recent.host").exists());
    daemon.signal("TERM");
    daemon.wait_for("upward stopped cleanly");
    assert_eq!(daemon.wait_exit(), Some(0));
}
