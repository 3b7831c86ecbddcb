//! Partners reach each other over the real mail stack: a reply to the introduction (Gmail,
//! with a PDF) goes through Postfix to Dovecot, the daemon reads it over IMAPS and passes it
//! on through Postfix to the partner's Maildir, files and all; the partner's answer to that
//! relay (Outlook) comes back to the first partner the same way. Neither is logged as a
//! session, and the writers get no automatic answer.

use crate::roundtrip::{Mail, count, inbox, real_mail_program, start_daemon, store, wait_until};
use crate::util::MailStack;

const PEOPLE: [(&str, &str, &str, u8, &str); 2] = [
    ("Ana Mentor", "ana", "mentor", 1, "Sales"),
    ("Dan Mentee", "dan", "mentee", 7, "Finance"),
];

/// The one mail of `kind` in `user`'s Maildir, waiting up to a minute for it.
fn one(stack: &MailStack, user: &str, kind: &str) -> Mail {
    wait_until(60, &format!("{kind} in {user}'s Maildir"), || {
        inbox(stack, user).iter().any(|m| m.kind == kind)
    });
    let mut found: Vec<Mail> = inbox(stack, user)
        .into_iter()
        .filter(|m| m.kind == kind)
        .collect();
    assert_eq!(found.len(), 1, "{user}: {found:?}");
    found.remove(0)
}

#[test]
fn a_reply_to_the_introduction_reaches_the_partner_and_the_answer_comes_back() {
    let Some(stack) = MailStack::start_with_users(&["ana", "dan"]) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    real_mail_program(d, &stack, &PEOPLE);
    let mut daemon = start_daemon(d);
    let intro = one(&stack, "ana", "intro");
    let flat = intro.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("reply to this email and your partner gets your message"),
        "{flat}"
    );
    assert!(intro.text.contains("dan@acme.test"), "{}", intro.text);

    // Ana answers the introduction from Gmail, with her slides attached.
    let note = "Lovely to meet you, Dan! Would Tuesday at 3 suit you for a first chat?";
    let reply_to = intro.reply_to.clone().unwrap();
    let gmail = format!(
        "From: Ana Mentor <ana@acme.test>\nTo: \"Round trip\" <{reply_to}>\nSubject: Re: {subject}\nDate: {date}\nMessage-ID: <CAF+relay.1@mail.gmail.com>\nIn-Reply-To: <{parent}>\nReferences: <{parent}>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"000000000000mixed\"\n\n--000000000000mixed\nContent-Type: multipart/alternative; boundary=\"000000000000alt\"\n\n--000000000000alt\nContent-Type: text/plain; charset=\"UTF-8\"\n\n{note}\n\nOn Mon, Round trip <{reply_to}> wrote:\n> Welcome to Round trip.\n\n--000000000000alt\nContent-Type: text/html; charset=\"UTF-8\"\n\n<div dir=\"ltr\">{note}</div><div class=\"gmail_quote\"><blockquote class=\"gmail_quote\">Welcome to Round trip.</blockquote></div>\n\n--000000000000alt--\n\n--000000000000mixed\nContent-Type: application/pdf; name=\"slides.pdf\"\nContent-Disposition: attachment; filename=\"slides.pdf\"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQKJcOkw7zDtsOfCg==\n--000000000000mixed--\n",
        subject = intro.subject,
        date = date(),
        parent = intro.message_id,
    );
    stack.send_raw("ana@acme.test", &reply_to, &gmail);
    let relay = one(&stack, "dan", "relay");
    let flat = relay.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(note), "{flat}");
    assert!(
        !relay.text.contains("Welcome to Round trip"),
        "{}",
        relay.text
    );
    assert!(
        relay.raw.contains("Ana Mentor via Round trip"),
        "{}",
        relay.raw
    );
    assert!(
        relay
            .raw
            .contains("In-Reply-To: <CAF+relay.1@mail.gmail.com>")
    );
    let parsed = mail_parser::MessageParser::default()
        .parse(relay.raw.as_bytes())
        .unwrap();
    let file = parsed
        .attachments()
        .next()
        .expect("the slides are attached");
    assert_eq!(
        file.contents(),
        b"%PDF-1.4\n%\xc3\xa4\xc3\xbc\xc3\xb6\xc3\x9f\n"
    );
    assert_eq!(relay.to, vec!["dan@acme.test".to_string()]);

    // Dan answers the relay from Outlook: Ana gets his words.
    let back = relay.reply_to.clone().unwrap();
    let answer = "Tuesday at 3 works. See you then!";
    let outlook = format!(
        "From: Dan Mentee <dan@acme.test>\nTo: \"Round trip\" <{back}>\nSubject: RE: {subject}\nDate: {date}\nMessage-ID: <DB9PR01MB0099@eurprd01.prod.outlook.com>\nIn-Reply-To: <{parent}>\nReferences: <{parent}>\nThread-Topic: {subject}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=\"us-ascii\"\n\n{answer}\n\n-----Original Message-----\nFrom: Ana Mentor via Round trip <{back}>\nSent: Monday 9:00 AM\nTo: Dan Mentee <dan@acme.test>\nSubject: {subject}\n\n{note}\n",
        subject = relay.subject,
        date = date(),
        parent = relay.message_id,
    );
    stack.send_raw("dan@acme.test", &back, &outlook);
    let returned = one(&stack, "ana", "relay");
    assert!(returned.text.contains(answer), "{}", returned.text);
    assert!(
        !returned.text.contains("Original Message"),
        "{}",
        returned.text
    );

    let db = store(d);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM inbound WHERE classification = 'conversation'"
        ),
        2
    );
    assert_eq!(count(&db, "SELECT count(*) FROM sessions"), 0);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM outbox WHERE kind IN ('confirmation', 'command')"
        ),
        0,
        "nobody gets an automatic answer to a note to their partner"
    );
    let log = daemon.log_so_far();
    assert!(
        !log.contains(note) && !log.contains(answer),
        "no words in the log: {log}"
    );
}

/// An RFC 2822 date for mail written now.
fn date() -> String {
    #[allow(clippy::disallowed_methods)] // NOTE: a participant writes now
    chrono::Utc::now().to_rfc2822()
}

/// A question in a reply to a prompt goes through the real stack to the coordinator's
/// mailbox; the participant is told, and HR's reply reaches them directly.
#[test]
fn a_question_to_the_program_reaches_the_coordinator_who_answers_directly() {
    let Some(stack) = MailStack::start_with_users(&["ana", "dan", "hr"]) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    real_mail_program(d, &stack, &PEOPLE);
    let _daemon = start_daemon(d);
    let prompt = one(&stack, "ana", "prompt");
    let reply_to = prompt.reply_to.clone().unwrap();
    let question = "We have not met yet: our calendars never line up. Could I swap partners?";
    let raw = format!(
        "From: Ana Mentor <ana@acme.test>\nTo: \"Round trip\" <{reply_to}>\nSubject: Re: {subject}\nDate: {date}\nMessage-ID: <question.1@acme.test>\nIn-Reply-To: <{parent}>\nReferences: <{parent}>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{question}\n\n> Did you meet Dan recently?\n",
        subject = prompt.subject,
        date = date(),
        parent = prompt.message_id,
    );
    stack.send_raw("ana@acme.test", &reply_to, &raw);
    let forwarded = one(&stack, "hr", "forward");
    let flat = forwarded
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains(question), "{flat}");
    assert_eq!(forwarded.reply_to.as_deref(), Some("ana@acme.test"));
    assert!(forwarded.raw.contains("Ana Mentor via Round trip"));
    let told = one(&stack, "ana", "command");
    let flat = told.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("hr@acme.test"), "{flat}");
    // HR answers by replying: it goes to Ana, not to the program.
    let answer = format!(
        "From: HR <hr@acme.test>\nTo: {to}\nSubject: Re: {subject}\nDate: {date}\nMessage-ID: <hr.answer.1@acme.test>\nIn-Reply-To: <{parent}>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nOf course, Ana: I will find you someone in your time zone.\n",
        to = forwarded.reply_to.clone().unwrap(),
        subject = forwarded.subject,
        date = date(),
        parent = forwarded.message_id,
    );
    stack.send_raw("hr@acme.test", "ana@acme.test", &answer);
    wait_until(60, "HR's answer in Ana's Maildir", || {
        inbox(&stack, "ana")
            .iter()
            .any(|m| m.text.contains("someone in your time zone"))
    });
    let db = store(d);
    assert_eq!(
        count(&db, "SELECT count(*) FROM outbox WHERE kind = 'forward'"),
        1,
        "once per message"
    );
}
